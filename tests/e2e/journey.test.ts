import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body } from '../support/harness.js';
import { PERSONAS, SECOND_ADVISER, startServer, type E2EServer, type SeededParticipant } from '../support/server.js';

/**
 * The journey in a real browser (Debian's Chromium, headless), against the real app served over
 * HTTP with the notifier running: a liaison officer takes a vacancy (getting it wrong first), puts two
 * suggested candidates forward; their adviser agrees for each; the employer rejects one with a reason
 * and invites the other; the adviser sees both outcomes. Every page walked is checked with axe, once
 * per page in each state that shows something more (a form checked with its errors, not again blank; a
 * second participant's page like the first's is not checked again), and each persona's start page is saved
 * as a screenshot under test-results/screenshots/ (every page checked under test-results/screenshots/pages/, JPEG,
 * and axe's full findings in test-results/axe.json).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS = `${ROOT}test-results/`;
const SCREENSHOTS = `${RESULTS}screenshots/`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const STEP_TIMEOUT = 120_000;

type Role = 'liaison' | 'adviser' | 'employer' | 'admin';

let server: E2EServer;
let browser: Browser;
/** One browser session per persona, with JavaScript on or off: signed in through the sign-in page once, then reused. */
const contexts = new Map<string, BrowserContext>();

/** Every axe finding, whatever its impact, page by page: written to test-results/axe.json at the end. */
const axeLog: { page: string; url: string; violations: { id: string; impact: string | null; help: string; nodes: string[] }[] }[] = [];

beforeAll(async () => {
  await mkdir(`${SCREENSHOTS}pages`, { recursive: true });
  // Both at once: DynamoDB seeding and Chromium's start are independent.
  [server, browser] = await Promise.all([
    startServer(),
    chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }),
  ]);
}, STEP_TIMEOUT);

afterAll(async () => {
  for (const c of contexts.values()) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  await writeFile(`${RESULTS}axe.json`, `${JSON.stringify(axeLog, null, 2)}\n`).catch(() => undefined);
}, STEP_TIMEOUT);

/**
 * A page signed in as one persona, on their start page (JavaScript on unless asked). The persona's first
 * session with JavaScript on or off signs in through the local sign-in page; later ones open a new tab in
 * that session (its cookies, and the browser's cache of the GOV.UK assets), as a person coming back would.
 */
async function signIn(role: Role, opts: { axe?: boolean; javaScript?: boolean } = {}): Promise<Page> {
  const javaScript = opts.javaScript ?? true;
  const key = `${role}/${javaScript ? 'js' : 'no-js'}`;
  const open = contexts.get(key);
  if (open) {
    for (const old of open.pages()) await old.close();
    const page = await open.newPage();
    page.setDefaultTimeout(15_000);
    watch(page, role);
    await visit(page, '/app', { axe: false });
    return page;
  }
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    javaScriptEnabled: javaScript,
  });
  contexts.set(key, context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  watch(page, role);
  await visit(page, '/sign-in', { axe: opts.axe ?? false });
  await page.locator(`select[name="user-${role}"]`).selectOption(PERSONAS[role].sub);
  await Promise.all([page.waitForURL((u) => u.pathname === '/app'), page.getByRole('button', { name: `Sign in as ${role}` }).click()]);
  return page;
}

/** Whatever the browser reports as an error on any page (a script that throws, a policy that blocks one), by page. */
const browserErrors: string[] = [];
function watch(page: Page, who: string) {
  page.on('pageerror', (err) => browserErrors.push(`${who} ${page.url()}: ${err.message}`));
  page.on('console', (msg) => {
    // A form sent back with its errors is itself a 400: the browser logs the document's status, which is the design, not a fault.
    const ownStatus =
      /^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text()) && msg.location().url === page.url();
    if (msg.type() === 'error' && !ownStatus) browserErrors.push(`${who} ${page.url()}: console: ${msg.text()}`);
  });
}

/**
 * What every page must be beyond axe: GOV.UK Frontend's script started (it marks the body), no error in
 * the browser, and nothing wider than a 375 px phone screen (tables scroll inside their own box).
 */
async function checkPage(page: Page, label: string) {
  expect
    .soft(await page.evaluate<boolean>("document.body.classList.contains('govuk-frontend-supported')"), `JavaScript started on ${label}`)
    .toBe(true);
  expect.soft(browserErrors, `browser errors by ${label}`).toEqual([]);
  await checkWidth(page, label);
}

/** Nothing on the page is wider than a 375 px phone screen (tables scroll inside their own box). */
async function checkWidth(page: Page, label: string) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 800 });
  const widths = await page.evaluate<{ page: number; view: number; widest: string }>(`(() => {
    const view = document.documentElement.clientWidth;
    let widest = '';
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > view + 1 && !el.closest('.rw-scroll')) { widest = el.tagName + '.' + el.className; break; }
    }
    return { page: document.documentElement.scrollWidth, view, widest };
  })()`);
  expect.soft(widths.page, `${label} at 375 px is ${widths.page} px wide (${widths.widest})`).toBeLessThanOrEqual(widths.view);
  if (size) await page.setViewportSize(size);
}

/** Goes to a path, expects it to load, and checks it with axe. */
async function visit(page: Page, path: string, opts: { axe?: boolean; label?: string } = {}) {
  const res = await page.goto(path);
  expect(res?.status(), `GET ${path}`).toBe(200);
  if (opts.axe ?? true) await checkAxe(page, opts.label ?? path);
}

/**
 * axe on the page as it is now. Serious and critical violations fail the test (softly, so the journey
 * goes on and every page's findings are reported); all findings are logged to test-results/axe.json.
 */
async function checkAxe(page: Page, label: string): Promise<string> {
  // Every rule runs on every element as before, in one pass over the page (axe.run): the default runs axe
  // in each frame and then again in a blank page to merge them, for cross-origin frames our pages do not
  // have (they have no frames at all). Only violations are gathered in full (passes and the rest were
  // never read), which axe documents as its option for speed.
  const results = await new AxeBuilder({ page })
    .setLegacyMode()
    .options({ resultTypes: ['violations'] })
    .analyze();
  const violations = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`.trim()),
  }));
  axeLog.push({ page: label, url: new URL(page.url()).pathname + new URL(page.url()).search, violations });
  await checkPage(page, label);
  // Every page checked is also kept as a picture, for a person to look over after the run (JPEG: a
  // fraction of a full-page PNG's encoding time, and as readable).
  const slug = label.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const picture = `${SCREENSHOTS}pages/${String(axeLog.length).padStart(2, '0')}-${slug}.jpg`;
  await page.screenshot({ path: picture, type: 'jpeg', quality: 85, fullPage: true });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  // The failure message prints each violation with the elements it found.
  expect.soft(bad, `serious or critical axe violations on ${label}`).toEqual([]);
  return picture;
}

/** The persona's start page: checked with axe and saved as a full-page screenshot. */
async function startPage(page: Page, role: Role) {
  const res = await page.goto('/app');
  expect(res?.status(), 'GET /app').toBe(200);
  // The picture axe's check took, under the persona's name.
  await copyFile(await checkAxe(page, `/app (${role})`), `${SCREENSHOTS}${role}.jpg`);
}

/** Submits a form by its button and waits for the page the server answers with (a redirect or the form again). */
async function submit(page: Page, button: Locator) {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

/** Sets a form control by name, whatever kind it is: a select, a checkbox or radio (by value), or a text box. */
async function setField(scope: Page | Locator, name: string, value: string) {
  const controls = scope.locator(`[name="${name}"]`);
  const first = controls.first();
  const [tag, type] = await first.evaluate((el) => [el.tagName.toLowerCase(), el.getAttribute('type') ?? '']);
  if (tag === 'select') await first.selectOption(value);
  else if (type === 'checkbox' || type === 'radio') await scope.locator(`[name="${name}"][value="${value}"]`).check();
  else await first.fill(value);
}

/** The page's one h1, as read. */
async function h1(page: Page) {
  return (await page.locator('h1').innerText()).trim();
}

/** The page the server answered with shows no error summary (and says what it did show if it does). */
async function noErrors(page: Page) {
  const summary = page.locator('.govuk-error-summary');
  expect(await summary.count(), (await summary.count()) ? `error summary on ${page.url()}: ${await summary.innerText()}` : '').toBe(0);
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** A moment as the GOV.UK date input asks for it in UK time: day, month, year and "14:05". */
function londonParts(d: Date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      day: 'numeric',
      month: 'numeric',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return { day: parts.day!, month: parts.month!, year: parts.year!, time: `${parts.hour}:${parts.minute}` };
}

describe('the journey from vacancy to outcome, in a browser', { timeout: STEP_TIMEOUT }, () => {
  let vacancyId: string | undefined;
  let chosen: SeededParticipant[] = [];
  let agreed = false;
  let decided = false;
  const VACANCY_TITLE = 'Warehouse operative (early shifts)';

  it('signs in as a liaison officer; the sign-in and start pages pass axe', async () => {
    const page = await signIn('liaison', { axe: true });
    await startPage(page, 'liaison');
    expect.soft(await h1(page)).toBe('My employers');
    expect.soft(await page.getByRole('link', { name: server.seed.employerName }).count()).toBe(1);
    // The footer's information pages: real pages, from every page, readable by anyone.
    for (const [path, heading] of [
      ['/help', 'Help and contact'],
      ['/accessibility', 'Accessibility statement for Routeway'],
      ['/privacy', 'Privacy notice'],
      ['/cookies', 'Cookies'],
    ] as const) {
      await page
        .getByRole('contentinfo')
        .getByRole('link', { name: heading === 'Accessibility statement for Routeway' ? 'Accessibility statement' : heading })
        .click();
      await page.waitForURL((u) => u.pathname === path);
      expect.soft(await h1(page)).toBe(heading);
      await checkAxe(page, path);
    }
    // Whom to talk to: Colleagues, searched by a name.
    await visit(page, '/app/staff', { axe: false });
    await setField(page, 'q', SECOND_ADVISER.name.split(' ')[0]!);
    await submit(page, page.getByRole('button', { name: 'Search' }));
    expect.soft(await page.locator('main table').innerText()).toContain(SECOND_ADVISER.name);
    await checkAxe(page, '/app/staff (found)');
    // Someone on an adviser's caseload, from the menu: the liaison view (no contact details, no casework).
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Find a participant' }).click();
    await page.waitForURL((u) => u.pathname === '/app/participants');
    await setField(page, 'adviserId', PERSONAS.adviser.sub);
    await setField(page, 'text', server.seed.participants[0]!.lastName);
    await submit(page, page.getByRole('button', { name: 'Apply filters' }));
    const p0 = server.seed.participants[0]!;
    expect.soft(await page.getByRole('link', { name: `${p0.firstName} ${p0.lastName}` }).count()).toBe(1);
    await checkAxe(page, '/app/participants (found)');
  });

  it('a liaison officer takes a vacancy, is told what is wrong first, and puts two suggested candidates forward', async () => {
    const page = await signIn('liaison');
    // The employer picker is checked with its results, the form with its errors (the same page, more on it).
    await visit(page, `/app/vacancies/new`, { axe: false });
    const { employerId, employerName } = server.seed;
    // Which employer first: found by a word of its name, any number of employers.
    await setField(page, 'q', employerName.split(' ')[0]!);
    await submit(page, page.getByRole('button', { name: 'Search' }));
    await checkAxe(page, '/app/vacancies/new (employer search)');
    await submit(page, page.locator(`a[href="/app/vacancies/new?employerId=${employerId}"]`));
    expect(new URL(page.url()).searchParams.get('employerId')).toBe(employerId);
    const closing = isoDate(new Date(server.h.clock.now().getTime() + 21 * 24 * 3600 * 1000));
    const fill = async (hours: { min: string; max: string }) => {
      await setField(page, 'title', VACANCY_TITLE);
      await setField(page, 'occupation.title', 'Warehouse operative');
      await setField(page, 'sector', 'warehousing-logistics');
      await setField(page, 'site.postcode', 'LS1 4AP');
      await setField(page, 'positions:number', '2');
      await setField(page, 'hoursPerWeek.min:number', hours.min);
      await setField(page, 'hoursPerWeek.max:number', hours.max);
      await setField(page, 'shiftPatterns[]', 'early');
      await setField(page, 'contractType', 'permanent');
      await setField(page, 'wage.amount:number', '12.60');
      await setField(page, 'wage.period', 'hour');
      await setField(page, 'essentialSkills[]', 'picking');
      await setField(page, 'closingDate.day', String(Number(closing.slice(8, 10))));
      await setField(page, 'closingDate.month', String(Number(closing.slice(5, 7))));
      await setField(page, 'closingDate.year', closing.slice(0, 4));
      await setField(page, 'status', 'open');
    };
    const save = page.getByRole('button', { name: 'Save vacancy' });

    // Wrong first: fewer hours at most than at least.
    await fill({ min: '40', max: '16' });
    await submit(page, save);
    expect(new URL(page.url()).pathname).toBe('/app/vacancies');
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor({ state: 'visible' });
    expect(await page.title()).toMatch(/^Error: /);
    const link = summary.locator('a[href="#hoursPerWeek-min"]');
    await link.waitFor({ state: 'visible' });
    await checkAxe(page, '/app/vacancies (form with errors)');
    // GOV.UK Frontend's error summary: following the link puts the cursor in the field.
    await link.click();
    expect.soft(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('hoursPerWeek-min');

    // Then right.
    await fill({ min: '16', max: '40' });
    await submit(page, save);
    const m = /^\/app\/vacancies\/([0-9A-Z]{26})$/.exec(new URL(page.url()).pathname);
    expect(m, `landed on ${page.url()}`).not.toBeNull();
    vacancyId = m![1]!;
    // Checked once two are put forward: the same page, with their proposals beside the candidates left.
    expect(await h1(page)).toBe(VACANCY_TITLE);
    await page.getByRole('heading', { name: 'Suggested candidates' }).waitFor({ state: 'visible' });

    // Everyone seeded is in LS, job-ready and consenting: all are suggested. Put two forward.
    const boxes = page.locator('input[type="checkbox"][name="participantIds[]"]');
    expect(await boxes.count()).toBe(server.seed.participants.length);
    chosen = server.seed.participants.slice(0, 2);
    for (const p of chosen) await page.locator(`input[name="participantIds[]"][value="${p.id}"]`).check();
    await submit(page, page.getByRole('button', { name: 'Put forward selected' }));
    expect(new URL(page.url()).pathname).toBe(`/app/vacancies/${vacancyId}`);
    await noErrors(page);
    await checkAxe(page, '/app/vacancies/{id} (put forward)');
    // Those put forward are no longer offered; the third still is.
    for (const p of chosen) expect(await page.locator(`input[name="participantIds[]"][value="${p.id}"]`).count()).toBe(0);
    expect(await page.locator(`input[name="participantIds[]"][value="${server.seed.participants[2]!.id}"]`).count()).toBe(1);
  });

  it('their adviser records that each agrees to be put forward', async (ctx) => {
    if (!vacancyId || chosen.length !== 2) return ctx.skip();
    const page = await signIn('adviser');
    await startPage(page, 'adviser');
    const caseload = page.locator('table', { hasText: 'Participants on your caseload' });
    for (const p of server.seed.participants)
      expect.soft(await caseload.getByRole('link', { name: `${p.firstName} ${p.lastName}` }).count()).toBe(1);
    // What needs the adviser today: both proposals, before anything else.
    const proposals = page.locator('table', { hasText: 'Ask them, then agree or decline' });
    for (const p of chosen) expect.soft(await proposals.getByRole('link', { name: `${p.firstName} ${p.lastName}` }).count()).toBe(1);

    for (const p of chosen) {
      // The second participant's page is the first's template in the same state: checked for the first.
      const axe = p === chosen[0];
      await visit(page, `/app/participants/${p.id}`, { axe, label: `/app/participants/{id} (${p.firstName})` });
      const form = page.locator('form').filter({ has: page.locator('input[name="agreed:boolean"]') });
      expect(await form.count(), `one agreement form for ${p.firstName}`).toBe(1);
      await form.getByLabel('Yes, they agree to be put forward').check();
      expect(await form.locator('input[name="agreed:boolean"][value="true"]').isChecked()).toBe(true);
      await submit(page, form.getByRole('button', { name: 'Record answer' }));
      await noErrors(page);
      if (axe) await checkAxe(page, `/app/participants/{id} (${p.firstName} agreed)`);
      // Answered: no question left for this proposal.
      expect(await page.locator('input[name="agreed:boolean"]').count()).toBe(0);
    }
    agreed = true;
  });

  it('the employer rejects one with a reason and invites the other to interview', async (ctx) => {
    if (!agreed) return ctx.skip();
    const page = await signIn('employer');
    await startPage(page, 'employer');
    expect.soft(await page.getByRole('link', { name: VACANCY_TITLE }).count()).toBe(1);

    // Checked once, with one candidate decided and the other's decision form still on it.
    await visit(page, `/app/vacancies/${vacancyId}`, { axe: false });
    // The employer sees a reference and the first name they were allowed, never the surname.
    for (const p of chosen) {
      expect(await page.locator('main').innerText()).toContain(`(${p.firstName})`);
      expect(await page.content()).not.toContain(p.lastName);
    }
    const card = (p: SeededParticipant) =>
      page
        .locator('.govuk-summary-card')
        .filter({ hasText: `(${p.firstName})` })
        .filter({ has: page.getByRole('button', { name: 'Send decision' }) });
    const [rejected, invited] = chosen as [SeededParticipant, SeededParticipant];

    let form = card(rejected);
    expect(await form.count()).toBe(1);
    await setField(form, 'decision', 'reject');
    await setField(form, 'reasonCode', 'experience');
    await submit(page, form.getByRole('button', { name: 'Send decision' }));
    expect(new URL(page.url()).pathname).toBe(`/app/vacancies/${vacancyId}`);
    await noErrors(page);
    await checkAxe(page, '/app/vacancies/{id} (employer rejected one)');

    form = card(invited);
    expect(await form.count()).toBe(1);
    await setField(form, 'decision', 'interview');
    await submit(page, form.getByRole('button', { name: 'Send decision' }));
    expect(new URL(page.url()).pathname).toBe(`/app/vacancies/${vacancyId}`);
    await noErrors(page);
    // Nothing is left to decide.
    expect(await page.getByRole('button', { name: 'Send decision' }).count()).toBe(0);
    decided = true;
  });

  it('the adviser sees both outcomes in their notifications', async (ctx) => {
    if (!decided) return ctx.skip();
    const page = await signIn('adviser');
    const [rejected, invited] = chosen as [SeededParticipant, SeededParticipant];
    await visit(page, '/app/notifications', { axe: false });
    const main = page.locator('main');
    // The notifier works on the table's stream, asynchronously: look again until both have arrived.
    const text = async () => {
      await page.reload();
      return main.innerText();
    };
    const poll = { timeout: 30_000, intervals: [250, 500, 1000] };
    await expect.poll(text, poll).toContain(`${rejected.firstName} ${rejected.lastName} not taken forward`);
    await expect.poll(text, poll).toContain(`${invited.firstName} ${invited.lastName} invited to interview`);
    // The rejection says why.
    expect(await main.innerText()).toContain('not enough experience');
    await checkAxe(page, '/app/notifications (adviser)');
  });

  it('the employer posts a vacancy of their own, changes it, then withdraws it', async () => {
    const page = await signIn('employer');
    await visit(page, '/app/vacancies/new', { label: '/app/vacancies/new (employer)' });
    const closing = londonParts(new Date(server.h.clock.now().getTime() + 28 * 24 * 3600 * 1000));
    for (const [name, value] of [
      ['title', 'Forklift driver (nights)'],
      ['occupation.title', 'Forklift driver'],
      ['sector', 'warehousing-logistics'],
      ['site.postcode', 'LS1 4AP'],
      ['positions:number', '1'],
      ['hoursPerWeek.min:number', '30'],
      ['hoursPerWeek.max:number', '40'],
      ['shiftPatterns[]', 'night'],
      ['contractType', 'permanent'],
      ['wage.amount:number', '13.10'],
      ['wage.period', 'hour'],
      ['closingDate.day', closing.day],
      ['closingDate.month', closing.month],
      ['closingDate.year', closing.year],
    ] as const)
      await setField(page, name, value);
    await submit(page, page.getByRole('button', { name: 'Continue' }));
    await noErrors(page);
    expect(await h1(page)).toBe('Check your answers before posting the vacancy');
    await checkAxe(page, '/app/vacancies/new (employer, check your answers)');
    await submit(page, page.getByRole('button', { name: 'Post vacancy' }));
    expect(await page.locator('.govuk-panel__title').innerText()).toBe('Vacancy posted');
    await checkAxe(page, '/app/vacancies/{id}/posted');
    await page.getByRole('link', { name: 'See the vacancy' }).click();
    await page.waitForURL((u) => /^\/app\/vacancies\/[0-9A-Z]{26}$/.test(u.pathname));
    const posted = new URL(page.url()).pathname;
    // Changed: a second position.
    await page.getByRole('link', { name: /^Change its details/ }).click();
    await page.waitForURL((u) => u.pathname === `${posted}/edit`);
    await checkAxe(page, '/app/vacancies/{id}/edit (employer)');
    await setField(page, 'positions:number', '2');
    await submit(page, page.getByRole('button', { name: 'Continue' }));
    await noErrors(page);
    await submit(page, page.getByRole('button', { name: 'Save changes' }));
    expect(new URL(page.url()).pathname).toBe(posted);
    await noErrors(page);
    // Withdrawn: the job is no longer there.
    await page.getByRole('link', { name: /^Withdraw it/ }).click();
    await page.waitForURL((u) => u.pathname === `${posted}/withdraw`);
    await checkAxe(page, '/app/vacancies/{id}/withdraw (employer)');
    await submit(page, page.getByRole('button', { name: 'Withdraw vacancy' }));
    expect(new URL(page.url()).pathname).toBe(`${posted}/withdrawn`);
    expect(await page.locator('.govuk-panel__title').count()).toBe(1);
  });

  it('an adviser adds someone and changes their details, keeps an action plan, and makes an in-work support contact', async (ctx) => {
    if (!decided) return ctx.skip();
    // The one invited to interview is taken on, starting yesterday (recorded through the API: its pages are another test's).
    const invited = chosen[1]!;
    const subs = await body<{ items: { id: string; participantId: string }[] }>(
      await server.h.call('GET', `/vacancies/${vacancyId}/submissions`, { as: 'lia' }),
    );
    const sub = subs.items.find((x) => x.participantId === invited.id)!;
    const yesterday = isoDate(new Date(server.h.clock.now().getTime() - 24 * 3600 * 1000));
    const hired = await server.h.call('POST', `/submissions/${sub.id}/outcome`, {
      as: 'lia',
      body: { outcome: 'hired', startDate: yesterday },
    });
    expect(hired.status).toBe(200);
    const placementId = (await body<{ placement: { id: string } }>(hired)).placement.id;

    const page = await signIn('adviser');
    // Someone new: the question page, check your answers, the confirmation; then a change to their details.
    await page.getByRole('link', { name: 'Add a participant' }).click();
    await page.waitForURL((u) => u.pathname === '/app/participants/new');
    await checkAxe(page, '/app/participants/new');
    for (const [name, value] of [
      ['firstName', 'Gwen'],
      ['lastName', 'Pryce'],
      ['home.postcode', 'LS11 5PQ'],
      ['rightToWork:boolean', 'true'],
      ['unemployedSince.day', '1'],
      ['unemployedSince.month', '9'],
      ['unemployedSince.year', '2025'],
      ['readinessReason', 'First assessment'],
    ] as const)
      await setField(page, name, value);
    await submit(page, page.getByRole('button', { name: 'Continue' }));
    await noErrors(page);
    await checkAxe(page, '/app/participants/new (check your answers)');
    await submit(page, page.getByRole('button', { name: 'Add participant' }));
    expect(await page.locator('.govuk-panel__title').innerText()).toBe('Participant added');
    await checkAxe(page, '/app/participants/{id}/added');
    await page.getByRole('link', { name: 'Go to their page' }).click();
    const gwen = new URL(page.url()).pathname;
    await visit(page, `${gwen}/edit`, { label: '/app/participants/{id}/edit' });
    await setField(page, 'phone', '07700 900123');
    await submit(page, page.getByRole('button', { name: 'Continue' }));
    await noErrors(page);
    expect(await h1(page)).toBe('Check your changes before saving them');
    await submit(page, page.getByRole('button', { name: 'Save changes' }));
    expect(new URL(page.url()).pathname).toBe(gwen);
    await noErrors(page);

    // An action plan: a goal (question, check, confirmation), the barriers it addresses, the jobs aimed at.
    const plan = `/app/participants/${chosen[0]!.id}/action-plan`;
    await visit(page, plan, { label: '/app/participants/{id}/action-plan' });
    await visit(page, `${plan}/goals/new`, { label: '/app/participants/{id}/action-plan/goals/new' });
    await setField(page, 'goal', 'A warehouse job with regular hours');
    await submit(page, page.getByRole('button', { name: 'Continue' }));
    await noErrors(page);
    await submit(page, page.getByRole('button', { name: 'Add the goal' }));
    expect(await page.locator('.govuk-panel__title').innerText()).toBe('Goal added');
    await visit(page, `${plan}/steps/new`, { label: '/app/participants/{id}/action-plan/steps/new' });
    await visit(page, `${plan}/barriers`, { label: '/app/participants/{id}/action-plan/barriers' });
    await page.locator('input[name="barriers[]"]').first().check();
    await submit(page, page.getByRole('button', { name: 'Save the barriers' }));
    await noErrors(page);
    await visit(page, `${plan}/jobs`, { label: '/app/participants/{id}/action-plan/jobs' });
    await setField(page, 'idealJobs[]', 'forklift driver');
    await submit(page, page.getByRole('button', { name: 'Save the jobs' }));
    await noErrors(page);
    expect(new URL(page.url()).pathname).toBe(plan);

    // In-work support: the schedule, then the first contact logged from it (a few minutes ago, by phone).
    await visit(page, `/app/placements/${placementId}/support`, { label: '/app/placements/{id}/support' });
    await page
      .getByRole('link', { name: /^Log it/ })
      .first()
      .click();
    await page.waitForURL((u) => u.pathname === `/app/participants/${invited.id}/contacts/new`);
    await checkAxe(page, '/app/participants/{id}/contacts/new (in-work support)');
    const when = londonParts(new Date(server.h.clock.now().getTime() - 5 * 60 * 1000));
    for (const [name, value] of [
      ['occurredAt.day', when.day],
      ['occurredAt.month', when.month],
      ['occurredAt.year', when.year],
      ['occurredAt.time', when.time],
      ['channel', 'phone'],
      ['attended:boolean', 'true'],
    ] as const)
      await setField(page, name, value);
    await submit(page, page.getByRole('button', { name: 'Continue' }));
    await noErrors(page);
    expect(await h1(page)).toBe('Check the contact before you log it');
    await submit(page, page.getByRole('button', { name: 'Log the contact' }));
    await noErrors(page);
    await visit(page, `/app/placements/${placementId}/support`, { axe: false });
    expect(await page.locator('main').innerText()).toMatch(/Made \d{1,2} \w+ \d{4}/);
  });
});

describe('cohorts and administration, in a browser', { timeout: STEP_TIMEOUT }, () => {
  const COHORT_TITLE = 'Warehouse routeway (browser)';
  let cohortPath: string | undefined;

  it('a liaison officer sets up a cohort: a date wrong first, then the answers checked, then the confirmation', async () => {
    const page = await signIn('liaison');
    // Checked below with its errors: the same form, more on it.
    await visit(page, '/app/cohorts/new', { axe: false });
    const today = new Date(server.h.clock.now().getTime());
    const end = new Date(today.getTime() + 14 * 24 * 3600 * 1000);
    await setField(page, 'title', COHORT_TITLE);
    await setField(page, 'kind', 'sector');
    await setField(page, 'sector', 'warehousing-logistics');
    await setField(page, 'provider', 'Aire Valley Training');
    await setField(page, 'venue', 'Hunslet Community Hub, Leeds');
    await setField(page, 'startDate.day', String(today.getUTCDate()));
    await setField(page, 'startDate.year', String(today.getUTCFullYear()));
    await setField(page, 'endDate.day', String(end.getUTCDate()));
    await setField(page, 'endDate.month', String(end.getUTCMonth() + 1));
    await setField(page, 'endDate.year', String(end.getUTCFullYear()));
    await setField(page, 'capacity:number', '10');
    await setField(page, 'modules[]', 'manual-handling');
    await setField(page, 'certificationsAwarded[]', 'manual handling');
    await submit(page, page.getByRole('button', { name: 'Continue' }));
    // The month was left out: the summary links to the date input.
    const link = page.locator('.govuk-error-summary a[href="#startDate"]');
    await link.waitFor({ state: 'visible' });
    await checkAxe(page, '/app/cohorts/new (form with errors)');
    await link.click();
    expect.soft(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('startDate');
    await setField(page, 'startDate.month', String(today.getUTCMonth() + 1));
    await submit(page, page.getByRole('button', { name: 'Continue' }));
    await noErrors(page);
    expect(await h1(page)).toBe('Check your answers before creating the cohort');
    await checkAxe(page, '/app/cohorts/new (check your answers)');
    await submit(page, page.getByRole('button', { name: 'Create cohort' }));
    expect(new URL(page.url()).pathname).toMatch(/^\/app\/cohorts\/[0-9A-Z]{26}\/created$/);
    expect(await page.locator('.govuk-panel__title').innerText()).toBe('Cohort created');
    await checkAxe(page, '/app/cohorts/{id}/created');
    await page.getByRole('link', { name: 'Go to the cohort' }).click();
    await page.waitForURL((u) => /^\/app\/cohorts\/[0-9A-Z]{26}$/.test(u.pathname));
    cohortPath = new URL(page.url()).pathname;
    expect(await h1(page)).toBe(COHORT_TITLE);
    await checkAxe(page, '/app/cohorts/{id} (liaison)');
  });

  it('an adviser finds someone on their caseload by name, enrols them, and marks the course completed', async (ctx) => {
    if (!cohortPath) return ctx.skip();
    const page = await signIn('adviser');
    // The adviser's cohort page is checked once someone is enrolled (the same page, with the enrolment and a banner).
    await visit(page, cohortPath, { axe: false });
    const p = server.seed.participants[2]!;
    await setField(page, 'participant', p.firstName.toLowerCase());
    await submit(page, page.getByRole('button', { name: 'Find' }));
    await checkAxe(page, '/app/cohorts/{id}/enrol (found)');
    await submit(page, page.getByRole('button', { name: `Enrol ${p.firstName} ${p.lastName}` }));
    expect(new URL(page.url()).pathname).toBe(cohortPath);
    await noErrors(page);
    await checkAxe(page, '/app/cohorts/{id} (enrolled)');
    await page.getByRole('link', { name: `Mark completed or withdrawn for ${p.firstName} ${p.lastName}` }).click();
    await page.waitForURL((u) => u.pathname.includes('/enrolments/'));
    await checkAxe(page, '/app/cohorts/{id}/enrolments/{pid}');
    await page.getByLabel('Completed the course').check();
    await submit(page, page.getByRole('button', { name: 'Save' }));
    expect(new URL(page.url()).pathname).toBe(cohortPath);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('They now hold: manual handling');
  });

  it('an admin finds a participant, transfers them to another adviser (checked first), exports their data and reads their audit trail', async () => {
    const page = await signIn('admin');
    await visit(page, '/app/admin');
    const p = server.seed.participants[2]!;
    await page.getByRole('link', { name: 'Transfer a participant to another adviser' }).click();
    await page.waitForURL((u) => u.pathname === '/app/admin/participants');
    await setField(page, 'participant', p.id);
    await submit(page, page.getByRole('button', { name: 'Find' }));
    await checkAxe(page, '/app/admin/participants (found)');
    await page.getByRole('link', { name: new RegExp(`^${p.firstName} ${p.lastName}`) }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/transfer'));
    await checkAxe(page, '/app/admin/participants/{id}/transfer');
    // A choice of the organisation's other advisers, by name (the directory's second adviser).
    await setField(page, 'toAdviserId', SECOND_ADVISER.sub);
    await setField(page, 'reason', 'Moved to the Hunslet office');
    await submit(page, page.getByRole('button', { name: 'Continue' }));
    expect(await h1(page)).toBe('Check the transfer before it is made');
    await checkAxe(page, '/app/admin/participants/{id}/transfer (check)');
    await submit(page, page.getByRole('button', { name: `Transfer ${p.firstName} ${p.lastName}` }));
    expect(await page.locator('.govuk-panel__title').innerText()).toBe('Transfer made');
    await checkAxe(page, '/app/admin/participants/{id}/transferred');
    await visit(page, `/app/admin/participants/${p.id}/export`, { label: '/app/admin/participants/{id}/export' });
    await visit(page, `/app/admin/participants/${p.id}/audit`, { label: '/app/admin/participants/{id}/audit' });
    expect(await page.locator('main').innerText()).toContain('Moved them to another caseload');
    await visit(page, `/app/admin/participants/${p.id}/erase`, { label: '/app/admin/participants/{id}/erase' });
    await visit(page, `/app/admin/caseloads?adviserId=${SECOND_ADVISER.sub}`, { label: '/app/admin/caseloads' });
    await visit(page, '/app/admin/retention');
    await visit(page, '/app/reports/casework');
    expect(await h1(page)).toBe('Contacts and reviews, by adviser');
    // A small file of employers: checked first (nothing imported), then imported.
    const csv = [
      'reference,name,sector,size_band,address_line1,town,postcode,account_manager_id',
      'E2E-1,Calder Print Works,manufacturing,small,3 Mill Lane,Leeds,LS1 4AP,u-liaison-1',
    ].join('\n');
    const upload = async (dryRun: boolean) => {
      await visit(page, '/app/admin/import', { axe: dryRun });
      await setField(page, 'kind', 'employers');
      await page.locator('input[name="file"]').setInputFiles({ name: 'employers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      if (dryRun) await page.locator('input[name="dryRun:boolean"]').check();
      await submit(page, page.getByRole('button', { name: 'Import the file' }));
      await noErrors(page);
    };
    await upload(true);
    expect(await page.locator('.govuk-panel__title').innerText()).toBe('File checked: nothing imported');
    await checkAxe(page, '/app/admin/import (checked)');
    await upload(false);
    expect(await page.locator('.govuk-panel__title').innerText()).toBe('File imported');
    // The same result page as the dry run's (checked above), with another panel.
    expect(await page.locator('.govuk-panel__body').innerText()).toBe('1 employers created');
  });
});

/**
 * With JavaScript off, each role's key pages still work: GOV.UK Frontend's script never starts, the
 * forms post and are answered (an error summary that is not focused but links to its field, check
 * your answers, a banner), and the phone-width menu is a plain list of links, not a dead toggle.
 * axe already ran on these pages with JavaScript on; here the checks are what differs without it.
 */
describe('each role’s key pages with JavaScript off', { timeout: STEP_TIMEOUT }, () => {
  /** The page as served without JavaScript: no script started, no browser error, the menu's links on show at 375 px, no wider than it. */
  async function checkNoScript(page: Page, label: string) {
    expect.soft(await page.evaluate<string>('document.body.className'), `no script ran on ${label}`).not.toMatch(/js-enabled|supported/);
    expect.soft(browserErrors, `browser errors by ${label}`).toEqual([]);
    const size = page.viewportSize();
    await page.setViewportSize({ width: 375, height: 800 });
    const nav = page.locator('.govuk-service-navigation');
    expect.soft(await nav.locator('.govuk-service-navigation__toggle').isVisible(), `menu toggle hidden on ${label}`).toBe(false);
    expect.soft(await nav.locator('#navigation a').first().isVisible(), `menu links on show on ${label}`).toBe(true);
    if (size) await page.setViewportSize(size);
    await checkWidth(page, `${label} (no JavaScript)`);
  }

  /** The form came back with an error summary, not focused (no script), whose first link names a field on the page. */
  async function unfocusedSummary(page: Page, label: string) {
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.count(), `error summary on ${label}`).toBe(1);
    expect.soft(await page.evaluate<string>('document.activeElement?.tagName ?? ""'), `nothing focused on ${label}`).toBe('BODY');
    const target = (await summary.locator('a').first().getAttribute('href'))!;
    expect.soft(await page.locator(target).count(), `${target} is on ${label}`).toBe(1);
    await checkNoScript(page, label);
  }

  it('a liaison officer finds an employer and adds a contact there (wrong first, checked, then added)', async () => {
    const page = await signIn('liaison', { javaScript: false });
    await checkNoScript(page, '/app (liaison)');
    await visit(page, '/app/employers', { axe: false });
    await setField(page, 'q', server.seed.employerName.split(' ')[0]!);
    await submit(page, page.getByRole('button', { name: 'Apply filters' }));
    const found = page.getByRole('link', { name: server.seed.employerName });
    expect(await found.count()).toBe(1);
    await checkNoScript(page, '/app/employers (found)');
    await visit(page, `/app/employers/${server.seed.employerId}/contacts/new`, { axe: false });
    await setField(page, 'email', 'not an address');
    await submit(page, page.getByRole('button', { name: 'Continue' }));
    await unfocusedSummary(page, '/app/employers/{id}/contacts/new (errors)');
    await setField(page, 'name', 'Priya Shah');
    await setField(page, 'email', 'priya.shah@example.com');
    await submit(page, page.getByRole('button', { name: 'Continue' }));
    expect(await h1(page)).toBe('Check the contact before adding them');
    await submit(page, page.getByRole('button', { name: 'Add contact' }));
    expect(new URL(page.url()).pathname).toBe(`/app/employers/${server.seed.employerId}`);
    expect(await page.locator('.govuk-notification-banner').count()).toBe(1);
    expect(await page.locator('main').innerText()).toContain('Priya Shah');
    await checkNoScript(page, '/app/employers/{id} (contact added)');
  });

  it('an adviser filters their caseload and marks every notification read', async () => {
    const page = await signIn('adviser', { javaScript: false });
    const p = server.seed.participants[0]!;
    await setField(page, 'text', p.lastName);
    await submit(page, page.getByRole('button', { name: 'Apply filters' }));
    const caseload = page.locator('table', { hasText: 'Participants on your caseload' });
    expect(await caseload.locator('tbody tr').count()).toBe(1);
    expect(await caseload.getByRole('link', { name: `${p.firstName} ${p.lastName}` }).count()).toBe(1);
    await checkNoScript(page, '/app?text= (adviser)');
    await visit(page, '/app/notifications', { axe: false });
    await submit(page, page.getByRole('button', { name: 'Mark all as read' }));
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('All your notifications are marked as read');
    expect(await page.getByRole('button', { name: 'Mark as read' }).count()).toBe(0);
    await checkNoScript(page, '/app/notifications (all read)');
  });

  it('an employer user starts a vacancy, is told what is missing, and an admin finds a participant', async () => {
    const employer = await signIn('employer', { javaScript: false });
    await checkNoScript(employer, '/app (employer)');
    await visit(employer, '/app/vacancies/new', { axe: false });
    await submit(employer, employer.getByRole('button', { name: 'Continue' }));
    await unfocusedSummary(employer, '/app/vacancies/new (employer, errors)');

    const admin = await signIn('admin', { javaScript: false });
    await visit(admin, '/app/admin', { axe: false });
    await checkNoScript(admin, '/app/admin');
    const p = server.seed.participants[1]!;
    await visit(admin, '/app/admin/participants', { axe: false });
    await setField(admin, 'participant', p.id);
    await submit(admin, admin.getByRole('button', { name: 'Find' }));
    expect(await admin.getByRole('link', { name: new RegExp(`^${p.firstName} ${p.lastName}`) }).count()).toBe(1);
    await checkNoScript(admin, '/app/admin/participants (found)');
  });
});

/**
 * One whole form by keyboard alone (Tab, Shift+Tab, Space, Enter, and typing into the boxes): a liaison
 * officer records an employer's pledge. Focus moves in reading order through the question page, the
 * error summary takes focus when the page comes back with a problem and its link puts the cursor in the
 * field, and the answers are checked and recorded without a pointer.
 */
describe('a form by keyboard alone', { timeout: STEP_TIMEOUT }, () => {
  /** What has focus, said briefly: a control's name, a button's or link's words, the main content, the error summary. */
  const focused = (page: Page) =>
    page.evaluate<string>(`(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return 'body';
      if (el.classList.contains('govuk-error-summary')) return 'error summary';
      if (el.tagName === 'MAIN') return 'main';
      if (el.tagName === 'BUTTON' || el.tagName === 'A') return el.tagName.toLowerCase() + ': ' + el.textContent.trim().replace(/\\s+/g, ' ');
      return el.getAttribute('name') ?? el.tagName.toLowerCase();
    })()`);
  const press = async (page: Page, key: string) => {
    await page.keyboard.press(key);
    return focused(page);
  };
  /** Presses Tab until `want` has focus, at most `max` times (a page's header and menu come first). */
  async function tabTo(page: Page, want: string, max = 25) {
    for (let i = 0; i < max; i++) if ((await press(page, 'Tab')) === want) return;
    throw new Error(`${want} never took focus within ${max} tabs`);
  }
  /** A key that submits: waits for the page the server answers with. */
  const submitBy = async (page: Page, key: 'Enter' | 'Space') => {
    await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
  };

  it('a liaison officer records a pledge: focus order, the error summary focused, then checked and recorded', async () => {
    const page = await signIn('liaison');
    const { employerId, employerName } = server.seed;
    await visit(page, `/app/employers/${employerId}/pledges/new`, { axe: false });
    // The skip link comes first and takes focus to the main content; then the form in reading order.
    expect(await press(page, 'Tab')).toBe('a: Skip to main content');
    expect(await press(page, 'Enter')).toBe('main');
    const order = [];
    for (let i = 0; i < 8; i++) order.push(await press(page, 'Tab'));
    expect(order).toEqual([
      `a: Back to ${employerName}`,
      'description',
      'jobsPledged:number',
      'byDate.day',
      'byDate.month',
      'byDate.year',
      'sector',
      'button: Continue',
    ]);
    expect(await press(page, 'Shift+Tab')).toBe('sector');
    // Answered by typing, the number of jobs left out.
    await tabTo(page, 'description');
    await page.keyboard.type('12 warehouse jobs for routeway graduates');
    expect(await press(page, 'Tab')).toBe('jobsPledged:number');
    expect(await press(page, 'Tab')).toBe('byDate.day');
    await page.keyboard.type('31');
    await press(page, 'Tab');
    await page.keyboard.type('3');
    await press(page, 'Tab');
    await page.keyboard.type('2027');
    await tabTo(page, 'button: Continue', 3);
    await submitBy(page, 'Enter');

    // The error summary has focus; its link takes the cursor to the box.
    expect(await page.title()).toMatch(/^Error: /);
    expect(await focused(page)).toBe('error summary');
    expect(await press(page, 'Tab')).toBe('a: Enter how many jobs it pledged');
    expect(await press(page, 'Enter')).toBe('jobsPledged:number');
    await page.keyboard.type('12');
    await tabTo(page, 'button: Continue', 6);
    await submitBy(page, 'Space');

    // Check your answers, then recorded, by keyboard.
    expect(await h1(page)).toBe('Check the pledge before recording it');
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('31 March 2027');
    await tabTo(page, 'button: Record pledge', 40);
    await submitBy(page, 'Enter');
    expect(new URL(page.url()).pathname).toBe(`/app/employers/${employerId}`);
    expect(await page.locator('.govuk-notification-banner').count()).toBe(1);
    expect(await page.locator('main').innerText()).toContain('12 warehouse jobs for routeway graduates');
    await checkPage(page, '/app/employers/{id} (pledge recorded by keyboard)');
  });
});
