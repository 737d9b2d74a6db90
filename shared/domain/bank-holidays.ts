/**
 * UK bank holidays, by the rules GOV.UK publishes them by (gov.uk/bank-holidays), for the three
 * calendars: England and Wales, Scotland, Northern Ireland. Computed rather than shipped as a list, so
 * they never run out; the few one-off holidays proclaimed for an occasion are listed below. (The
 * `date-holidays` package does this for every country, but its data makes 1.49 MB of minified bundle,
 * more than the whole API; measured with esbuild, docs/decisions.md.)
 */
export type BankHolidayRegion = 'england-and-wales' | 'scotland' | 'northern-ireland';

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

/** Easter Sunday (Gregorian; the anonymous "Meeus/Jones/Butcher" computus). */
function easter(y: number): [number, number] {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  return [Math.floor((h + l - 7 * m + 114) / 31), ((h + l - 7 * m + 114) % 31) + 1];
}

const firstMonday = (y: number, m: number) => 1 + ((8 - weekday(y, m, 1)) % 7);
const lastMonday = (y: number, m: number) => {
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return last - ((weekday(y, m, last) + 6) % 7);
};

/** A fixed-date holiday that falls at a weekend moves to the next weekday not already taken. */
function substituted(y: number, dates: [number, number][]): string[] {
  const out: string[] = [];
  for (const [m, d] of dates) {
    let day = new Date(Date.UTC(y, m - 1, d));
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6 || out.includes(day.toISOString().slice(0, 10)))
      day = new Date(day.getTime() + 86_400_000);
    out.push(day.toISOString().slice(0, 10));
  }
  return out;
}

/** Proclaimed for an occasion (all three calendars), and the Early May holiday moved for VE Day anniversaries. */
const ONE_OFF: Record<string, { add: string[]; remove?: string[] }> = {
  '2020': { add: ['2020-05-08'], remove: ['2020-05-04'] },
  '2022': { add: ['2022-06-02', '2022-06-03', '2022-09-19'], remove: ['2022-05-30'] },
  '2023': { add: ['2023-05-08'] },
};

/** The bank holidays of a year in a calendar, as ISO dates, in order. */
export function bankHolidays(year: number, region: BankHolidayRegion): string[] {
  const [em, ed] = easter(year);
  const goodFriday = new Date(Date.UTC(year, em - 1, ed - 2)).toISOString().slice(0, 10);
  const easterMonday = new Date(Date.UTC(year, em - 1, ed + 1)).toISOString().slice(0, 10);
  const days = new Set<string>([goodFriday, iso(year, 5, firstMonday(year, 5)), iso(year, 5, lastMonday(year, 5))]);
  const fixed: [number, number][] = [[1, 1]];
  if (region === 'scotland') fixed.push([1, 2]);
  if (region === 'northern-ireland') fixed.push([3, 17], [7, 12]);
  if (region === 'scotland') fixed.push([11, 30]);
  fixed.push([12, 25], [12, 26]);
  for (const d of substituted(year, fixed)) days.add(d);
  if (region !== 'scotland') days.add(easterMonday);
  days.add(region === 'scotland' ? iso(year, 8, firstMonday(year, 8)) : iso(year, 8, lastMonday(year, 8)));
  const once = ONE_OFF[String(year)];
  for (const d of once?.remove ?? []) days.delete(d);
  for (const d of once?.add ?? []) days.add(d);
  return [...days].sort();
}

const cache = new Map<string, ReadonlySet<string>>();
/** Whether a date is a bank holiday in the calendar. */
export function isBankHoliday(isoDate: string, region: BankHolidayRegion): boolean {
  const year = Number(isoDate.slice(0, 4));
  const key = `${region}:${year}`;
  let set = cache.get(key);
  if (!set) cache.set(key, (set = new Set(bankHolidays(year, region))));
  return set.has(isoDate.slice(0, 10));
}
