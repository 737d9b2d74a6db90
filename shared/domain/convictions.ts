import { z } from 'zod';
import type { BACKGROUND_CHECKS } from './vacancy.js';

/**
 * Convictions as facts both sides record in the same words: the participant's sensitive part (which
 * categories, spent or not under the Rehabilitation of Offenders Act 1974) and the employer's conditions
 * (which categories it will not consider, and whether it considers people with convictions at all).
 *
 * The categories are the offence types employers tell job developers they weigh [JP C.6.1, EZ 4.1.5]:
 * theft for retail, a general reluctance over arson, sex offences and violence; drugs, fraud and driving
 * offences follow from the jobs the programme fills (care, cash handling, driving).
 */
export const OFFENCE_CATEGORIES = ['theft', 'arson', 'sexual', 'violence', 'drugs', 'fraud', 'driving', 'other'] as const;
export const OffenceCategory = z.enum(OFFENCE_CATEGORIES).meta({
  description:
    'Offence category: theft (and burglary, handling), arson, sexual (sex offences), violence, drugs, fraud, driving (motoring offences), other',
});
export type OffenceCategory = z.infer<typeof OffenceCategory>;

/** Each category in plain words, as "The employer does not consider … convictions" says it. */
export const OFFENCE_LABELS: Record<OffenceCategory, string> = {
  theft: 'theft or burglary',
  arson: 'arson',
  sexual: 'sexual offence',
  violence: 'violent offence',
  drugs: 'drugs',
  fraud: 'fraud',
  driving: 'driving',
  other: 'other',
};

type BackgroundCheck = (typeof BACKGROUND_CHECKS)[number];

/**
 * Whether a vacancy's check sees spent convictions. Under the Rehabilitation of Offenders Act a spent
 * conviction need not be disclosed, and a basic DBS check (or the BS 7858 screening built on one) shows
 * unspent convictions only; standard and enhanced DBS checks show spent ones too. (The DBS filtering rules
 * that leave some old spent convictions off standard and enhanced certificates are not modelled: a spent
 * conviction counts for those checks.)
 */
export const CHECK_SEES_SPENT: Record<BackgroundCheck, boolean> = {
  none: false,
  'basic-dbs': false,
  bs7858: false,
  'standard-dbs': true,
  'enhanced-dbs': true,
};

/** A check level in words, for "A standard DBS check sees spent convictions". */
export const CHECK_LABELS: Record<BackgroundCheck, string> = {
  none: 'no check',
  'basic-dbs': 'a basic DBS check',
  bs7858: 'BS 7858 screening',
  'standard-dbs': 'a standard DBS check',
  'enhanced-dbs': 'an enhanced DBS check',
};
