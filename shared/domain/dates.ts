import { isBankHoliday, type BankHolidayRegion } from './bank-holidays.js';

/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC: the one home of every date rule. */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (or the date part of an ISO date-time). */
export const epochDay = (isoDate: string): number => Math.floor(Date.parse(isoDate.slice(0, 10)) / DAY_MS);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => epochDay(to) - epochDay(from);

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The same day `months` later (the last day of the month when that month is shorter: 31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/**
 * Adds working days to an ISO date: Monday to Friday, skipping the bank holidays of the calendar
 * (England and Wales unless said otherwise; `PIPELINE.bankHolidays` is the programme's).
 */
export function addWorkingDays(isoDate: string, days: number, region: BankHolidayRegion = 'england-and-wales'): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6 && !isBankHoliday(d.toISOString().slice(0, 10), region)) left--;
  }
  return d.toISOString().slice(0, 10);
}
