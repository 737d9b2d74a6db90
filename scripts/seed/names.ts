/**
 * Names for the demo district: people reflecting West Yorkshire's mix (White British and Irish, Pakistani,
 * Indian and Bangladeshi heritage, Polish, Romanian and Slovak, Black British, African and Caribbean,
 * Kurdish and Arab), invented employers and streets. Any likeness to a real business is accidental.
 */
import type { Sector } from './sectors.js';
import type { Rng } from './random.js';

export type NameGroup = 'british' | 'southAsian' | 'easternEuropean' | 'black' | 'middleEastern';

interface GroupNames {
  male: readonly string[];
  female: readonly string[];
  surnames: readonly string[];
}

export const NAMES: Readonly<Record<NameGroup, GroupNames>> = {
  british: {
    male: [
      'Jack', 'Thomas', 'James', 'Daniel', 'Ryan', 'Liam', 'Connor', 'Callum', 'Jordan', 'Kyle', 'Lewis', 'Nathan',
      'Adam', 'Luke', 'Jamie', 'Craig', 'Dean', 'Gary', 'Lee', 'Paul', 'Mark', 'Steven', 'Darren', 'Wayne', 'Shaun',
      'Carl', 'Neil', 'Martin', 'Andrew', 'David', 'Michael', 'Christopher', 'Matthew', 'Robert', 'Ian', 'Kevin',
      'Stuart', 'Scott', 'Jason', 'Anthony', 'Peter', 'John', 'Keith', 'Barry', 'Graham', 'Alan', 'Brian', 'Terry',
      'Harry', 'George', 'Oliver', 'Charlie', 'Joe', 'Sam', 'Ben', 'Josh', 'Reece', 'Brandon', 'Tyler', 'Aaron',
      'Declan', 'Sean', 'Patrick', 'Ciaran', 'Owen', 'Rhys',
    ],
    female: [
      'Emma', 'Sophie', 'Chloe', 'Jessica', 'Hannah', 'Lauren', 'Amy', 'Rebecca', 'Charlotte', 'Megan', 'Bethany',
      'Jade', 'Stacey', 'Kelly', 'Leanne', 'Gemma', 'Danielle', 'Nicola', 'Claire', 'Sarah', 'Michelle', 'Joanne',
      'Lisa', 'Donna', 'Tracey', 'Julie', 'Karen', 'Susan', 'Dawn', 'Angela', 'Helen', 'Jennifer', 'Rachel', 'Laura',
      'Katie', 'Holly', 'Ellie', 'Courtney', 'Shannon', 'Paige', 'Kirsty', 'Natalie', 'Victoria', 'Zoe', 'Lucy',
      'Siobhan', 'Niamh', 'Carol', 'Linda', 'Janet', 'Pauline', 'Sharon', 'Mandy', 'Joanna',
    ],
    surnames: [
      'Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Walker', 'Wood', 'Robinson', 'Wright', 'Thompson', 'Hall',
      'Green', 'Clarke', 'Jackson', 'Harrison', 'Lee', 'Turner', 'Hill', 'Cooper', 'Ward', 'Morris', 'King', 'Baker',
      'Hughes', 'Holmes', 'Shaw', 'Dixon', 'Marshall', 'Atkinson', 'Barker', 'Ellis', 'Firth', 'Haigh', 'Sykes',
      'Brook', 'Hirst', 'Pickles', 'Greenwood', 'Sutcliffe', 'Ackroyd', 'Hepworth', 'Lumb', 'Crowther', 'Broadbent',
      'Holroyd', 'Priestley', 'Moorhouse', 'Schofield', 'Illingworth', 'Whiteley', 'Fletcher', 'Booth', 'Armitage',
      'Fox', 'Kaye', 'Senior', 'Beaumont', 'Lockwood', 'Mitchell', 'Bennett', 'Carter', 'Fisher', 'Murphy', 'Kelly',
      "O'Brien", 'Doyle', 'Byrne', 'McCarthy', 'Gallagher', 'Quinn', 'Riley', 'Parkinson', 'Cartwright', 'Naylor',
    ],
  },
  southAsian: {
    male: [
      'Mohammed', 'Muhammad', 'Imran', 'Asif', 'Tariq', 'Zubair', 'Bilal', 'Hamza', 'Usman', 'Adnan', 'Kamran',
      'Faisal', 'Irfan', 'Shahid', 'Naveed', 'Sajid', 'Waqas', 'Zain', 'Ayaan', 'Ibrahim', 'Yusuf', 'Amir', 'Haris',
      'Arjun', 'Rajesh', 'Sanjay', 'Vikram', 'Ravi', 'Gurpreet', 'Harjit', 'Jaswinder', 'Manjit', 'Sukhdev', 'Ajay',
      'Rahul', 'Abdul', 'Shafiq', 'Rizwan', 'Aqib', 'Danyal',
    ],
    female: [
      'Aisha', 'Fatima', 'Ayesha', 'Maryam', 'Zainab', 'Sana', 'Nadia', 'Saima', 'Shazia', 'Rubina', 'Nasreen',
      'Samina', 'Farah', 'Hina', 'Amina', 'Iqra', 'Hafsa', 'Mehreen', 'Rukhsana', 'Shabana', 'Priya', 'Anjali',
      'Sunita', 'Kiran', 'Harpreet', 'Manpreet', 'Simran', 'Navdeep', 'Rupinder', 'Jasmin', 'Salma', 'Tahmina',
      'Rehana', 'Nusrat',
    ],
    surnames: [
      'Khan', 'Hussain', 'Ahmed', 'Ali', 'Iqbal', 'Akhtar', 'Mahmood', 'Rashid', 'Hussain', 'Shah', 'Bibi', 'Begum',
      'Aslam', 'Malik', 'Raja', 'Riaz', 'Anwar', 'Javed', 'Siddique', 'Rehman', 'Mirza', 'Chaudhry', 'Butt', 'Qureshi',
      'Sharma', 'Patel', 'Singh', 'Kaur', 'Gill', 'Sandhu', 'Dhillon', 'Sidhu', 'Kumar', 'Mistry', 'Uddin', 'Miah',
      'Islam', 'Rahman', 'Choudhury',
    ],
  },
  easternEuropean: {
    male: [
      'Piotr', 'Tomasz', 'Krzysztof', 'Marcin', 'Pawel', 'Lukasz', 'Jakub', 'Michal', 'Andrei', 'Ionut', 'Florin',
      'Mihai', 'Marian', 'Lukas', 'Jozef', 'Martin', 'Vasile', 'Darius', 'Kamil', 'Bartosz',
    ],
    female: [
      'Agnieszka', 'Katarzyna', 'Magdalena', 'Joanna', 'Monika', 'Anna', 'Ewa', 'Marta', 'Ioana', 'Elena', 'Andreea',
      'Mihaela', 'Zuzana', 'Lucia', 'Jana', 'Alina', 'Natalia', 'Karolina',
    ],
    surnames: [
      'Kowalski', 'Nowak', 'Wisniewski', 'Wojcik', 'Kaminski', 'Lewandowski', 'Zielinski', 'Szymanski', 'Mazur',
      'Popescu', 'Ionescu', 'Stan', 'Dumitru', 'Constantin', 'Horvath', 'Balog', 'Kovac', 'Lakatos', 'Novak', 'Dudek',
    ],
  },
  black: {
    male: [
      'Tendai', 'Kwame', 'Kofi', 'Chinedu', 'Emeka', 'Tunde', 'Olu', 'Segun', 'Abdi', 'Mohamed', 'Tafadzwa', 'Blessing',
      'Marcus', 'Tyrone', 'Jermaine', 'Andre', 'Delroy', 'Leon', 'Isaac', 'Samuel', 'Joel', 'Daniel', 'Emmanuel',
    ],
    female: [
      'Chipo', 'Ngozi', 'Adaeze', 'Funmi', 'Yetunde', 'Amara', 'Abena', 'Esi', 'Hodan', 'Faduma', 'Ruth', 'Grace',
      'Precious', 'Shanice', 'Tanisha', 'Keisha', 'Marcia', 'Janelle', 'Naomi', 'Esther', 'Patience',
    ],
    surnames: [
      'Okafor', 'Adeyemi', 'Okoro', 'Mensah', 'Boateng', 'Asante', 'Osei', 'Moyo', 'Ndlovu', 'Dube', 'Chikwanha',
      'Warsame', 'Abdullahi', 'Farah', 'Campbell', 'Brown', 'Williams', 'Francis', 'Clarke', 'Thomas', 'Grant',
      'Johnson', 'Edwards', 'Lewis',
    ],
  },
  middleEastern: {
    male: ['Ahmad', 'Omar', 'Karwan', 'Rebwar', 'Hawre', 'Dilshad', 'Mustafa', 'Khalid', 'Samir', 'Yasin', 'Mahmoud', 'Ali'],
    female: ['Leila', 'Rana', 'Shilan', 'Nazanin', 'Huda', 'Layla', 'Noor', 'Dilan', 'Rozhin', 'Sara'],
    surnames: ['Rasul', 'Karimi', 'Hamid', 'Mohammadi', 'Saleh', 'Aziz', 'Haddad', 'Abbas', 'Mustafa', 'Hassan', 'Jaff', 'Barzani'],
  },
};

/** Draws a plausible full name; `southAsianShare` tilts it towards the local population of the area. */
export function personName(rng: Rng, opts: { southAsianShare?: number; maleShare?: number } = {}): { first: string; last: string; group: NameGroup } {
  const sa = opts.southAsianShare ?? 0.18;
  const group = rng.weighted<NameGroup>([
    ['british', Math.max(0.2, 0.82 - sa)],
    ['southAsian', sa],
    ['easternEuropean', 0.07],
    ['black', 0.06],
    ['middleEastern', 0.03],
  ]);
  const g = NAMES[group];
  const male = rng.chance(opts.maleShare ?? 0.5);
  const first = rng.pick(male ? g.male : g.female);
  // Families mix: now and then a surname from another group.
  const surnameGroup = rng.chance(0.06) ? NAMES[rng.pick(['british', 'southAsian', 'black'] as const)] : g;
  return { first, last: rng.pick(surnameGroup.surnames), group };
}

export const STREET_NAMES: readonly string[] = [
  'Station Road', 'High Street', 'Church Street', 'Victoria Road', 'Park Road', 'Manchester Road', 'Leeds Road',
  'Bradford Road', 'Wakefield Road', 'Halifax Road', 'Huddersfield Road', 'Mill Lane', 'New Street', 'Kirkgate',
  'Westgate', 'Northgate', 'Commercial Street', 'Market Street', 'Albion Street', 'Canal Road', 'Valley Road',
  'Thornton Road', 'Harrogate Road', 'York Road', 'Selby Road', 'Dewsbury Road', 'Tong Road', 'Roundhay Road',
  'Kirkstall Road', 'Whitehall Road', 'Ring Road', 'Gelderd Road', 'Bruntcliffe Lane', 'Owl Lane', 'Carr Lane',
  'Moor Lane', 'Common Road', 'Beck Lane', 'Wharf Street', 'Quarry Lane', 'Lister Street', 'Sunbridge Road',
  'Cemetery Road', 'Queen Street', 'King Street', 'Town Street', 'Low Road', 'Hollins Lane', 'Savile Road',
];

export const INDUSTRIAL_ESTATES: readonly string[] = [
  'Aire Valley Business Park', 'Calder Park', 'Grange Business Park', 'Canal Wharf Trading Estate', 'Ringway Industrial Estate',
  'Lowfields Business Park', 'Five Towns Distribution Park', 'Moorside Enterprise Park', 'Holmefield Industrial Estate',
  'Riverside Trading Estate', 'Thornes Park Works', 'Millshaw Business Park',
];

const RIVERS = ['Aire', 'Calder', 'Colne', 'Wharfe', 'Holme', 'Spen', 'Hebble', 'Worth', 'Ryburn', 'Dearne'];
const REGIONS = ['Pennine', 'Northern', 'White Rose', 'Yorkshire', 'West Riding', 'Ridings', 'Moorside', 'Three Rivers', 'Dales', 'Broad Acres'];
const ADJECTIVES = [
  'Brightside', 'Clearwater', 'Greenfield', 'Millstone', 'Summit', 'Keystone', 'Oakwood', 'Beacon', 'Riverside', 'Heritage',
  'Hollybank', 'Fernlea', 'Ashgrove', 'Sandstone', 'Northlight', 'Ironbridge', 'Kingfisher', 'Meadowside', 'Highfield', 'Woodlands',
];
const HOUSE_WORDS = ['Lodge', 'Court', 'House', 'Grange', 'Manor', 'Gardens', 'View', 'Hall'];
const PUB_ANIMALS = ['Fox', 'Hare', 'Swan', 'Stag', 'Crown', 'Plough', 'Black Bull', 'White Hart', 'Woolpack', 'Shoulder of Mutton'];

/**
 * Name patterns per sector. `{R}` river, `{G}` region, `{A}` adjective, `{P}` place, `{S}` surname,
 * `{H}` house word, `{B}` pub sign.
 */
export const EMPLOYER_NAME_PATTERNS: Readonly<Record<Sector, readonly string[]>> = {
  retail: ['{P} Discount Stores', "{S}'s Convenience Stores", '{A} Home & Garden', '{G} Value Retail', '{A} Fashion Outlet', '{R} Valley Farm Shop', '{G} Pound Plus', '{S} & Daughters Pharmacy'],
  hospitality: ['The {B}, {P}', '{P} Kitchen & Bar', '{A} Grill House', '{P} Hotel & Spa', "{S}'s Café", '{G} Food Co.', '{A} Events Catering', '{R} Valley Inns'],
  care: ['{R} Valley Care Homes', '{A} {H} Care', '{P} Home Care Services', '{S} {H} Residential Care', '{A} {H} Nursing Home', 'Caring Hands {P}', '{G} Supported Living', '{A} Homecare Ltd'],
  security: ['{A} Security Services Ltd', '{P} Guarding Solutions', 'Sentinel {G} Security', '{G} Door Supervision', '{A} Protection Group', '{R} Security & Facilities'],
  'contact-centre': ['{A} Contact Solutions', '{G} Customer Connect', '{P} Energy Customer Services', '{G} Insurance Direct', '{A} Telecom Support Centre', '{R} Loans Customer Care'],
  'warehousing-logistics': ['{R} Logistics Ltd', '{P} Distribution Centre', '{A} Freight & Fulfilment', 'M62 Parcel Hub', '{G} Cold Store', '{S} Haulage & Storage', '{A} Fulfilment Services', 'M1 Online Returns'],
  construction: ['{S} & Sons Builders', '{R} Groundworks Ltd', '{A} Construction Group', '{P} Roofing & Scaffolding', '{G} Civil Engineering', '{S} Plastering & Drylining', '{A} Homes Ltd'],
  'cleaning-facilities': ['{A} Cleaning Services', '{P} Facilities Management', 'Spotless {G} Cleaning', '{S} Commercial Cleaners', '{G} Hygiene Services', '{A} Office Cleaning'],
  manufacturing: ['{R} Textiles', '{P} Bakery Foods', '{A} Engineering Ltd', '{G} Packaging', '{R} Valley Ready Meals', '{S} Precision Components', '{A} Print & Finishing'],
  transport: ['{P} Coaches', '{R} Community Transport', '{G} Bus Operations', '{A} Private Hire', '{S} Removals & Transport', '{G} Patient Transport'],
  health: ['{P} Community Health Partnership', '{R} Dental Group', '{A} Pharmacy Group', '{G} Health Support Services', '{R} Valley Hospice', '{A} Medical Practice'],
  'public-sector': ['{R} Valley Housing Association', '{P} Leisure Trust', '{G} Community Libraries Trust', '{P} Neighbourhood Services', '{G} Schools Catering Partnership'],
  'admin-office': ['{A} Business Services', '{S} & Co Accountants', '{G} Payroll Bureau', '{A} Lettings & Property', '{P} Solicitors Support Centre'],
  other: ['{A} Garden Centre', '{P} Car Wash & Valet', '{G} Recycling', '{A} Vets Group', '{R} Valley Leisure'],
};

export function employerName(rng: Rng, sector: Sector, place: string): string {
  const pattern = rng.pick(EMPLOYER_NAME_PATTERNS[sector]);
  const name = pattern
    .replace('{R}', rng.pick(RIVERS))
    .replace('{G}', rng.pick(REGIONS))
    .replace('{A}', rng.pick(ADJECTIVES))
    .replace('{P}', place)
    .replace('{S}', rng.pick(NAMES.british.surnames))
    .replace('{H}', rng.pick(HOUSE_WORDS))
    .replace('{B}', rng.pick(PUB_ANIMALS));
  // Some are written with their company suffix.
  return !/Ltd|Co\.|&/.test(name) && rng.chance(0.2) ? `${name} Ltd` : name;
}

/** How people describe a past employer in their work history when they do not name it. */
export const PAST_EMPLOYER_KINDS: Readonly<Record<Sector, readonly string[]>> = {
  retail: ['a supermarket', 'a discount store', 'a high street shop', 'a convenience store'],
  hospitality: ['a pub', 'a hotel', 'a fast food restaurant', 'a café', 'a takeaway'],
  care: ['a local care home', 'a home care agency', 'a nursing home'],
  security: ['a security firm', 'an events security company'],
  'contact-centre': ['a call centre', 'an insurance company', 'an energy supplier'],
  'warehousing-logistics': ['an agency (temp work)', 'a distribution centre', 'a parcel depot', 'an online retailer warehouse'],
  construction: ['a building firm', 'an agency (site work)', 'family business'],
  'cleaning-facilities': ['a cleaning contractor', 'the council', 'a hospital'],
  manufacturing: ['a textile mill', 'a food factory', 'a bakery', 'an engineering firm'],
  transport: ['a taxi firm', 'a bus company', 'a courier firm'],
  health: ['a hospital', 'a GP surgery', 'a dental practice'],
  'public-sector': ['the council', 'a school', 'a leisure centre'],
  'admin-office': ['an office', 'a solicitors', 'an estate agent'],
  other: ['a car wash', 'a garden centre', 'family business'],
};

export const TRAINING_PROVIDERS: readonly string[] = [
  'Pennine Skills Partnership',
  'Aire Training & Employment Ltd',
  'Calder Works Academy',
  'White Rose Learning CIC',
  'Five Towns Skills',
  'Northern Routeways Training',
];

type ContactRole = 'hiring-manager' | 'hr' | 'owner' | 'site-manager' | 'other';

const GENERAL_TITLES: Readonly<Record<ContactRole, readonly string[]>> = {
  'hiring-manager': ['Recruitment Manager', 'Operations Manager'],
  hr: ['HR Manager', 'HR Advisor', 'People Partner', 'Talent Acquisition Lead', 'HR Officer'],
  owner: ['Managing Director', 'Owner', 'Director'],
  'site-manager': ['General Manager', 'Shift Manager'],
  other: ['Office Manager', 'Training Coordinator', 'Community Engagement Officer', 'Administrator'],
};

/** The managers who hire in each sector. */
const SECTOR_MANAGERS: Readonly<Record<Sector, readonly string[]>> = {
  retail: ['Store Manager', 'Deputy Store Manager', 'Area Manager'],
  hospitality: ['General Manager', 'Head Chef', 'Restaurant Manager', 'Bar Manager'],
  care: ['Registered Manager', 'Deputy Manager', 'Care Coordinator'],
  security: ['Operations Manager', 'Contracts Manager', 'Security Manager'],
  'contact-centre': ['Resourcing Manager', 'Team Leader', 'Operations Manager'],
  'warehousing-logistics': ['Warehouse Manager', 'Transport Manager', 'Shift Manager'],
  construction: ['Site Manager', 'Contracts Manager', 'Project Manager'],
  'cleaning-facilities': ['Contracts Manager', 'Area Supervisor', 'Facilities Manager'],
  manufacturing: ['Production Manager', 'Shift Manager', 'Operations Manager'],
  transport: ['Depot Manager', 'Operations Manager', 'Transport Manager'],
  health: ['Practice Manager', 'Ward Manager', 'Service Manager'],
  'public-sector': ['Service Manager', 'Team Manager', 'Centre Manager'],
  'admin-office': ['Office Manager', 'Practice Manager'],
  other: ['General Manager', 'Manager'],
};

export function contactJobTitle(rng: Rng, role: ContactRole, sector: Sector): string {
  if (role === 'hiring-manager' || role === 'site-manager') return rng.chance(0.8) ? rng.pick(SECTOR_MANAGERS[sector]) : rng.pick(GENERAL_TITLES[role]);
  if (role === 'owner' && sector === 'hospitality' && rng.chance(0.5)) return 'Licensee';
  return rng.pick(GENERAL_TITLES[role]);
}

/** Languages people speak besides English, by the name group drawn (for skills and ESOL notes). */
export const LANGUAGES_BY_GROUP: Readonly<Record<NameGroup, readonly string[]>> = {
  british: [],
  southAsian: ['urdu', 'punjabi', 'bengali', 'gujarati', 'pahari'],
  easternEuropean: ['polish', 'romanian', 'slovak', 'czech'],
  black: ['somali', 'tigrinya', 'french', 'shona', 'yoruba'],
  middleEastern: ['kurdish sorani', 'arabic', 'farsi'],
};
