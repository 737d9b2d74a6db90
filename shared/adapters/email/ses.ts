import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { EmailMessage, EmailSender } from '../../ports/repositories.js';

/** Email in AWS: SES v2 from a verified sender. */
export class SesEmailSender implements EmailSender {
  constructor(
    private readonly client: SESv2Client,
    private readonly from: string,
  ) {}

  async send(m: EmailMessage): Promise<void> {
    await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: [m.to] },
        Content: {
          Simple: {
            Subject: { Data: m.subject },
            Body: { Text: { Data: m.text } },
            // Mail programs offer their own "unsubscribe" button, which posts to the link (RFC 8058).
            ...(m.unsubscribeUrl
              ? {
                  Headers: [
                    { Name: 'List-Unsubscribe', Value: `<${m.unsubscribeUrl}>` },
                    { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
                  ],
                }
              : {}),
          },
        },
      }),
    );
  }
}
