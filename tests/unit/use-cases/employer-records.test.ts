import { beforeEach, describe, expect, it } from 'vitest';
import { ContactCreate, EmployerCreate } from '../../../shared/domain/employer.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../shared/errors.js';
import { addContact, createEmployer, possibleDuplicates, updateContact } from '../../../shared/use-cases/employers.js';
import { employerBody } from '../../support/fixtures.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { adviser, failureOf, liaison, ORG } from '../../support/fakes/scenario.js';

/** Keeping the employer record: shared/use-cases/employers.ts `possibleDuplicates` and `updateContact`. */
let deps: FakeDeps;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
});

const record = (over: Record<string, unknown> = {}) => createEmployer(deps, liaison, EmployerCreate.parse(employerBody(over)));
const at = (postcode: string) => ({ line1: '1 High Street', town: 'Leeds', postcode, location: { lat: 53.8, lng: -1.55 } });

describe('possible duplicates of an employer about to be recorded', () => {
  it('finds the same name (as the guard normalises it) at the same postcode, and the same company number', async () => {
    // Prepare
    const bakery = await record({ name: 'The Kirkgate Bakery Ltd', address: at('WF1 1HX') });
    const foods = await record({ name: 'Greenway Foods', companyNumber: '01234567', address: at('LS9 8AB') });
    // Act / Assess: the name written differently, the same postcode
    expect((await possibleDuplicates(deps, liaison, { name: 'kirkgate bakery', address: { postcode: 'WF1 1HX' } })).same?.id).toBe(
      bakery.id,
    );
    // The same company number under a name starting alike, at another postcode
    expect(
      (
        await possibleDuplicates(deps, liaison, {
          name: 'Greenway Foods North',
          companyNumber: '01234567',
          address: { postcode: 'S1 2AB' },
        })
      ).same?.id,
    ).toBe(foods.id);
  });

  it('shows similar names to rule out, never the same one twice, and leaves out the employer being changed', async () => {
    // Prepare: another branch, a longer name, and an unrelated employer with the same first word elsewhere
    const leeds = await record({ name: 'Kirkgate Bakery', address: at('LS1 4AP') });
    const cafe = await record({ name: 'Kirkgate Bakery Cafe', address: at('LS2 7EE') });
    await record({ name: 'Kirkgate Motors', address: at('BD1 1AA') });
    // Act
    const found = await possibleDuplicates(deps, liaison, { name: 'Kirkgate Bakery', address: { postcode: 'WF1 1HX' } });
    // Assess: nothing the same (another postcode), the branch and the longer name to rule out, not the motors
    expect(found.same).toBeUndefined();
    expect(found.similar.map((e) => e.id).sort()).toEqual([leeds.id, cafe.id].sort());
    // Renaming the Leeds branch itself: it is not its own duplicate
    const renaming = await possibleDuplicates(deps, liaison, { name: 'Kirkgate Bakery', address: { postcode: 'LS1 4AP' } }, leeds.id);
    expect(renaming.same).toBeUndefined();
    expect(renaming.similar.map((e) => e.id)).toEqual([cafe.id]);
  });

  it('is for those who record employers', async () => {
    expect(await failureOf(possibleDuplicates(deps, adviser, { name: 'Kirkgate', address: { postcode: 'WF1 1HX' } }))).toBeInstanceOf(
      ForbiddenError,
    );
  });
});

describe('changing a contact', () => {
  it('changes only what is sent, clears a field sent as null, and counts the change', async () => {
    // Prepare
    const e = await record();
    const c = await addContact(
      deps,
      liaison,
      e.id,
      ContactCreate.parse({ name: 'Sam Patel', email: 'sam@example.com', phone: '0113 496 0000' }),
    );
    // Act
    const changed = await updateContact(deps, liaison, e.id, c.id, { jobTitle: 'Site manager', email: null });
    // Assess
    expect(changed).toMatchObject({ name: 'Sam Patel', jobTitle: 'Site manager', phone: '0113 496 0000', version: 1 });
    expect(changed).not.toHaveProperty('email');
    const stored = await deps.repos.employers.getContact(ORG, e.id, c.id);
    expect(stored).toEqual(changed);
    expect(stored).toMatchObject({ updatedBy: 'u-liaison-1', updatedAt: '2026-11-25T10:00:00.000Z', createdAt: c.createdAt });
  });

  it('keeps a way to reach them: clearing the last one is refused and changes nothing', async () => {
    const e = await record();
    const c = await addContact(deps, liaison, e.id, ContactCreate.parse({ name: 'Sam Patel', phone: '0113 496 0000' }));
    const err = await failureOf(updateContact(deps, liaison, e.id, c.id, { phone: null }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.errors).toEqual([{ path: 'email', message: 'give an email or a phone number' }]);
    expect(await deps.repos.employers.getContact(ORG, e.id, c.id)).toEqual(c);
  });

  it('two changes at once both land, even read at the same moment after an earlier change', async () => {
    const e = await record();
    const c = await addContact(deps, liaison, e.id, ContactCreate.parse({ name: 'Sam Patel', phone: '0113 496 0000' }));
    await updateContact(deps, liaison, e.id, c.id, { role: 'hr' });
    // The clock stands still: a condition on the time of the last change would let the second overwrite the first.
    await Promise.all([
      updateContact(deps, liaison, e.id, c.id, { jobTitle: 'Site manager' }),
      updateContact(deps, liaison, e.id, c.id, { email: 'sam@example.com' }),
    ]);
    expect(await deps.repos.employers.getContact(ORG, e.id, c.id)).toMatchObject({
      role: 'hr',
      jobTitle: 'Site manager',
      email: 'sam@example.com',
      version: 3,
    });
  });

  it('is not found for a contact of another employer, and refused to advisers', async () => {
    const e = await record();
    const other = await record({ name: 'Greenway Foods', address: at('LS9 8AB') });
    const c = await addContact(deps, liaison, e.id, ContactCreate.parse({ name: 'Sam Patel', phone: '0113 496 0000' }));
    expect(await failureOf(updateContact(deps, liaison, other.id, c.id, { jobTitle: 'HR' }))).toBeInstanceOf(NotFoundError);
    expect(await failureOf(updateContact(deps, adviser, e.id, c.id, { jobTitle: 'HR' }))).toBeInstanceOf(ForbiddenError);
  });
});
