import type { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { readLocalOutbox } from '../../../shared/adapters/email/local-outbox.js';
import type { WebEnv } from './context.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * Local mode only: the emails the notifier "sent", as files in the local outbox folder. The route is
 * registered only when the app is started with a local outbox (never with SES), behind the pages'
 * session (web-app.tsx): the mail is people's names and addresses.
 */
export function outboxPage(web: Hono<WebEnv>, outboxDir: string): void {
  web.get('/dev/outbox', async (c) => {
    const mails = await readLocalOutbox(outboxDir);
    const rows = mails
      .map(
        (m) =>
          `<article><h2>${esc(m.subject)}</h2><p><strong>To:</strong> ${esc(m.to)} <small>(${esc(m.file)})</small></p><pre>${esc(m.text)}</pre></article>`,
      )
      .join('');
    return c.html(html`<!doctype html>
      <html lang="en">
        <head><meta charset="utf-8" /><title>Local email outbox</title>
          <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}article{border-bottom:1px solid #b1b4b6;padding:.5rem 0}pre{white-space:pre-wrap;background:#f3f2f1;padding:.5rem}</style>
        </head>
        <body>
          <h1>Local email outbox</h1>
          <p>${mails.length} most recent messages from ${outboxDir}. In AWS these go through SES.</p>
          ${raw(rows || '<p>No email yet.</p>')}
        </body>
      </html>`);
  });
}
