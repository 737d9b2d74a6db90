import { startHttpServer } from '../../scripts/lib/http-server.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { employerBody, participantBody } from './fixtures.js';
import { body, createHarness, ORG, type Harness } from './harness.js';
import { localWebApp } from './web.js';

/** Who the browser journey signs in as (the local sign-in page lists exactly these). */
export const PERSONAS = {
  liaison: { sub: 'u-liaison-1', name: 'Lia Son' },
  adviser: { sub: 'u-adviser-1', name: 'Ada Viser' },
  employer: { sub: 'u-employer-1', name: 'Hartley HR' },
  admin: { sub: 'u-admin-1', name: 'Ad Min' },
} as const;
/** Another adviser in the directory, to take a transfer. */
export const SECOND_ADVISER = { sub: 'u-adviser-2', name: 'Sam Okafor' } as const;

export interface SeededParticipant {
  id: string;
  firstName: string;
  lastName: string;
}

export interface E2EServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  baseUrl: string;
  h: Harness;
  seed: { employerId: string; employerName: string; participants: SeededParticipant[] };
  stop(): Promise<void>;
}

/** Job-ready, consenting, in the LS postcode area near Leeds city centre: matchable for a Leeds warehouse job. */
const PEOPLE = [
  { firstName: 'Dean', lastName: 'Walsh', home: { postcode: 'LS9 8AB', location: { lat: 53.8, lng: -1.52 } } },
  { firstName: 'Erin', lastName: 'Kaur', home: { postcode: 'LS6 1AA', location: { lat: 53.82, lng: -1.57 } } },
  { firstName: 'Farah', lastName: 'Ali', home: { postcode: 'LS11 5PQ', location: { lat: 53.78, lng: -1.55 } } },
];

/**
 * The real app over HTTP on a free loopback port, for a browser: a fresh table in the run's DynamoDB
 * Local, local sign-in for one user per role, plain-HTTP cookies, and the notifier running on the
 * table's stream as `npm start` runs it. The app's clock reads the real time at start (and stays
 * there), so dates a person would type ("three weeks from today") mean what they say.
 */
export async function startServer(opts: { now?: string } = {}): Promise<E2EServer> {
  const h = await createHarness({ now: opts.now ?? new Date().toISOString() });
  await h.signIn('lia', 'liaison', { sub: PERSONAS.liaison.sub });
  await h.signIn('adv', 'adviser', { sub: PERSONAS.adviser.sub });

  const employerName = 'Hartley Logistics';
  const created = await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: employerName }) });
  if (created.status !== 201) throw new Error(`seeding the employer failed: ${created.status} ${await created.text()}`);
  const employerId = (await body(created)).id as string;
  const contact = await h.call('POST', `/employers/${employerId}/contacts`, {
    as: 'lia',
    body: { name: 'Priya Shah', email: 'hr@hartley.example', primary: true },
  });
  if (contact.status !== 201) throw new Error(`seeding the contact failed: ${contact.status} ${await contact.text()}`);

  const participants: SeededParticipant[] = [];
  for (const p of PEOPLE) {
    const res = await h.call('POST', '/participants', {
      as: 'adv',
      body: participantBody({
        ...p,
        readiness: 'green',
        skills: ['picking', 'packing'],
        consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] },
        preferences: { occupations: ['warehouse'], sectors: ['warehousing-logistics'], maxTravelKm: 20, shifts: [] },
      }),
    });
    if (res.status !== 201) throw new Error(`seeding ${p.firstName} failed: ${res.status} ${await res.text()}`);
    participants.push({ id: (await body(res)).id as string, firstName: p.firstName, lastName: p.lastName });
  }

  // The staff directory knows everyone by name, as the demo's does (forms offer colleagues by name).
  const roles = { liaison: 'liaison', adviser: 'adviser', employer: 'employer', admin: 'admin' } as const;
  const staff = [
    ...Object.entries(PERSONAS).map(([k, p]) => ({ ...p, role: roles[k as keyof typeof roles] })),
    { ...SECOND_ADVISER, role: 'adviser' as const },
  ];
  for (const u of staff)
    await h.deps.directory.create({
      id: u.sub,
      orgId: ORG,
      name: u.name,
      email: `${u.sub}@example.org`,
      role: u.role,
      ...(u.role === 'employer' ? { employerId } : {}),
      active: true,
      createdAt: h.clock.now().toISOString(),
      updatedAt: h.clock.now().toISOString(),
    });

  const users: LocalSignIn['users'] = [
    { ...PERSONAS.liaison, role: 'liaison' },
    { ...PERSONAS.adviser, role: 'adviser' },
    { ...PERSONAS.employer, role: 'employer', employerId },
    { ...PERSONAS.admin, role: 'admin' },
  ];
  const app = localWebApp(h, users);

  const notifier = h.startNotifier();
  // The same server, with the same timeouts, as `npm start`.
  const server = await startHttpServer({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  const { port } = server;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    h,
    seed: { employerId, employerName, participants },
    async stop() {
      // Keep-alive connections from the browser would hold close() open; the browser is gone by now.
      await server.close(0);
      await notifier.stop();
    },
  };
}
