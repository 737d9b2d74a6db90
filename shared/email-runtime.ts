import { SESv2Client } from '@aws-sdk/client-sesv2';
import { LocalOutboxEmailSender } from './adapters/email/local-outbox.js';
import { SesEmailSender } from './adapters/email/ses.js';
import type { Config } from './config.js';
import type { EmailSender } from './ports/repositories.js';

/** Where email goes: SES v2 in AWS, files in a local folder with `npm start`. Only the notifier sends. */
export function buildEmailSender(config: Config): EmailSender {
  return config.EMAIL_MODE === 'ses'
    ? new SesEmailSender(new SESv2Client({ region: config.AWS_REGION }), config.EMAIL_FROM!)
    : new LocalOutboxEmailSender(config.LOCAL_OUTBOX_DIR!);
}
