#!/usr/bin/env node
import { buildApp } from '../app.js';

// `cdk synth` / `cdk deploy` entry point (cdk.json "app"). All construction lives in buildApp so
// tests can build the same app without side effects.
buildApp().app.synth();
