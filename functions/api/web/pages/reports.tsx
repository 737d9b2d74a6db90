import type { Hono } from 'hono';
import type { AppDeps } from '../../app.js';
import type { WebEnv } from '../index.js';

export function reportPages(_web: Hono<WebEnv>, _deps: AppDeps): void {}
