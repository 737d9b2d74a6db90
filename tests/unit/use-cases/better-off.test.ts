import { beforeEach, describe, expect, it } from 'vitest';
import { weeklyPay } from '../../../shared/domain/better-off.js';
import { ForbiddenError, NotFoundError } from '../../../shared/errors.js';
import { estimateBetterOff, getBenefitCircumstances, putBenefitCircumstances } from '../../../shared/use-cases/better-off.js';
import { matchesForVacancy } from '../../../shared/use-cases/matching.js';
import { putSensitive } from '../../../shared/use-cases/participants.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviser, failureOf, liaison, ORG, otherAdviser, scenario } from '../../support/fakes/scenario.js';

/** The better-off estimate's use cases (shared/use-cases/better-off.ts): sensitive, audited, never a ranking input. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

const single = { couple: false, ageBand: '25-or-over', children: false, limitedCapabilityForWork: false, housingCosts: false } as const;
const audits = async (id: string) =>
  (await deps.repos.participants.listAudit(ORG, id, { limit: 100 })).items.map((a) => [a.action, a.detail?.record]);

describe('the circumstances and the estimate', () => {
  it('are for the own adviser and admins (another adviser 404, liaison 403); each read and write is audited; the rest of the sensitive part is kept', async () => {
    // Prepare
    const p = await w.participant();
    await putSensitive(deps, adviser, p.id, { housing: 'Sofa surfing', adjustments: [], adjustmentTypes: [], workLimits: [] });
    // Act
    await putBenefitCircumstances(deps, adviser, p.id, { ...single, otherElementsMonthly: 0 });
    const read = await getBenefitCircumstances(deps, admin, p.id);
    const other = await failureOf(getBenefitCircumstances(deps, otherAdviser, p.id));
    const byLiaison = await failureOf(estimateBetterOff(deps, liaison, p.id, { vacancyId: 'x' }));
    // A later write of the sensitive part keeps them.
    await putSensitive(deps, adviser, p.id, { housing: 'A flat now', adjustments: [], adjustmentTypes: [], workLimits: [] });
    // Assess
    expect(read).toMatchObject({ ...single, recordedBy: 'u-adviser-1' });
    expect(other).toBeInstanceOf(NotFoundError);
    expect(byLiaison).toBeInstanceOf(ForbiddenError);
    expect((await deps.repos.participants.getSensitive(ORG, p.id))?.benefitCircumstances).toMatchObject(single);
    expect(await audits(p.id)).toEqual([
      ['sensitive.write', undefined],
      ['sensitive.write', undefined],
      ['sensitive.read', 'benefit-circumstances'],
      ['sensitive.write', undefined],
    ]);
  });

  it('estimates for a vacancy at its most hours (or those asked), saying why there is none before the circumstances', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    // Act
    const before = await estimateBetterOff(deps, adviser, p.id, { vacancyId: vacancy.id });
    await putBenefitCircumstances(deps, adviser, p.id, { ...single, otherElementsMonthly: 0 });
    const at16 = await estimateBetterOff(deps, adviser, p.id, { vacancyId: vacancy.id, hours: 16 });
    // Assess
    expect(before).toMatchObject({ noEstimate: 'Their circumstances are not recorded yet', taxYear: '2025/26' });
    expect(before.estimate).toBeUndefined();
    expect(at16.hours).toBe(16);
    expect(at16.estimate!.grossWeekly).toBe(weeklyPay(vacancy.wage, 16));
    expect(at16.sources.map((s) => s.url)).toContain('https://www.gov.uk/income-tax-rates');
    expect((await audits(p.id)).filter(([a, r]) => a === 'sensitive.read' && r === 'better-off')).toHaveLength(2);
  });
});

describe('ranking', () => {
  it('ignores the better-off circumstances: the same candidates in the same order, with the same scores', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy({ positions: 2 });
    const a = await w.participant({ skills: ['picking'] });
    const b = await w.participant({ skills: ['picking', 'forklift'] });
    const ranked = async () => JSON.stringify((await matchesForVacancy(deps, liaison, vacancy.id, 20)).candidates);
    const before = await ranked();
    // Act: a would be far better off in work, b worse; both recorded.
    await putBenefitCircumstances(deps, adviser, a.id, { ...single, children: true, otherElementsMonthly: 2000 });
    await putBenefitCircumstances(deps, adviser, b.id, { ...single, couple: true, otherElementsMonthly: 0 });
    // Assess
    expect(before).toContain(a.id);
    expect(before).toContain(b.id);
    expect(await ranked()).toEqual(before);
  });
});
