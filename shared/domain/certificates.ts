import { addMonths } from './dates.js';

/**
 * How long the certificates PET cohorts award are accepted for, in months, where there is a
 * convention: food hygiene and first aid are refreshed every three years (the FSA's and HSE's
 * guidance), a CSCS card lasts five, an SIA licence three. A certificate not listed does not expire.
 */
export const CERTIFICATE_VALIDITY_MONTHS: Readonly<Record<string, number>> = {
  'food hygiene level 1': 36,
  'food hygiene level 2': 36,
  'food safety level 2': 36,
  'first aid at work': 36,
  'emergency first aid at work': 36,
  'cscs card': 60,
  'cscs green card': 60,
  'sia door supervisor': 36,
  'sia security guard': 36,
  'counterbalance forklift': 36,
  'reach truck': 36,
  'care certificate': 36,
};

/** The certificate a completer of a cohort holds from `awardedOn`, with its expiry where it has one. */
export function awardedCertificate(name: string, awardedOn: string, cohortId: string) {
  const months = Object.hasOwn(CERTIFICATE_VALIDITY_MONTHS, name) ? CERTIFICATE_VALIDITY_MONTHS[name] : undefined;
  return {
    name,
    awardedOn,
    awardedByCohortId: cohortId,
    ...(months ? { expiresOn: addMonths(awardedOn, months) } : {}),
  };
}
