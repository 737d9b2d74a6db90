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

/* ------------------------------------------------------------------------------------------------
 * Dates as people read them (GOV.UK style: "4 December 2026", "9:30am", "midday"), for pages and
 * notification texts alike. Said in UK time; the calendar rules above stay in UTC.
 * ---------------------------------------------------------------------------------------------- */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A month's name: 1 → "January". */
export const monthName = (month: number): string => MONTHS[month - 1] ?? String(month);

/** `2026-12-04` (or the date part of a date-time) → "4 December 2026"; anything that is not a real date as it is. */
export function longDate(iso: string | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const real = new Date(Date.UTC(y, mo - 1, d));
  if (real.getUTCFullYear() !== y || real.getUTCMonth() !== mo - 1 || real.getUTCDate() !== d) return iso;
  return `${d} ${monthName(mo)} ${y}`;
}

/** `2026-12` → "December 2026". */
export function longMonth(ym: string | undefined): string {
  const m = ym ? /^(\d{4})-(\d{2})$/.exec(ym) : null;
  return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${monthName(Number(m[2]))} ${m[1]}` : (ym ?? '');
}

/** A clock time as GOV.UK says it: 9am, 9:30am, 2:15pm, midday, midnight. */
export function clockTime(hour: number, minute: number): string {
  if (minute === 0 && hour === 12) return 'midday';
  if (minute === 0 && hour === 0) return 'midnight';
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return `${h}${minute ? `:${String(minute).padStart(2, '0')}` : ''}${hour < 12 ? 'am' : 'pm'}`;
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** UK clock time at an instant (epoch ms), as numbers. */
export function ukClock(ms: number): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const p = Object.fromEntries(LONDON.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/** How far UK clock time is ahead of UTC at an instant (0 in winter, 1 hour in summer). */
export function ukOffsetMs(ms: number): number {
  const t = ukClock(ms);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) - Math.floor(ms / 1000) * 1000;
}

/** An instant in UK time: "4 December 2026 at 9:30am"; anything that is not a date-time as it is. */
export function longDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(iso) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) return iso;
  const t = ukClock(ms);
  return `${t.day} ${monthName(t.month)} ${t.year} at ${clockTime(t.hour, t.minute)}`;
}
