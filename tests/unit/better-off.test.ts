import { describe, expect, it } from 'vitest';
import { BETTER_OFF_PARAMETERS } from '../../shared/domain/better-off-parameters.js';
import { BenefitCircumstances, betterOffEstimate, beyondEstimate, weeklyPay } from '../../shared/domain/better-off.js';

/** The better-off estimate (shared/domain/better-off.ts) pinned to worked examples done by hand, 2025/26 figures. */
const single25 = BenefitCircumstances.parse({
  couple: false,
  ageBand: '25-or-over',
  children: false,
  limitedCapabilityForWork: false,
  housingCosts: false,
});

describe('the better-off estimate', () => {
  it('is for 2025/26, with a GOV.UK source for each kind of figure', () => {
    const p = BETTER_OFF_PARAMETERS;
    expect(p.taxYear).toBe('2025/26');
    for (const s of [p.incomeTax.source, p.nationalInsurance.source, p.universalCredit.source, p.universalCredit.earnings.source])
      expect(s.url).toMatch(/^https:\/\/www\.gov\.uk\//);
  });

  it('example 1: single, 25 or over, 30 hours at £12.21: Universal Credit tapers away entirely', () => {
    // By hand. Gross 30 × 12.21 = 366.30. Tax: a year 366.30 × 52 = 19,047.60; less 12,570 = 6,477.60; × 20%
    // = 1,295.52; ÷ 52 = 24.9138 → 24.91. NI: (366.30 − 242) × 8% = 9.944 → 9.94. Net 366.30 − 24.91 − 9.94
    // = 331.45 a week; × 52/12 = 1,436.28 a month. No work allowance (no children, no LCW): the taper takes
    // 55% × 1,436.28 = 789.95, more than the 400.14 allowance, so no UC in work. In work 331.45. Out of work
    // 400.14 × 12/52 = 92.34. Better off by 331.45 − 92.34 = 239.11 a week.
    expect(betterOffEstimate(weeklyPay({ amount: 12.21, period: 'hour' }, 30), single25)).toEqual({
      taxYear: '2025/26',
      grossWeekly: 366.3,
      incomeTaxWeekly: 24.91,
      nationalInsuranceWeekly: 9.94,
      netPayWeekly: 331.45,
      netPayMonthly: 1436.28,
      universalCreditMonthlyOutOfWork: 400.14,
      workAllowanceMonthly: 0,
      earningsReductionMonthly: 789.95,
      universalCreditMonthlyInWork: 0,
      universalCreditWeeklyInWork: 0,
      inWorkWeekly: 331.45,
      outOfWorkWeekly: 92.34,
      differenceWeekly: 239.11,
    });
  });

  it('example 2: single under 25 with a child and housing costs (£900 of other elements), 16 hours at £10: the work allowance of £411', () => {
    // By hand. Gross 160.00: under the allowance (8,320 a year) and the NI threshold, so no tax or NI. Net
    // 160 × 52/12 = 693.33 a month. Work allowance with housing 411: taper 55% × (693.33 − 411) = 55% × 282.33
    // = 155.28. UC out of work 316.98 + 900 = 1,216.98; in work 1,216.98 − 155.28 = 1,061.70 a month, × 12/52
    // = 245.01 a week. In work 160 + 245.01 = 405.01; out of work 1,216.98 × 12/52 = 280.84; better off 124.17.
    const e = betterOffEstimate(weeklyPay({ amount: 10, period: 'hour' }, 16), {
      ...single25,
      ageBand: 'under-25',
      children: true,
      housingCosts: true,
      otherElementsMonthly: 900,
    });
    expect(e).toMatchObject({
      incomeTaxWeekly: 0,
      nationalInsuranceWeekly: 0,
      netPayMonthly: 693.33,
      workAllowanceMonthly: 411,
      earningsReductionMonthly: 155.28,
      universalCreditMonthlyOutOfWork: 1216.98,
      universalCreditMonthlyInWork: 1061.7,
      universalCreditWeeklyInWork: 245.01,
      inWorkWeekly: 405.01,
      outOfWorkWeekly: 280.84,
      differenceWeekly: 124.17,
    });
  });

  it('example 3: a couple (one 25 or over), limited capability for work, no housing costs, £1,000 a week: higher-rate tax and 2% NI', () => {
    // By hand. A year 52,000: tax (50,270 − 12,570) × 20% = 7,540, plus (52,000 − 50,270) × 40% = 692; 8,232
    // ÷ 52 = 158.3077 → 158.31. NI (967 − 242) × 8% = 58.00 plus (1,000 − 967) × 2% = 0.66: 58.66. Net
    // 1,000 − 158.31 − 58.66 = 783.03; × 52/12 = 3,393.13 a month. Work allowance without housing 684: taper
    // 55% × 2,709.13 = 1,490.02, more than 628.10: no UC in work. Out of work 628.10 × 12/52 = 144.95;
    // better off 783.03 − 144.95 = 638.08.
    const e = betterOffEstimate(1000, { ...single25, couple: true, limitedCapabilityForWork: true });
    expect(e).toMatchObject({
      incomeTaxWeekly: 158.31,
      nationalInsuranceWeekly: 58.66,
      netPayWeekly: 783.03,
      netPayMonthly: 3393.13,
      workAllowanceMonthly: 684,
      earningsReductionMonthly: 1490.02,
      universalCreditMonthlyInWork: 0,
      outOfWorkWeekly: 144.95,
      differenceWeekly: 638.08,
    });
  });

  it('example 4: single, 25 or over, 12 hours at £12.21: some Universal Credit is left in work', () => {
    // By hand. Gross 146.52: no tax (7,619.04 a year) or NI. × 52/12 = 634.92 a month; taper 55% × 634.92
    // = 349.206 → 349.21; UC in work 400.14 − 349.21 = 50.93 a month, × 12/52 = 11.7531 → 11.75 a week. In
    // work 146.52 + 11.75 = 158.27; out of work 92.34; better off 65.93.
    expect(betterOffEstimate(weeklyPay({ amount: 12.21, period: 'hour' }, 12), single25)).toMatchObject({
      universalCreditMonthlyInWork: 50.93,
      universalCreditWeeklyInWork: 11.75,
      inWorkWeekly: 158.27,
      differenceWeekly: 65.93,
    });
  });

  it('takes yearly and weekly pay as they are; stops short of pay where the Personal Allowance tapers', () => {
    expect(weeklyPay({ amount: 26_000, period: 'year' }, 37)).toBe(500);
    expect(weeklyPay({ amount: 450, period: 'week' }, 20)).toBe(450);
    expect(beyondEstimate(1923)).toBeUndefined();
    expect(beyondEstimate(1924)).toMatch(/beyond this estimate/);
  });
});
