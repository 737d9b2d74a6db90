import { fmtDate } from '../../components.js';

/* How the cohort pages say a cohort's dates and what it awards. */

export const dates = (a: string, b: string) => (a === b ? fmtDate(a) : `${fmtDate(a)} to ${fmtDate(b)}`);

/** The certificates a cohort awards, said in a sentence. */
export const awards = (certs: readonly string[]) => (certs.length ? `It awards: ${certs.join(', ')}.` : 'It awards no certificates.');
