import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmailMessage, EmailSender } from '../../ports/repositories.js';

/** Local email: one file per message in a folder, listed at /dev/outbox by `npm start`. */
export class LocalOutboxEmailSender implements EmailSender {
  constructor(private readonly dir: string) {}

  async send(m: EmailMessage): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}.eml`;
    const unsubscribe = m.unsubscribeUrl
      ? `List-Unsubscribe: <${m.unsubscribeUrl}>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\n`
      : '';
    await writeFile(
      join(this.dir, name),
      `To: ${m.to}\nSubject: ${m.subject}\nDate: ${new Date().toUTCString()}\n${unsubscribe}\n${m.text}`,
    );
  }
}

export async function readLocalOutbox(dir: string, limit = 100): Promise<{ file: string; to: string; subject: string; text: string }[]> {
  let files: string[];
  try {
    files = (await readdir(dir))
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .reverse()
      .slice(0, limit);
  } catch {
    return [];
  }
  return Promise.all(
    files.map(async (file) => {
      const raw = await readFile(join(dir, file), 'utf8');
      const [head = '', ...body] = raw.split('\n\n');
      const header = (k: string) => new RegExp(`^${k}: (.*)$`, 'm').exec(head)?.[1] ?? '';
      return { file, to: header('To'), subject: header('Subject'), text: body.join('\n\n') };
    }),
  );
}

/** Tests: keeps messages in memory. */
export class MemoryEmailSender implements EmailSender {
  readonly sent: EmailMessage[] = [];
  async send(m: EmailMessage): Promise<void> {
    this.sent.push(m);
  }
}
