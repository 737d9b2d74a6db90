import type { Child } from 'hono/jsx';
import type { Vacancy } from '../../../../../shared/domain/vacancy.js';
import { fmtDate, money, words, yesNo } from '../../components.js';

/** The job itself, as every page that shows a vacancy says it: the whole record's page and a prime's shared one alike. */
export function jobRows(v: Job, afterSkills: [string, Child][] = []): [string, Child][] {
  return [
    [
      'Hours per week',
      v.hoursPerWeek.min === v.hoursPerWeek.max ? `${v.hoursPerWeek.min}` : `${v.hoursPerWeek.min} to ${v.hoursPerWeek.max}`,
    ],
    ['Shifts', v.shiftPatterns.map(words).join(', ')],
    ['Contract', words(v.contractType)],
    ['Pay', `${money(v.wage.amount)} a${v.wage.period === 'hour' ? 'n' : ''} ${v.wage.period}`],
    ['Must-have skills', v.essentialSkills.join(', ') || 'None'],
    ['Nice-to-have skills', v.desirableSkills.join(', ') || 'None'],
    ...afterSkills,
    ['Certificates needed', v.essentialCertifications.join(', ') || 'None'],
    ['Driving licence needed', yesNo(v.drivingLicenceRequired)],
    ['What the work involves', v.workDemands.map(words).join(', ') || 'Nothing noted'],
    ['Background check', v.backgroundCheck === 'none' ? 'None' : words(v.backgroundCheck)],
    ['Guaranteed interview', yesNo(v.guaranteedInterview)],
    ['Work trial', yesNo(v.workTrial)],
    ['Closing date', fmtDate(v.closingDate)],
    ...(v.startDate ? [['Start date', fmtDate(v.startDate)] as [string, Child]] : []),
  ];
}

type Job = Pick<
  Vacancy,
  | 'hoursPerWeek'
  | 'shiftPatterns'
  | 'contractType'
  | 'wage'
  | 'essentialSkills'
  | 'desirableSkills'
  | 'essentialCertifications'
  | 'drivingLicenceRequired'
  | 'workDemands'
  | 'backgroundCheck'
  | 'guaranteedInterview'
  | 'workTrial'
  | 'closingDate'
  | 'startDate'
>;
