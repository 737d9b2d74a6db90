import type { Hono } from 'hono';
import type { AppDeps } from '../../../deps.js';
import { SECTORS } from '../../../../../shared/domain/common.js';
import { SkillAddition, type SkillEntry } from '../../../../../shared/domain/skills.js';
import type { FieldError } from '../../../../../shared/errors.js';
import { requireRole } from '../../../../../shared/policy.js';
import * as skills from '../../../../../shared/use-cases/skills.js';
import { Button, Choices, DoneBanner, fieldsFor, PostForm, Table, TextInput, words } from '../../components.js';
import { page, type WebContext, type WebEnv } from '../../context.js';
import { formErrors, friendly, parseForm, typedValues, type Values } from '../../forms.js';

/* The skills list, kept by admins: what is in it, and the form that adds a skill or a synonym. */

const DONE: Record<string, string> = {
  added: 'Skill added to the skills list',
  synonyms: 'Added to the skill already in the list',
};

/** Errors on one synonym (`synonyms.2`) are shown on the synonyms box. */
const tidy = (errors: FieldError[]) => errors.map((e) => (e.path.startsWith('synonyms.') ? { ...e, path: 'synonyms' } : e));

function AddSkillForm({ c, values, errors }: { c: WebContext; values: Values; errors?: FieldError[] }) {
  const f = fieldsFor(values, errors);
  return (
    <PostForm c={c} action="/app/admin/skills">
      <TextInput
        {...f.field('skill')}
        label="Skill"
        hint="A new skill, as it should be stored, for example ‘food allergen awareness’. Or one already in the list, to give it more synonyms."
        spellcheck={false}
      />
      <TextInput
        {...f.field('synonyms[]')}
        label="Synonyms (optional)"
        hint="Other ways people write it, separated by commas, for example: allergens, allergy awareness. Case, punctuation, ‘&’ and plurals already do not matter."
        spellcheck={false}
      />
      <Choices
        {...f.choice('sectors[]')}
        kind="checkboxes"
        legend="Sectors whose jobs use it (optional)"
        hint="Leave them all unticked for a skill any job might use."
        options={SECTORS.map((s) => [s, words(s)] as const)}
        small
      />
      <Button id="add-skill">Add to the skills list</Button>
    </PostForm>
  );
}

function SkillTable({ entries }: { entries: readonly SkillEntry[] }) {
  return (
    <Table caption={`The skills list: ${entries.length} skills`} showCaption head={['Skill', 'Sectors', 'Synonyms']}>
      {entries.map((e) => (
        <tr class="govuk-table__row">
          <td class="govuk-table__cell">{e.skill}</td>
          <td class="govuk-table__cell">{e.sectors.length ? e.sectors.map(words).join(', ') : 'Any job'}</td>
          <td class="govuk-table__cell">{e.synonyms.join(', ') || 'None'}</td>
        </tr>
      ))}
    </Table>
  );
}

async function renderSkills(c: WebContext, deps: AppDeps, values: Values, errors?: FieldError[], status?: number) {
  const actor = c.get('actor');
  requireRole(actor, 'skill:write');
  const list = await skills.listSkills(deps, actor);
  return page(
    c,
    { title: 'Skills list', current: '/app/admin/skills', errors, status },
    <>
      <DoneBanner c={c} messages={DONE} />
      <h1 class="govuk-heading-l">Skills list</h1>
      <p class="govuk-body">
        Participants’ and vacancies’ skills are stored as this list names them, so the same skill typed two ways still matches. Skills typed
        that are not in the list are kept, and flagged on the record: matching cannot use them until they are added here. A record picks up
        a new skill or synonym the next time it is saved.
      </p>
      <h2 class="govuk-heading-m">Add a skill or a synonym</h2>
      <AddSkillForm c={c} values={values} errors={errors} />
      <SkillTable entries={list.skills} />
    </>,
  );
}

/** `/app/admin/skills`: admins only (everyone else gets the 403 page). */
export function skillPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/admin/skills', (c) => renderSkills(c, deps, {}));

  web.post('/app/admin/skills', async (c) => {
    const actor = c.get('actor');
    requireRole(actor, 'skill:write');
    const raw = await c.req.parseBody({ all: true });
    const parsed = parseForm(SkillAddition, raw);
    const values = typedValues(raw);
    if (!parsed.ok) return renderSkills(c, deps, values, tidy(friendly(parsed.errors, parsed.values)), 400);
    try {
      const added = await skills.addSkill(deps, actor, parsed.value);
      return c.redirect(`/app/admin/skills?done=${added.created ? 'added' : 'synonyms'}`, 303);
    } catch (err) {
      const f = formErrors(err, 'skill');
      if (!f) throw err;
      return renderSkills(c, deps, values, tidy(f.errors), f.status);
    }
  });
}
