/** Valid request bodies to start from; tests change one thing at a time. */
export const employerBody = (over: Record<string, unknown> = {}) => ({
  name: 'Hartley Logistics Ltd',
  sector: 'warehousing-logistics',
  sizeBand: 'large',
  address: { line1: '4 Canal Wharf', town: 'Leeds', postcode: 'ls11 5pq', location: { lat: 53.79, lng: -1.55 } },
  accountManagerId: 'u-liaison-1',
  ...over,
});

export const vacancyBody = (employerId: string, over: Record<string, unknown> = {}) => ({
  employerId,
  title: 'Warehouse operative',
  occupation: { title: 'Warehouse operative', socCode: '9252' },
  sector: 'warehousing-logistics',
  site: { postcode: 'LS11 5PQ', town: 'Leeds', location: { lat: 53.79, lng: -1.55 } },
  positions: 3,
  hoursPerWeek: { min: 30, max: 40 },
  shiftPatterns: ['early', 'late'],
  contractType: 'permanent',
  wage: { amount: 12.6, period: 'hour' },
  essentialSkills: ['picking'],
  desirableSkills: ['forklift'],
  closingDate: '2026-12-20',
  ...over,
});

export const cohortBody = (over: Record<string, unknown> = {}) => ({
  title: 'Warehouse routeway, January',
  kind: 'sector',
  sector: 'warehousing-logistics',
  provider: 'Aire Valley Training',
  venue: 'Hunslet Community Hub, Leeds',
  startDate: '2027-01-11',
  endDate: '2027-01-22',
  capacity: 12,
  modules: ['manual-handling', 'health-and-safety', 'induction'],
  ...over,
});

export const participantBody = (over: Record<string, unknown> = {}) => ({
  firstName: 'Dean',
  lastName: 'Walsh',
  rightToWork: true,
  home: { postcode: 'LS10 1AB', location: { lat: 53.77, lng: -1.53 } },
  unemployedSince: '2025-06-01',
  skills: ['picking', 'customer service'],
  readiness: 'green',
  ...over,
});
