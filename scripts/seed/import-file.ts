import { csvCell } from '../../shared/domain/bulk-import.js';
import type { Participant } from '../../shared/domain/participant.js';

/**
 * Demo participants as a participants import file (`npm run import`, `POST /imports/participants`): what
 * the bulk-import test and `bench/import.ts` feed the import, one generated person a row.
 */
export const PARTICIPANTS_IMPORT_HEADER =
  'reference,first_name,last_name,adviser_id,postcode,unemployed_since,right_to_work,driving_licence,skills,readiness,consent_matching';

/** One person's row of that file, under `reference`. */
export const participantImportRow = (p: Participant, reference: string) =>
  [
    reference,
    p.firstName,
    p.lastName,
    p.adviserId,
    p.home.postcode,
    p.unemployedSince,
    p.rightToWork ? 'yes' : 'no',
    p.drivingLicence ? 'yes' : 'no',
    p.skills.join('; '),
    p.readiness,
    p.consent.matching ? 'yes' : 'no',
  ]
    .map(csvCell)
    .join(',');
