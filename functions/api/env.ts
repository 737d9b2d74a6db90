import type { OpenAPIHono } from '@hono/zod-openapi';
import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import type { Actor } from '../../shared/domain/actor.js';

/** Hono's per-request typing: what middleware puts on the context for routes to read. */
export interface AppEnv {
  Bindings: { event?: LambdaEvent; lambdaContext?: LambdaContext };
  Variables: { actor: Actor; correlationId: string };
}

export type App = OpenAPIHono<AppEnv>;
