import { z } from 'zod';
import { BETTER_OFF_PARAMETERS as P, type StandardAllowanceGroup } from './better-off-parameters.js';
import { Decimal, IsoDateTime, UserId } from './common.js';

/*
 * The better-off estimate (Employment Zones 000 §3.1.37, §4.1.19; Work Programme 003 §10.1.1; NDDP 004
 * §3.4.1, §5.5.5): for a vacancy the adviser is considering, roughly what the participant would have a week
 * in work (pay, less Income Tax and National Insurance, plus the Universal Credit left after the work
 * allowance and the taper) against out of work (their Universal Credit). An estimate to talk through, never
 * advice, and never an input to ranking: matching does not read it. Figures in better-off-parameters.ts.
 */

/** What the estimate needs to know of them: sensitive (benefits, household, health), kept in the sensitive part. */
export const BenefitCircumstances = z
  .strictObject({
    /** Single, or in a couple claiming together (the partner assumed to have no earnings). */
    couple: z.boolean(),
    /** Single: their age. Couple: `under-25` when both are under 25, else `25-or-over`. */
    ageBand: z.enum(['under-25', '25-or-over']),
    /** Responsible for a child: they get a work allowance. */
    children: z.boolean(),
    /** Limited capability for work (a work capability assessment): they get a work allowance. */
    limitedCapabilityForWork: z.boolean(),
    /** Their Universal Credit includes help with housing costs: the lower work allowance. */
    housingCosts: z.boolean(),
    /** The rest of their award a month (child elements, housing, a health element), from their statement; 0 if not known. */
    otherElementsMonthly: Decimal(0, 5000).default(0),
  })
  .meta({ id: 'BenefitCircumstances' });
export type BenefitCircumstances = z.infer<typeof BenefitCircumstances>;

/** As stored: who recorded them and when. */
export const BenefitCircumstancesRecord = BenefitCircumstances.extend({ recordedAt: IsoDateTime, recordedBy: UserId }).meta({
  id: 'BenefitCircumstancesRecord',
});
export type BenefitCircumstancesRecord = z.infer<typeof BenefitCircumstancesRecord>;

/** Pence, so every sum adds up as shown. */
const pence = (pounds: number) => Math.round(pounds * 100);
const pounds = (p: number) => p / 100;

/** Income Tax on a year's pay (England, Wales and Northern Ireland rates). */
function annualTaxPence(annualPence: number): number {
  const t = P.incomeTax;
  const allowance = pence(t.personalAllowance);
  const limit = pence(t.basicRateLimit);
  const basic = Math.max(0, Math.min(annualPence, limit) - allowance) * t.basicRate;
  const higher = Math.max(0, annualPence - limit) * t.higherRate;
  return basic + higher;
}

/** Employee Class 1 National Insurance on a week's pay. */
function weeklyNiPence(weeklyPence: number): number {
  const n = P.nationalInsurance;
  const pt = pence(n.primaryThresholdWeekly);
  const uel = pence(n.upperEarningsLimitWeekly);
  return Math.max(0, Math.min(weeklyPence, uel) - pt) * n.mainRate + Math.max(0, weeklyPence - uel) * n.upperRate;
}

export const standardAllowanceGroup = (c: Pick<BenefitCircumstances, 'couple' | 'ageBand'>): StandardAllowanceGroup =>
  c.couple
    ? c.ageBand === 'under-25'
      ? 'couple-both-under-25'
      : 'couple-one-or-both-25-or-over'
    : c.ageBand === 'under-25'
      ? 'single-under-25'
      : 'single-25-or-over';

/** The work allowance a month: only for someone responsible for a child or with limited capability for work. */
export function workAllowanceMonthly(c: Pick<BenefitCircumstances, 'children' | 'limitedCapabilityForWork' | 'housingCosts'>): number {
  if (!c.children && !c.limitedCapabilityForWork) return 0;
  const e = P.universalCredit.earnings;
  return c.housingCosts ? e.workAllowanceMonthlyWithHousing : e.workAllowanceMonthlyWithoutHousing;
}

export interface BetterOffEstimate {
  taxYear: string;
  grossWeekly: number;
  incomeTaxWeekly: number;
  nationalInsuranceWeekly: number;
  netPayWeekly: number;
  netPayMonthly: number;
  /** Universal Credit a month out of work (the standard allowance and the other elements). */
  universalCreditMonthlyOutOfWork: number;
  workAllowanceMonthly: number;
  /** What the taper takes a month: 55% of net pay above the work allowance. */
  earningsReductionMonthly: number;
  universalCreditMonthlyInWork: number;
  universalCreditWeeklyInWork: number;
  inWorkWeekly: number;
  outOfWorkWeekly: number;
  /** In work less out of work, a week (negative: worse off). */
  differenceWeekly: number;
}

/**
 * The estimate for a week's pay of `grossWeekly` pounds. Each line is rounded to the penny as it is shown,
 * and the totals are the sums of the lines shown: tax is worked out on the year (a week's pay × 52) and
 * shown a week at a time; National Insurance on the week; Universal Credit on the month (a week's net pay
 * × 52/12), and shown a week at a time (× 12/52).
 */
export function betterOffEstimate(grossWeekly: number, c: BenefitCircumstances): BetterOffEstimate {
  const gross = pence(grossWeekly);
  const tax = Math.round(annualTaxPence(gross * P.weeksPerYear) / P.weeksPerYear);
  const ni = Math.round(weeklyNiPence(gross));
  const net = gross - tax - ni;
  const netMonthly = Math.round(net * P.weeksPerMonth);
  const maxMonthly = pence(P.universalCredit.standardAllowanceMonthly[standardAllowanceGroup(c)]) + pence(c.otherElementsMonthly);
  const allowance = pence(workAllowanceMonthly(c));
  const reduction = Math.round(Math.max(0, netMonthly - allowance) * P.universalCredit.earnings.taper);
  const ucInWork = Math.max(0, maxMonthly - reduction);
  const ucInWorkWeekly = Math.round(ucInWork / P.weeksPerMonth);
  const outOfWork = Math.round(maxMonthly / P.weeksPerMonth);
  return {
    taxYear: P.taxYear,
    grossWeekly: pounds(gross),
    incomeTaxWeekly: pounds(tax),
    nationalInsuranceWeekly: pounds(ni),
    netPayWeekly: pounds(net),
    netPayMonthly: pounds(netMonthly),
    universalCreditMonthlyOutOfWork: pounds(maxMonthly),
    workAllowanceMonthly: pounds(allowance),
    earningsReductionMonthly: pounds(reduction),
    universalCreditMonthlyInWork: pounds(ucInWork),
    universalCreditWeeklyInWork: pounds(ucInWorkWeekly),
    inWorkWeekly: pounds(net + ucInWorkWeekly),
    outOfWorkWeekly: pounds(outOfWork),
    differenceWeekly: pounds(net + ucInWorkWeekly - outOfWork),
  };
}

/** A vacancy's pay for a week of `hours`: hourly × hours, weekly as it is, yearly ÷ 52. */
export function weeklyPay(wage: { amount: number; period: 'hour' | 'week' | 'year' }, hours: number): number {
  return wage.period === 'hour'
    ? pounds(pence(wage.amount * hours))
    : wage.period === 'week'
      ? wage.amount
      : pounds(pence(wage.amount / 52));
}

/** Why there is no estimate for a week's pay: beyond what the estimate works out. */
export function beyondEstimate(grossWeekly: number): string | undefined {
  return grossWeekly * P.weeksPerYear >= P.incomeTax.allowanceTaperFrom
    ? `Pay of £${P.incomeTax.allowanceTaperFrom.toLocaleString('en-GB')} a year or more is beyond this estimate`
    : undefined;
}

/** What the estimate assumes, in words, said with every estimate. */
export const BETTER_OFF_ASSUMPTIONS: readonly string[] = [
  `An estimate for the ${P.taxYear} tax year, to talk through with them: not advice, and not what they will be paid. For an exact figure, use a benefits calculator listed on GOV.UK or ask their work coach.`,
  'Tax at the rates for England, Wales and Northern Ireland with the standard Personal Allowance (tax code 1257L), worked out on a year at this weekly pay; employee Class 1 National Insurance (category A) on the week.',
  'No pension contributions, student loan, childcare costs, other income, savings or deductions from their Universal Credit.',
  'Universal Credit out of work: the standard allowance and the other amounts recorded; in work, that less 55% of their net pay above any work allowance. A month is 52/12 weeks.',
  'In a couple: the partner has no earnings.',
  'Not used in matching or ranking: it does not change who is suggested for a job.',
];
