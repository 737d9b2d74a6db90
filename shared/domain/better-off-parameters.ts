/*
 * Every figure the better-off estimate uses (shared/domain/better-off.ts), in one place: the tax year they
 * are for and the official page each comes from. Change them here, and only here, when a new tax year
 * starts (each April); the unit tests' worked examples (tests/unit/better-off.test.ts) then say what moved.
 * Amounts are in pounds; rates are fractions.
 */

export interface Source {
  title: string;
  url: string;
}

const INCOME_TAX: Source = { title: 'Income Tax rates and Personal Allowances', url: 'https://www.gov.uk/income-tax-rates' };
const NATIONAL_INSURANCE: Source = {
  title: 'Rates and thresholds for employers 2025 to 2026',
  url: 'https://www.gov.uk/guidance/rates-and-thresholds-for-employers-2025-to-2026',
};
const UC_AMOUNTS: Source = { title: 'Universal Credit: What you’ll get', url: 'https://www.gov.uk/universal-credit/what-youll-get' };
const UC_EARNINGS: Source = {
  title: 'Universal Credit: How your earnings affect your payments',
  url: 'https://www.gov.uk/universal-credit/how-earnings-affect-your-payments',
};

export const BETTER_OFF_PARAMETERS = Object.freeze({
  taxYear: '2025/26',
  /** 6 April 2025 to 5 April 2026. */
  validFrom: '2025-04-06',
  validTo: '2026-04-05',
  incomeTax: {
    source: INCOME_TAX,
    /** A year, tax-free (England, Wales and Northern Ireland rates; the estimate does not do Scottish rates). */
    personalAllowance: 12_570,
    /** 20% on income above the allowance up to £50,270 a year ... */
    basicRate: 0.2,
    basicRateLimit: 50_270,
    /** ... 40% above it. */
    higherRate: 0.4,
    /** From £100,000 a year the allowance tapers away: the estimate stops short of that (never a job on this programme). */
    allowanceTaperFrom: 100_000,
  },
  nationalInsurance: {
    source: NATIONAL_INSURANCE,
    /** Employee (primary) Class 1, a week: nothing up to the primary threshold, 8% to the upper earnings limit, 2% above. */
    primaryThresholdWeekly: 242,
    upperEarningsLimitWeekly: 967,
    mainRate: 0.08,
    upperRate: 0.02,
  },
  universalCredit: {
    source: UC_AMOUNTS,
    /** Standard allowance, a month. */
    standardAllowanceMonthly: {
      'single-under-25': 316.98,
      'single-25-or-over': 400.14,
      'couple-both-under-25': 497.55,
      'couple-one-or-both-25-or-over': 628.1,
    },
    earnings: {
      source: UC_EARNINGS,
      /** A month of earnings kept before the taper, only for those responsible for a child or with limited capability for work. */
      workAllowanceMonthlyWithHousing: 411,
      workAllowanceMonthlyWithoutHousing: 684,
      /** Of each pound of net earnings above the work allowance, this much comes off the award. */
      taper: 0.55,
    },
  },
  /** Universal Credit is paid monthly; pay is shown weekly: a month is 52/12 weeks (and a week 12/52 of a month). */
  weeksPerMonth: 52 / 12,
  /** A year of weekly pay (tax is worked out on the year, then shown a week at a time). */
  weeksPerYear: 52,
});

export type StandardAllowanceGroup = keyof typeof BETTER_OFF_PARAMETERS.universalCredit.standardAllowanceMonthly;
