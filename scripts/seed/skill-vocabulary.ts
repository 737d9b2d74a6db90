/**
 * The skills vocabulary's data file (data/skills.json) from the demo's own skill tags: every skill the
 * seeds' jobs ask for (must-haves and nice-to-haves), every skill the seeds' people list (each sector's
 * skills, the general ones, driving, the languages they speak), each with the sectors that use it.
 *
 *   npx tsx scripts/seed/skill-vocabulary.ts          rewrites data/skills.json
 *   npx tsx scripts/seed/skill-vocabulary.ts --check  fails if it is out of date
 *
 * Synonyms are the file's own: they are kept as they are, and entries that are not seed skills (added
 * to the file by hand) are kept too. Only missing seed skills are added and seed sectors brought up to date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECTORS } from '../../shared/domain/common.js';
import { LANGUAGES_BY_GROUP } from './names.js';
import { GENERAL_SKILLS, SECTOR_PROFILES, type Sector } from './sectors.js';

export const SKILLS_FILE = join(import.meta.dirname, '../../data/skills.json');

interface FileEntry {
  skill: string;
  sectors: Sector[];
  synonyms: string[];
}
interface SkillsFile {
  about: string;
  skills: FileEntry[];
}

/** Every skill tag the demo data uses, with the sectors whose jobs or people use it (none: any job). */
export function seedSkillTags(): Map<string, Set<Sector>> {
  const out = new Map<string, Set<Sector>>();
  const add = (skill: string, sector?: Sector) => {
    const set = out.get(skill) ?? new Set<Sector>();
    if (sector) set.add(sector);
    out.set(skill, set);
  };
  for (const sector of SECTORS) {
    const profile = SECTOR_PROFILES[sector];
    for (const occ of profile.occupations) for (const s of [...occ.essential, ...occ.desirable]) add(s, sector);
    for (const s of profile.skills) add(s, sector);
  }
  for (const s of GENERAL_SKILLS) add(s);
  // generate.ts: drivers may list driving; people with a home language list `speaks <language>`.
  add('driving');
  for (const language of new Set(Object.values(LANGUAGES_BY_GROUP).flat())) add(`speaks ${language}`);
  return out;
}

const ABOUT =
  'Routeway skills vocabulary: canonical entry-level skill tags with synonyms and the sectors that use them. ' +
  'Generated from the demo seeds (scripts/seed/skill-vocabulary.ts), synonyms edited by hand; each organisation ' +
  'gets a copy in its table when an admin first adds to it.';

/** The file as it should be: what is there, plus any seed skill it lacks, with seed sectors. */
export function regenerate(current: SkillsFile | undefined): SkillsFile {
  const seeds = seedSkillTags();
  const order = (xs: Iterable<Sector>) => SECTORS.filter((s) => new Set(xs).has(s));
  const entries = new Map<string, FileEntry>();
  for (const e of current?.skills ?? []) entries.set(e.skill, { ...e });
  for (const [skill, sectors] of seeds) {
    const had = entries.get(skill);
    entries.set(skill, { skill, sectors: order([...(had?.sectors ?? []), ...sectors]), synonyms: had?.synonyms ?? [] });
  }
  const skills = [...entries.values()].sort((a, b) => (a.skill < b.skill ? -1 : a.skill > b.skill ? 1 : 0));
  return { about: ABOUT, skills };
}

export const serialise = (f: SkillsFile) =>
  `{\n  "about": ${JSON.stringify(f.about)},\n  "skills": [\n${f.skills.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]\n}\n`;

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const text = readFileSync(SKILLS_FILE, 'utf8');
  const next = serialise(regenerate(JSON.parse(text) as SkillsFile));
  if (process.argv.includes('--check')) {
    if (next !== text) {
      console.error('data/skills.json is out of date: run npx tsx scripts/seed/skill-vocabulary.ts');
      process.exit(1);
    }
  } else {
    writeFileSync(SKILLS_FILE, next);
    console.log(`data/skills.json: ${regenerate(JSON.parse(next) as SkillsFile).skills.length} skills`);
  }
}
