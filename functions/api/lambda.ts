import { handle } from 'hono/aws-lambda';
import { loadConfig } from '../../shared/config.js';
import { buildRuntime } from '../../shared/runtime.js';
import { createApp } from './app.js';

// Built once per cold start; a misconfigured environment fails here, naming the variable.
const config = loadConfig(process.env);
const app = createApp({
  ...(await buildRuntime(config)),
  // The web pages sign in through Cognito's hosted pages when the user pool has a domain.
  ...(config.COGNITO_DOMAIN ? { hostedSignIn: { domain: config.COGNITO_DOMAIN, clientId: config.JWT_AUDIENCE } } : {}),
});

export const handler = handle(app);
