/**
 * What jobs in each sector look like: entry-level occupations with SOC 2020 unit groups (where one fits
 * clearly), the skill and certification vocabulary (lower-case tags shared by vacancies, participants and
 * cohorts, so matching has something to match on), shifts, work demands and background checks.
 */
import type { SECTORS, ShiftPattern as ShiftSchema, WorkDemand as WorkDemandSchema } from '../../shared/domain/common.js';
import type { z } from 'zod';

export type Sector = (typeof SECTORS)[number];
export type Shift = z.infer<typeof ShiftSchema>;
export type Demand = z.infer<typeof WorkDemandSchema>;
export type BackgroundCheck = 'none' | 'basic-dbs' | 'standard-dbs' | 'enhanced-dbs' | 'bs7858';

export interface OccupationTemplate {
  title: string;
  soc?: string;
  /** Skills the employer usually insists on / would like. */
  essential: readonly string[];
  desirable: readonly string[];
  /** Certifications a posting of this kind asks for; `certChance` is how often it is a must-have. */
  certs?: readonly string[];
  certChance?: number;
  demands: readonly Demand[];
  shifts: readonly Shift[];
  hours: readonly [number, number];
  /** Hourly pay range in pounds; an annual salary is derived for some postings. */
  pay: readonly [number, number];
  driving?: number;
  check?: BackgroundCheck;
  /** Relative frequency within the sector. */
  weight?: number;
}

export interface SectorProfile {
  occupations: readonly OccupationTemplate[];
  /** General skills people in the sector list. */
  skills: readonly string[];
  /** Certifications someone with experience in the sector might hold, with validity in years. */
  certifications: readonly (readonly [string, number | undefined])[];
  contracts: readonly (readonly ['permanent' | 'fixed-term' | 'temporary' | 'zero-hours' | 'apprenticeship', number])[];
  adjustments: readonly string[];
}

/** National Living Wage from April 2025 (21+): most entry-level postings pay at or a little above it. */
export const NATIONAL_LIVING_WAGE = 12.21;

const NLW = NATIONAL_LIVING_WAGE;

export const SECTOR_PROFILES: Readonly<Record<Sector, SectorProfile>> = {
  retail: {
    occupations: [
      { title: 'Retail Assistant', soc: '7111', essential: ['customer service'], desirable: ['till operation', 'stock replenishment', 'cash handling'], demands: ['standing-long-periods', 'public-facing-busy'], shifts: ['day', 'early', 'late', 'weekend'], hours: [16, 37], pay: [NLW, 12.6], weight: 4 },
      { title: 'Customer Assistant', soc: '7111', essential: ['customer service'], desirable: ['till operation', 'teamwork'], demands: ['standing-long-periods', 'public-facing-busy'], shifts: ['early', 'late', 'weekend'], hours: [12, 30], pay: [NLW, 12.5], weight: 3 },
      { title: 'Checkout Operator', soc: '7112', essential: ['till operation', 'cash handling'], desirable: ['customer service'], demands: ['standing-long-periods', 'public-facing-busy'], shifts: ['day', 'late', 'weekend'], hours: [10, 30], pay: [NLW, 12.4], weight: 2 },
      { title: 'Night Replenishment Colleague', soc: '9241', essential: ['stock replenishment'], desirable: ['teamwork', 'manual handling'], demands: ['heavy-lifting', 'night-work', 'standing-long-periods'], shifts: ['night'], hours: [20, 37], pay: [12.6, 13.6], weight: 2 },
      { title: 'Stock Assistant', soc: '9241', essential: ['stock replenishment'], desirable: ['handheld scanner', 'manual handling'], demands: ['heavy-lifting', 'standing-long-periods'], shifts: ['early', 'day'], hours: [16, 37], pay: [NLW, 12.8], weight: 2 },
      { title: 'Pharmacy Counter Assistant', essential: ['customer service'], desirable: ['till operation', 'communication'], demands: ['standing-long-periods', 'public-facing-busy'], shifts: ['day', 'weekend'], hours: [16, 37], pay: [NLW, 12.7], weight: 1 },
    ],
    skills: ['customer service', 'till operation', 'cash handling', 'stock replenishment', 'merchandising', 'teamwork', 'handheld scanner'],
    certifications: [['food hygiene level 2', 3], ['age restricted sales', undefined]],
    contracts: [['permanent', 5], ['temporary', 2], ['zero-hours', 1], ['fixed-term', 1]],
    adjustments: ['Seated checkout available', 'Flexible shift start times', 'Quiet room for breaks'],
  },
  hospitality: {
    occupations: [
      { title: 'Kitchen Porter', soc: '9263', essential: ['kitchen hygiene'], desirable: ['teamwork', 'food preparation'], certs: ['food hygiene level 2'], certChance: 0.2, demands: ['standing-long-periods', 'heavy-lifting', 'overtime'], shifts: ['late', 'weekend', 'split'], hours: [20, 40], pay: [NLW, 12.8], weight: 4 },
      { title: 'Kitchen Assistant', soc: '9263', essential: ['food preparation'], desirable: ['kitchen hygiene', 'teamwork'], certs: ['food hygiene level 2'], certChance: 0.4, demands: ['standing-long-periods'], shifts: ['day', 'late', 'weekend'], hours: [16, 37], pay: [NLW, 12.8], weight: 3 },
      { title: 'Commis Chef', soc: '5434', essential: ['food preparation', 'kitchen hygiene'], desirable: ['knife skills'], certs: ['food hygiene level 2'], certChance: 0.8, demands: ['standing-long-periods', 'overtime'], shifts: ['late', 'weekend', 'split'], hours: [30, 45], pay: [12.5, 13.8], weight: 2 },
      { title: 'Waiting Staff', soc: '9264', essential: ['customer service'], desirable: ['waiting tables', 'cash handling'], demands: ['standing-long-periods', 'public-facing-busy'], shifts: ['late', 'weekend'], hours: [12, 30], pay: [NLW, 12.4], weight: 3 },
      { title: 'Bar Staff', soc: '9265', essential: ['customer service'], desirable: ['bar work', 'cash handling'], demands: ['standing-long-periods', 'public-facing-busy', 'night-work'], shifts: ['late', 'weekend'], hours: [12, 30], pay: [NLW, 12.5], weight: 2 },
      { title: 'Barista', soc: '9266', essential: ['customer service'], desirable: ['barista', 'till operation'], demands: ['standing-long-periods', 'public-facing-busy'], shifts: ['early', 'day', 'weekend'], hours: [16, 37], pay: [NLW, 12.6], weight: 2 },
      { title: 'Room Attendant', essential: ['housekeeping'], desirable: ['teamwork', 'attention to detail'], demands: ['cleaning-toilets', 'standing-long-periods', 'heavy-lifting'], shifts: ['day', 'weekend'], hours: [16, 35], pay: [NLW, 12.5], weight: 2 },
    ],
    skills: ['customer service', 'food preparation', 'kitchen hygiene', 'bar work', 'barista', 'waiting tables', 'housekeeping', 'teamwork'],
    certifications: [['food hygiene level 2', 3], ['personal licence', undefined], ['allergen awareness', 3]],
    contracts: [['permanent', 4], ['zero-hours', 3], ['temporary', 2]],
    adjustments: ['Written shift rotas two weeks ahead', 'Buddy for the first shifts'],
  },
  care: {
    occupations: [
      { title: 'Care Assistant', soc: '6135', essential: ['personal care', 'communication'], desirable: ['moving and handling', 'dementia awareness'], demands: ['standing-long-periods', 'heavy-lifting', 'cleaning-toilets'], shifts: ['early', 'late', 'weekend', 'night'], hours: [20, 40], pay: [12.3, 13.2], check: 'enhanced-dbs', weight: 5 },
      { title: 'Home Carer', soc: '6135', essential: ['personal care', 'communication'], desirable: ['medication awareness', 'safeguarding'], demands: ['driving', 'working-alone', 'cleaning-toilets'], shifts: ['early', 'late', 'weekend', 'split'], hours: [16, 40], pay: [12.4, 13.5], driving: 0.7, check: 'enhanced-dbs', weight: 4 },
      { title: 'Night Care Assistant', soc: '6135', essential: ['personal care'], desirable: ['safeguarding', 'moving and handling'], demands: ['night-work', 'heavy-lifting', 'cleaning-toilets'], shifts: ['night'], hours: [24, 40], pay: [12.6, 13.6], check: 'enhanced-dbs', weight: 2 },
      { title: 'Senior Care Assistant', soc: '6136', essential: ['personal care', 'medication awareness'], desirable: ['safeguarding', 'record keeping'], certs: ['care certificate'], certChance: 0.9, demands: ['standing-long-periods', 'heavy-lifting'], shifts: ['early', 'late', 'weekend'], hours: [30, 40], pay: [13.0, 14.0], check: 'enhanced-dbs', weight: 1 },
      { title: 'Support Worker', soc: '6135', essential: ['communication', 'safeguarding'], desirable: ['personal care', 'record keeping'], demands: ['working-alone'], shifts: ['day', 'late', 'weekend'], hours: [16, 37], pay: [12.3, 13.4], driving: 0.3, check: 'enhanced-dbs', weight: 3 },
      { title: 'Care Home Domestic', soc: '9223', essential: ['commercial cleaning'], desirable: ['coshh', 'teamwork'], demands: ['cleaning-toilets', 'standing-long-periods'], shifts: ['early', 'day'], hours: [16, 30], pay: [NLW, 12.5], check: 'enhanced-dbs', weight: 1 },
    ],
    skills: ['personal care', 'moving and handling', 'medication awareness', 'safeguarding', 'communication', 'dementia awareness', 'record keeping'],
    certifications: [['care certificate', undefined], ['moving and handling', 1], ['emergency first aid at work', 3]],
    contracts: [['permanent', 6], ['zero-hours', 2], ['fixed-term', 1]],
    adjustments: ['Phased start', 'Fixed shift pattern on request', 'Mentor for the first month', 'Extra supervision in induction'],
  },
  security: {
    occupations: [
      { title: 'Security Officer', soc: '9231', essential: ['patrolling', 'report writing'], desirable: ['cctv monitoring', 'conflict management'], certs: ['sia security guard'], certChance: 1, demands: ['standing-long-periods', 'working-alone', 'night-work'], shifts: ['day', 'night', 'weekend'], hours: [36, 48], pay: [12.4, 13.5], check: 'bs7858', weight: 4 },
      { title: 'Door Supervisor', soc: '9231', essential: ['conflict management'], desirable: ['customer service', 'report writing'], certs: ['sia door supervisor'], certChance: 1, demands: ['night-work', 'public-facing-busy', 'standing-long-periods'], shifts: ['night', 'weekend'], hours: [12, 36], pay: [13.0, 14.0], check: 'bs7858', weight: 3 },
      { title: 'Retail Security Officer', soc: '9231', essential: ['patrolling', 'conflict management'], desirable: ['customer service'], certs: ['sia security guard'], certChance: 1, demands: ['standing-long-periods', 'public-facing-busy'], shifts: ['day', 'late', 'weekend'], hours: [30, 45], pay: [12.4, 13.2], check: 'bs7858', weight: 2 },
      { title: 'CCTV Operator', soc: '9231', essential: ['cctv monitoring', 'report writing'], desirable: ['keyboard skills'], certs: ['sia cctv'], certChance: 1, demands: ['night-work'], shifts: ['day', 'night'], hours: [36, 48], pay: [12.5, 13.8], check: 'bs7858', weight: 1 },
    ],
    skills: ['patrolling', 'cctv monitoring', 'conflict management', 'report writing', 'access control', 'customer service'],
    certifications: [['sia security guard', 3], ['sia door supervisor', 3], ['sia cctv', 3], ['emergency first aid at work', 3]],
    contracts: [['permanent', 4], ['zero-hours', 2], ['temporary', 2]],
    adjustments: ['Static post without patrols', 'Shift swaps for medical appointments'],
  },
  'contact-centre': {
    occupations: [
      { title: 'Customer Service Adviser', soc: '7211', essential: ['customer service', 'keyboard skills'], desirable: ['telephone manner', 'data entry'], demands: ['overtime'], shifts: ['day', 'late', 'weekend'], hours: [25, 37], pay: [12.3, 13.2], weight: 5 },
      { title: 'Contact Centre Agent', soc: '7211', essential: ['telephone manner'], desirable: ['customer service', 'complaint handling'], demands: [], shifts: ['day', 'late', 'weekend'], hours: [20, 37], pay: [12.3, 13.0], weight: 3 },
      { title: 'Collections Adviser', soc: '7211', essential: ['telephone manner', 'numeracy'], desirable: ['negotiation', 'data entry'], demands: [], shifts: ['day', 'late'], hours: [30, 37], pay: [12.6, 13.8], check: 'basic-dbs', weight: 1 },
      { title: 'Inbound Sales Adviser', soc: '7219', essential: ['telephone manner'], desirable: ['sales', 'customer service'], demands: ['overtime'], shifts: ['day', 'late', 'weekend'], hours: [30, 37], pay: [12.3, 13.0], weight: 2 },
    ],
    skills: ['customer service', 'telephone manner', 'keyboard skills', 'data entry', 'complaint handling', 'sales', 'ict basics'],
    certifications: [['customer service level 2', undefined]],
    contracts: [['permanent', 5], ['fixed-term', 2], ['temporary', 1]],
    adjustments: ['Screen reader software', 'Headset with volume boost', 'Regular breaks away from the phones', 'Home working after training'],
  },
  'warehousing-logistics': {
    occupations: [
      { title: 'Warehouse Operative', soc: '9252', essential: ['picking and packing'], desirable: ['handheld scanner', 'manual handling'], demands: ['heavy-lifting', 'standing-long-periods', 'overtime'], shifts: ['early', 'late', 'night', 'weekend'], hours: [30, 45], pay: [12.3, 13.5], weight: 6 },
      { title: 'Picker Packer', soc: '9252', essential: ['picking and packing'], desirable: ['handheld scanner'], demands: ['heavy-lifting', 'standing-long-periods'], shifts: ['early', 'late', 'night'], hours: [20, 40], pay: [NLW, 13.0], weight: 3 },
      { title: 'Forklift Driver', soc: '8222', essential: ['forklift operation'], desirable: ['stock control', 'goods in'], certs: ['fork lift truck'], certChance: 1, demands: ['night-work', 'overtime'], shifts: ['early', 'late', 'night'], hours: [37, 45], pay: [13.0, 14.0], weight: 2 },
      { title: 'Goods In Operative', soc: '9252', essential: ['goods in'], desirable: ['stock control', 'forklift operation'], certs: ['fork lift truck'], certChance: 0.3, demands: ['heavy-lifting'], shifts: ['early', 'day'], hours: [37, 40], pay: [12.5, 13.5], weight: 2 },
      { title: 'Delivery Driver', soc: '8214', essential: ['driving', 'multi-drop delivery'], desirable: ['route planning', 'customer service'], demands: ['driving', 'heavy-lifting', 'working-alone'], shifts: ['early', 'day', 'weekend'], hours: [30, 45], pay: [12.5, 13.8], driving: 1, check: 'basic-dbs', weight: 2 },
      { title: 'HGV Class 2 Driver', soc: '8211', essential: ['driving', 'vehicle checks'], desirable: ['multi-drop delivery'], certs: ['category c licence', 'driver cpc'], certChance: 1, demands: ['driving', 'overtime'], shifts: ['early', 'night'], hours: [40, 48], pay: [13.8, 14.0], driving: 1, weight: 1 },
    ],
    skills: ['picking and packing', 'handheld scanner', 'stock control', 'goods in', 'manual handling', 'forklift operation', 'loading and unloading'],
    certifications: [['fork lift truck', 5], ['reach truck', 5], ['manual handling', undefined], ['category c licence', undefined], ['driver cpc', 5]],
    contracts: [['permanent', 3], ['temporary', 4], ['fixed-term', 1]],
    adjustments: ['Lifting aids and trolleys', 'Fixed day shifts', 'Written pick instructions'],
  },
  construction: {
    occupations: [
      { title: 'CSCS Labourer', soc: '9129', essential: ['labouring', 'site safety'], desirable: ['power tools'], certs: ['cscs green card'], certChance: 1, demands: ['heavy-lifting', 'working-at-height', 'standing-long-periods'], shifts: ['early', 'day'], hours: [39, 45], pay: [12.5, 14.0], weight: 5 },
      { title: 'Groundworker', soc: '9121', essential: ['groundwork', 'site safety'], desirable: ['power tools', 'labouring'], certs: ['cscs green card'], certChance: 1, demands: ['heavy-lifting', 'standing-long-periods', 'overtime'], shifts: ['early', 'day'], hours: [40, 45], pay: [13.0, 14.0], weight: 2 },
      { title: "Plasterer's Labourer", soc: '9129', essential: ['labouring'], desirable: ['plastering'], certs: ['cscs green card'], certChance: 0.8, demands: ['heavy-lifting', 'working-at-height'], shifts: ['day'], hours: [39, 45], pay: [12.5, 13.5], weight: 1 },
      { title: 'Trainee Painter and Decorator', essential: ['painting and decorating'], desirable: ['site safety'], certs: ['cscs green card'], certChance: 0.5, demands: ['working-at-height', 'standing-long-periods'], shifts: ['day'], hours: [37, 40], pay: [NLW, 13.0], weight: 1 },
      { title: 'Traffic Marshal', essential: ['site safety', 'communication'], desirable: ['labouring'], certs: ['cscs green card'], certChance: 1, demands: ['standing-long-periods'], shifts: ['early', 'day'], hours: [39, 45], pay: [12.5, 13.5], weight: 1 },
    ],
    skills: ['labouring', 'site safety', 'power tools', 'groundwork', 'plastering', 'painting and decorating', 'bricklaying'],
    certifications: [['cscs green card', 5], ['level 1 health and safety in construction', undefined], ['ipaf', 5], ['pasma', 5]],
    contracts: [['temporary', 4], ['permanent', 3], ['fixed-term', 2], ['apprenticeship', 1]],
    adjustments: ['Work on ground level only', 'Buddy on site for the first fortnight'],
  },
  'cleaning-facilities': {
    occupations: [
      { title: 'Cleaner', soc: '9223', essential: ['commercial cleaning'], desirable: ['coshh', 'attention to detail'], demands: ['cleaning-toilets', 'standing-long-periods', 'working-alone'], shifts: ['early', 'late', 'split'], hours: [10, 30], pay: [NLW, 12.5], check: 'basic-dbs', weight: 5 },
      { title: 'Office Cleaner', soc: '9223', essential: ['commercial cleaning'], desirable: ['waste handling'], demands: ['cleaning-toilets', 'working-alone'], shifts: ['early', 'late'], hours: [10, 20], pay: [NLW, 12.4], weight: 3 },
      { title: 'Hospital Domestic', soc: '9223', essential: ['commercial cleaning', 'infection control'], desirable: ['teamwork'], demands: ['cleaning-toilets', 'standing-long-periods'], shifts: ['early', 'late', 'weekend'], hours: [20, 37], pay: [12.4, 12.8], check: 'standard-dbs', weight: 2 },
      { title: 'Facilities Assistant', essential: ['waste handling'], desirable: ['commercial cleaning', 'manual handling'], demands: ['heavy-lifting'], shifts: ['day'], hours: [30, 37], pay: [12.3, 13.0], driving: 0.3, weight: 1 },
    ],
    skills: ['commercial cleaning', 'floor buffing', 'coshh', 'housekeeping', 'waste handling', 'infection control'],
    certifications: [['coshh awareness', undefined], ['manual handling', undefined]],
    contracts: [['permanent', 5], ['zero-hours', 2], ['temporary', 1]],
    adjustments: ['Daytime hours only', 'Checklists with pictures', 'No toilet cleaning duties'],
  },
  manufacturing: {
    occupations: [
      { title: 'Production Operative', soc: '8111', essential: ['production line'], desirable: ['quality checks', 'food production'], demands: ['standing-long-periods', 'overtime'], shifts: ['early', 'late', 'night'], hours: [37, 42], pay: [12.3, 13.5], weight: 5 },
      { title: 'Packing Operative', essential: ['packing'], desirable: ['production line', 'quality checks'], demands: ['standing-long-periods', 'heavy-lifting'], shifts: ['early', 'late'], hours: [30, 40], pay: [NLW, 13.0], weight: 3 },
      { title: 'Machine Operator', essential: ['machine operation'], desirable: ['quality checks'], demands: ['standing-long-periods', 'night-work'], shifts: ['early', 'late', 'night'], hours: [37, 42], pay: [12.8, 14.0], weight: 2 },
      { title: 'Bakery Operative', soc: '8111', essential: ['food production'], desirable: ['kitchen hygiene'], certs: ['food hygiene level 2'], certChance: 0.5, demands: ['standing-long-periods', 'night-work'], shifts: ['night', 'early'], hours: [37, 42], pay: [12.4, 13.4], weight: 2 },
    ],
    skills: ['machine operation', 'quality checks', 'production line', 'packing', 'food production', 'manual handling'],
    certifications: [['food hygiene level 2', 3], ['fork lift truck', 5], ['manual handling', undefined]],
    contracts: [['permanent', 4], ['temporary', 4]],
    adjustments: ['Stool at the line', 'Fixed early shifts', 'Ear defenders'],
  },
  transport: {
    occupations: [
      { title: 'Trainee Bus Driver', soc: '8213', essential: ['driving', 'customer service'], desirable: ['vehicle checks'], demands: ['driving', 'public-facing-busy'], shifts: ['early', 'late', 'weekend'], hours: [37, 48], pay: [12.5, 14.0], driving: 1, check: 'basic-dbs', weight: 3 },
      { title: 'Passenger Assistant', essential: ['passenger assistance', 'communication'], desirable: ['customer service'], demands: ['public-facing-busy'], shifts: ['split'], hours: [10, 25], pay: [NLW, 12.6], check: 'enhanced-dbs', weight: 2 },
      { title: 'Van Driver', soc: '8212', essential: ['driving'], desirable: ['route planning', 'vehicle checks'], demands: ['driving', 'heavy-lifting'], shifts: ['early', 'day'], hours: [37, 45], pay: [12.4, 13.5], driving: 1, weight: 2 },
      { title: 'Vehicle Valeter', soc: '9226', essential: ['vehicle cleaning'], desirable: ['driving'], demands: ['standing-long-periods'], shifts: ['day', 'weekend'], hours: [30, 40], pay: [NLW, 12.6], driving: 0.5, weight: 1 },
    ],
    skills: ['driving', 'route planning', 'multi-drop delivery', 'vehicle checks', 'passenger assistance', 'vehicle cleaning'],
    certifications: [['category d licence', undefined], ['driver cpc', 5], ['d1 minibus', undefined]],
    contracts: [['permanent', 5], ['fixed-term', 1], ['temporary', 1]],
    adjustments: ['Route without early starts', 'Automatic vehicle'],
  },
  health: {
    occupations: [
      { title: 'Healthcare Support Worker', soc: '6131', essential: ['patient care', 'communication'], desirable: ['infection control', 'record keeping'], demands: ['standing-long-periods', 'heavy-lifting', 'night-work'], shifts: ['early', 'late', 'night', 'weekend'], hours: [30, 37], pay: [12.45, 13.2], check: 'enhanced-dbs', weight: 4 },
      { title: 'Hospital Porter', essential: ['manual handling', 'communication'], desirable: ['patient care'], demands: ['heavy-lifting', 'standing-long-periods'], shifts: ['early', 'late', 'night'], hours: [30, 37], pay: [12.45, 12.8], check: 'standard-dbs', weight: 2 },
      { title: 'Ward Housekeeper', essential: ['infection control'], desirable: ['commercial cleaning', 'teamwork'], demands: ['cleaning-toilets', 'standing-long-periods'], shifts: ['early', 'late'], hours: [20, 37], pay: [12.45, 12.8], check: 'standard-dbs', weight: 1 },
      { title: 'Receptionist', soc: '4216', essential: ['customer service', 'ms office'], desirable: ['record keeping', 'telephone manner'], demands: ['public-facing-busy'], shifts: ['day'], hours: [16, 37], pay: [12.3, 13.0], weight: 2 },
      { title: 'Dental Nurse Apprentice', essential: ['communication'], desirable: ['infection control'], demands: ['standing-long-periods'], shifts: ['day'], hours: [30, 37], pay: [NLW, 12.6], check: 'enhanced-dbs', weight: 1 },
    ],
    skills: ['patient care', 'infection control', 'communication', 'record keeping', 'manual handling', 'customer service'],
    certifications: [['care certificate', undefined], ['basic life support', 1], ['emergency first aid at work', 3]],
    contracts: [['permanent', 4], ['fixed-term', 2], ['apprenticeship', 1]],
    adjustments: ['Reasonable adjustments passport', 'Access to Work support', 'Phased return', 'Flexible start times'],
  },
  'public-sector': {
    occupations: [
      { title: 'Administrative Assistant', soc: '4159', essential: ['ms office', 'data entry'], desirable: ['filing', 'telephone manner'], demands: [], shifts: ['day'], hours: [18, 37], pay: [12.4, 13.6], weight: 3 },
      { title: 'School Catering Assistant', soc: '9263', essential: ['food preparation'], desirable: ['kitchen hygiene'], certs: ['food hygiene level 2'], certChance: 0.5, demands: ['standing-long-periods'], shifts: ['day'], hours: [10, 25], pay: [NLW, 12.6], check: 'enhanced-dbs', weight: 2 },
      { title: 'Leisure Centre Assistant', essential: ['customer service'], desirable: ['first aid'], demands: ['standing-long-periods', 'public-facing-busy'], shifts: ['early', 'late', 'weekend'], hours: [16, 37], pay: [NLW, 12.8], weight: 2 },
      { title: 'Refuse Collector', soc: '9225', essential: ['manual handling'], desirable: ['teamwork'], demands: ['heavy-lifting', 'standing-long-periods'], shifts: ['early'], hours: [37, 37], pay: [12.3, 13.0], weight: 2 },
      { title: 'Library Assistant', essential: ['customer service'], desirable: ['ict basics', 'filing'], demands: ['public-facing-busy'], shifts: ['day', 'weekend'], hours: [15, 30], pay: [12.4, 13.0], check: 'enhanced-dbs', weight: 1 },
    ],
    skills: ['administration', 'data entry', 'customer service', 'ms office', 'filing', 'manual handling'],
    certifications: [['food hygiene level 2', 3], ['emergency first aid at work', 3]],
    contracts: [['permanent', 4], ['fixed-term', 3], ['apprenticeship', 1]],
    adjustments: ['Access to Work support', 'Adjusted desk and chair', 'Guaranteed interview for disabled applicants who meet the essentials'],
  },
  'admin-office': {
    occupations: [
      { title: 'Office Junior', essential: ['ms office'], desirable: ['filing', 'telephone manner'], demands: [], shifts: ['day'], hours: [30, 37], pay: [NLW, 12.8], weight: 2 },
      { title: 'Data Entry Clerk', essential: ['data entry', 'keyboard skills'], desirable: ['ms office'], demands: [], shifts: ['day'], hours: [20, 37], pay: [NLW, 12.8], weight: 3 },
      { title: 'Receptionist', soc: '4216', essential: ['customer service', 'telephone manner'], desirable: ['ms office'], demands: ['public-facing-busy'], shifts: ['day'], hours: [20, 37], pay: [NLW, 12.8], weight: 2 },
    ],
    skills: ['ms office', 'data entry', 'reception', 'filing', 'keyboard skills', 'email', 'telephone manner'],
    certifications: [['ecdl', undefined]],
    contracts: [['permanent', 4], ['temporary', 2], ['apprenticeship', 1]],
    adjustments: ['Flexible hours', 'Adjusted workstation'],
  },
  other: {
    occupations: [
      { title: 'Garden Centre Assistant', essential: ['customer service'], desirable: ['plant care', 'till operation'], demands: ['heavy-lifting', 'standing-long-periods'], shifts: ['day', 'weekend'], hours: [16, 37], pay: [NLW, 12.6], weight: 2 },
      { title: 'Car Wash Operative', soc: '9226', essential: ['vehicle cleaning'], desirable: ['customer service'], demands: ['standing-long-periods'], shifts: ['day', 'weekend'], hours: [20, 40], pay: [NLW, 12.4], weight: 1 },
      { title: 'Recycling Operative', essential: ['manual handling'], desirable: ['waste handling'], demands: ['heavy-lifting', 'standing-long-periods'], shifts: ['early', 'day'], hours: [37, 42], pay: [12.3, 13.2], weight: 1 },
    ],
    skills: ['customer service', 'manual handling', 'vehicle cleaning', 'waste handling', 'plant care'],
    certifications: [['manual handling', undefined]],
    contracts: [['permanent', 3], ['temporary', 2], ['zero-hours', 1]],
    adjustments: ['Flexible hours'],
  },
};

/** Skills anyone might list, whatever the sector. */
export const GENERAL_SKILLS: readonly string[] = [
  'teamwork', 'communication', 'punctuality', 'customer service', 'numeracy', 'literacy', 'ict basics', 'problem solving',
  'time management', 'english', 'manual handling', 'attention to detail',
];

/** How entry-level employers in a district spread across sectors (relative weights). */
export const EMPLOYER_SECTOR_WEIGHTS: Readonly<Record<Sector, number>> = {
  retail: 16,
  hospitality: 15,
  care: 15,
  'warehousing-logistics': 12,
  'cleaning-facilities': 8,
  security: 7,
  construction: 7,
  'contact-centre': 6,
  manufacturing: 5,
  transport: 3,
  health: 3,
  'public-sector': 2,
  'admin-office': 1,
  other: 1,
};
