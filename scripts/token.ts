/**
 * Prints a bearer token the local server accepts:
 *   npm run --silent token -- --role liaison --sub u-liaison-1 [--employer ID] [--org demo-org] [--hours 8]
 */
import { parseArgs } from 'node:util';
import { loadOrCreateLocalKeys, signLocalToken } from '../shared/auth/local-keys.js';
import { ROLES, type Role } from '../shared/domain/actor.js';
import { JWKS_PATH, LOCAL_ORG, SIGNING_KEY_PATH } from './lib/local-paths.js';

const usage =
  'usage: npm run --silent token -- --role <admin|liaison|adviser|employer> --sub <id> [--employer <id>] [--org <org>] [--hours <n>]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        role: { type: 'string' },
        sub: { type: 'string' },
        employer: { type: 'string' },
        org: { type: 'string' },
        hours: { type: 'string' },
      },
    });
  } catch (err) {
    return fail((err as Error).message);
  }
})();

const role = ROLES.find((r) => r === values.role);
if (!role) fail(`--role must be one of ${ROLES.join(', ')}`);
if (!values.sub) fail('--sub is required (the user id, e.g. u-liaison-1)');
if (role === 'employer' && !values.employer) fail('--employer is required for the employer role (the employer id the user acts for)');
const hours = values.hours ? Number(values.hours) : 8;
if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) fail('--hours must be a number of hours up to 720');

const keys = await loadOrCreateLocalKeys(SIGNING_KEY_PATH, JWKS_PATH);
const token = await signLocalToken(
  keys,
  { sub: values.sub, role: role as Role, org: values.org ?? LOCAL_ORG, ...(values.employer ? { employerId: values.employer } : {}) },
  Math.round(hours * 3600),
);
process.stdout.write(`${token}\n`);
