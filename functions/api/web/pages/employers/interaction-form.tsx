import { INTERACTION_KINDS, INTERACTION_OUTCOMES } from '../../../../../shared/domain/employer.js';
import type { FieldError } from '../../../../../shared/errors.js';
import { Button, DateParts, fieldsFor, PostForm, Select, TextArea } from '../../components.js';
import type { Values } from '../../forms.js';
import type { WebContext } from '../../context.js';
import { INTERACTION_KIND_LABELS, INTERACTION_OUTCOME_LABELS } from '../../labels.js';

/* The form that logs a contact with an employer (a call, visit, email or event) on its record, and the callback it may start as. */

export function InteractionForm({
  c,
  id,
  contacts,
  vacancies: vacs,
  values,
  errors,
}: {
  c: WebContext;
  id: string;
  contacts: { id: string; name: string }[];
  vacancies: { id: string; title: string; status: string }[];
  values: Values;
  errors?: FieldError[];
}) {
  const f = fieldsFor(values, errors);
  return (
    <PostForm c={c} action={`/app/employers/${id}/interactions`}>
      <Select
        {...f.field('kind')}
        label="Kind of contact"
        options={[['', 'Choose the kind of contact'], ...INTERACTION_KINDS.map((k) => [k, INTERACTION_KIND_LABELS[k]] as const)]}
      />
      <DateParts {...f.date('occurredAt')} time legend="When it happened" />
      {contacts.length ? (
        <Select
          {...f.field('contactId')}
          label="Who you spoke to (optional)"
          options={[['', 'Nobody in particular'], ...contacts.map((x) => [x.id, x.name] as const)]}
        />
      ) : null}
      {vacs.length ? (
        <Select
          {...f.field('vacancyId')}
          label="Which vacancy it was about (optional)"
          hint="A call about a vacancy the employer posted themselves is its 48-hour callback."
          options={[['', 'None in particular'], ...vacs.map((v) => [v.id, `${v.title} (${v.status})`] as const)]}
        />
      ) : null}
      <TextArea {...f.field('summary')} label="What was said or agreed" />
      <Select
        {...f.field('outcome')}
        label="Outcome"
        options={[['', 'Choose an outcome'], ...INTERACTION_OUTCOMES.map((o) => [o, INTERACTION_OUTCOME_LABELS[o]] as const)]}
      />
      <DateParts
        {...f.date('followUpOn')}
        legend="Follow up by (optional)"
        hint="Every promise needs a follow-up date. You will get a reminder on the day. For example, 27 3 2027"
      />
      <Button>Add interaction</Button>
    </PostForm>
  );
}

/** Come from a callback on the start page (`?vacancy=<id>`): the form starts as a call about that vacancy. */
export function callbackFor(c: WebContext): Values {
  const vacancyId = c.req.query('vacancy');
  return vacancyId && /^[0-9A-Z]{26}$/.test(vacancyId) ? { kind: 'call', vacancyId } : {};
}
