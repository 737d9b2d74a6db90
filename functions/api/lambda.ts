import { handle } from 'hono/aws-lambda';
import { loadConfig } from '../../shared/config.js';
import { buildRuntime } from '../../shared/runtime.js';
import { createApp } from './app.js';

// Built once per cold start; a misconfigured environment fails here, naming the variable.
const app = createApp(await buildRuntime(loadConfig(process.env)));

export const handler = handle(app);
