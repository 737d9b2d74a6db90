import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../env.js';

/** Pages of our own with a little inline CSS and no personal data: the API reference and the local outbox. */
const INLINE_STYLE_PATHS = new Set(['/docs', '/dev/outbox']);

/**
 * Security headers on every response (Hono's secureHeaders): a Content-Security-Policy that allows only
 * our own scripts, styles, fonts and images, no framing (frame-ancestors 'none' and X-Frame-Options),
 * nosniff, a same-origin referrer, and HSTS when served over HTTPS (in AWS). Forms may post only to
 * Routeway, and to the identity provider's domain for sign-out.
 */
export function securityHeaders(opts: { hsts: boolean; formTargets?: string[] }): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", (c) => (INLINE_STYLE_PATHS.has(c.req.path) ? "'unsafe-inline'" : '')],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'", ...(opts.formTargets ?? [])],
    },
    strictTransportSecurity: opts.hsts ? 'max-age=63072000; includeSubDomains' : false,
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    crossOriginEmbedderPolicy: false,
    originAgentCluster: '?1',
    xDnsPrefetchControl: 'off',
    xDownloadOptions: 'noopen',
    xPermittedCrossDomainPolicies: 'none',
    xXssProtection: '0',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
  });
}

/**
 * Responses carry personal data unless they say otherwise: anything that did not set its own
 * Cache-Control (the static assets do) is `no-store`, so no browser or proxy keeps a copy.
 */
export const noStoreByDefault: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
};
