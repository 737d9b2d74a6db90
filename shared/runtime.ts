import { readFile } from 'node:fs/promises';
import type { JSONWebKeySet } from 'jose';
import { createDocumentClient } from './adapters/dynamodb/client.js';
import { DynamoRateLimiter } from './adapters/dynamodb/rate-limiter.js';
import { Store } from './adapters/dynamodb/store.js';
import { GeoPlacesClient } from '@aws-sdk/client-geo-places';
import { DynamoGeocodeCache } from './adapters/dynamodb/geocode-cache.js';
import { AmazonLocationGeocoder } from './adapters/geo/amazon-location-geocoder.js';
import { DistrictGeocoder } from './adapters/geo/district-geocoder.js';
import { MemoryRateLimiter } from './adapters/memory/rate-limiter.js';
import { DEFAULT_RATE_LIMITS, type RateLimiter, type RateLimits } from './ports/rate-limiter.js';
import type { Clock } from './clock.js';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoStaffDirectory } from './adapters/cognito/staff-directory.js';
import { dynamoRepositories, dynamoStaffDirectory } from './adapters/dynamodb/index.js';
import { createTokenVerifier, type TokenVerifier } from './auth/verifier.js';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import { ulidGenerator } from './ids.js';
import { logger } from './logger.js';
import type { Deps } from './use-cases/deps.js';

/**
 * The composition root: the only place that decides which adapters serve the use cases. Local and
 * AWS differ here (endpoint, key set), never inside routes or use cases. Email is built apart
 * (shared/email-runtime.ts) so the functions that send none do not bundle the SES client.
 */
export async function buildRuntime(
  config: Config,
): Promise<
  Deps & { verifier: TokenVerifier; logger: typeof logger; rateLimiting: { limiter: RateLimiter; limits: RateLimits; clock: Clock } }
> {
  if (config.LOG_LEVEL) logger.setLogLevel(config.LOG_LEVEL);
  const db = createDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
  const ids = ulidGenerator();
  const verifier = createTokenVerifier({
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    ...(config.AUTH_MODE === 'local' ? { defaultOrg: config.DEFAULT_ORG } : {}),
    keys:
      config.AUTH_MODE === 'local'
        ? { kind: 'local', jwks: JSON.parse(await readFile(config.LOCAL_JWKS_PATH!, 'utf8')) as JSONWebKeySet }
        : { kind: 'remote', url: config.JWKS_URL! },
  });
  const limits = {
    ...DEFAULT_RATE_LIMITS,
    ...(config.RATE_LIMIT_USER_PER_MINUTE ? { userPerWindow: config.RATE_LIMIT_USER_PER_MINUTE } : {}),
  };
  const limiter =
    config.RATE_LIMIT_STORE === 'dynamodb'
      ? new DynamoRateLimiter(new Store(db, config.TABLE_NAME), limits.windowSeconds)
      : new MemoryRateLimiter(limits.windowSeconds);
  const districts = new DistrictGeocoder(config.POSTCODE_DISTRICTS_PATH);
  const geocoder =
    config.GEOCODER === 'amazon-location'
      ? new AmazonLocationGeocoder({
          client: new GeoPlacesClient({ region: config.GEO_PLACES_REGION ?? config.AWS_REGION, maxAttempts: 2 }),
          cache: new DynamoGeocodeCache(new Store(db, config.TABLE_NAME)),
          fallback: districts,
          warn: (message, detail) => logger.warn(message, detail),
        })
      : districts;
  return {
    repos: dynamoRepositories(db, config.TABLE_NAME, ids),
    // The user pool is the directory in AWS; locally the table is.
    directory:
      config.AUTH_MODE === 'cognito'
        ? new CognitoStaffDirectory(new CognitoIdentityProviderClient({ region: config.AWS_REGION }), config.USER_POOL_ID!)
        : dynamoStaffDirectory(db, config.TABLE_NAME),
    geocoder,
    clock: systemClock,
    ids,
    verifier,
    logger,
    rateLimiting: { limiter, limits, clock: systemClock },
  };
}
