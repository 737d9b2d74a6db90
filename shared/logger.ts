import { Logger } from '@aws-lambda-powertools/logger';

/** The one Powertools logger. Structured fields only; never tokens or sensitive participant fields. */
export const logger = new Logger({ serviceName: 'routeway' });

/** The narrow shape collaborators need, so tests can pass a silent stand-in. */
export type AppLogger = Pick<Logger, 'info' | 'warn' | 'error' | 'debug' | 'appendKeys' | 'resetKeys' | 'addContext'>;
