import { z } from 'zod';

/**
 * Everything the running platform reads from its environment, validated once at start-up.
 * A missing or malformed variable fails fast, naming the variable; there are no defaults that
 * hide a misconfiguration (no default table name, no fake credentials).
 */
const ConfigSchema = z
  .object({
    TABLE_NAME: z.string().min(3),
    AWS_REGION: z.string().min(1).optional(),
    /** Only set locally: the DynamoDB Local endpoint. */
    DYNAMODB_ENDPOINT: z.url().optional(),
    AUTH_MODE: z.enum(['local', 'cognito']),
    JWT_ISSUER: z.string().min(1),
    JWT_AUDIENCE: z.string().min(1),
    /** cognito mode: the user pool's JWKS URL. */
    JWKS_URL: z.url().optional(),
    /** cognito mode: the user pool, which is the staff directory (names, addresses, roles, teams). */
    USER_POOL_ID: z
      .string()
      .regex(/^[\w-]+_[0-9a-zA-Z]+$/, { message: 'must be a user pool id, such as eu-west-2_AbC123' })
      .optional(),
    /** Where people reach Routeway (`https://…`, no trailing slash): the links in the emails the notifier sends. */
    APP_URL: z
      .url()
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
    /** cognito mode: the user pool's hosted sign-in domain (`https://<prefix>.auth.<region>.amazoncognito.com`), for the web pages. */
    COGNITO_DOMAIN: z.url({ protocol: /^https$/ }).optional(),
    /** local mode: the public key set file written by `npm run token` / `npm start`. */
    LOCAL_JWKS_PATH: z.string().min(1).optional(),
    /** local mode only: the provider organisation assumed when a token carries no `org` claim. */
    DEFAULT_ORG: z
      .string()
      .regex(/^[a-z0-9-]{2,40}$/)
      .optional(),
    LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).optional(),
    /** Days after exit before a participant's personal data is erased by the retention sweep (policy: 2 years). */
    /** Where email goes: files in a local folder, or SES v2. */
    EMAIL_MODE: z.enum(['local', 'ses']),
    EMAIL_FROM: z.email().optional(),
    LOCAL_OUTBOX_DIR: z.string().min(1).optional(),
    RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(730),
    /** The offline geocoder's table (data/postcode-districts.csv; copied beside each Lambda bundle). */
    POSTCODE_DISTRICTS_PATH: z.string().min(1),
    /**
     * Which geocoder places postcodes: the offline district table (default, and the fallback always), or
     * Amazon Location Service for full postcodes (AWS only; needs geo-places:Geocode and a stored-results plan).
     */
    GEOCODER: z.enum(['district', 'amazon-location']).default('district'),
    /** The region of Amazon Location calls, when it differs from the function's. */
    GEO_PLACES_REGION: z.string().min(1).optional(),
    /** Where per-caller request counters live: this process's memory (one process, locally) or the table (AWS, shared by every instance). */
    RATE_LIMIT_STORE: z.enum(['memory', 'dynamodb']),
    /** Requests a signed-in user may make per minute (default 600). */
    RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.AUTH_MODE === 'cognito' && !env.JWKS_URL) {
      ctx.addIssue({ code: 'custom', path: ['JWKS_URL'], message: 'required when AUTH_MODE=cognito' });
    }
    if (env.AUTH_MODE === 'cognito' && !env.USER_POOL_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['USER_POOL_ID'],
        message: 'required when AUTH_MODE=cognito (the user pool is the staff directory)',
      });
    }
    if (env.COGNITO_DOMAIN && env.AUTH_MODE !== 'cognito') {
      ctx.addIssue({ code: 'custom', path: ['COGNITO_DOMAIN'], message: 'only used when AUTH_MODE=cognito' });
    }
    if (env.EMAIL_MODE === 'ses' && !env.EMAIL_FROM) {
      ctx.addIssue({ code: 'custom', path: ['EMAIL_FROM'], message: 'required when EMAIL_MODE=ses' });
    }
    if (env.EMAIL_MODE === 'local' && !env.LOCAL_OUTBOX_DIR) {
      ctx.addIssue({ code: 'custom', path: ['LOCAL_OUTBOX_DIR'], message: 'required when EMAIL_MODE=local' });
    }
    if (env.AUTH_MODE === 'local' && !env.DEFAULT_ORG) {
      ctx.addIssue({ code: 'custom', path: ['DEFAULT_ORG'], message: 'required when AUTH_MODE=local' });
    }
    if (env.AUTH_MODE === 'cognito' && env.DEFAULT_ORG) {
      // Outside local mode every token must name its organisation: a default would hand its data to any token without one.
      ctx.addIssue({ code: 'custom', path: ['DEFAULT_ORG'], message: 'not allowed when AUTH_MODE=cognito (tokens must carry custom:org)' });
    }
    if (env.AUTH_MODE === 'local' && !env.LOCAL_JWKS_PATH) {
      ctx.addIssue({ code: 'custom', path: ['LOCAL_JWKS_PATH'], message: 'required when AUTH_MODE=local' });
    }
  });

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment into a frozen config; throws one error naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return Object.freeze(parsed.data);
}
