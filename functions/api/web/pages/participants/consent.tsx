import type { Child } from 'hono/jsx';
import { SHAREABLE_FIELDS, type Participant } from '../../../../../shared/domain/participant.js';
import type { LiaisonParticipantView } from '../../../../../shared/use-cases/participants.js';
import { Button, Checkbox, Choices, fieldsFor, fmtDateTime, PostForm, SummaryList, TextArea } from '../../components.js';
import type { WebContext } from '../../context.js';
import type { People } from '../../people.js';
import { SHARE_LABELS } from '../../labels.js';
import type { Failed } from './failed-forms.js';

/* The participant's consent: what they agreed to, and the form that records their choices. */

export function ConsentSummary({ p, people }: { p: Participant | LiaisonParticipantView; people: People }) {
  const k = p.consent;
  return (
    <SummaryList
      rows={[
        ['Matched to vacancies', k.matching ? 'Yes, they agree' : 'No'],
        [
          'Employers may see',
          k.shareWithEmployers.length ? (
            <ul class="govuk-list">
              {k.shareWithEmployers.map((f) => (
                <li>{SHARE_LABELS[f]}</li>
              ))}
            </ul>
          ) : (
            'Nothing beyond a candidate reference'
          ),
        ],
        [
          'Contact while in work',
          !k.inWorkContact ? 'No' : k.inWorkContactAtWork === false ? 'Yes, but not at work: by phone or outside work' : 'Yes',
        ],
        ...(k.healthDisclosureText ? [['Health disclosure, in their words', k.healthDisclosureText] as [string, Child]] : []),
        ...(k.convictionDisclosureText ? [['Conviction disclosure, in their words', k.convictionDisclosureText] as [string, Child]] : []),
        ['Recorded', `${fmtDateTime(k.recordedAt)} by ${people.name(k.recordedBy)}`],
      ]}
    />
  );
}

export function ConsentForm({ c, p, failed }: { c: WebContext; p: Participant | LiaisonParticipantView; failed?: Failed }) {
  // Recorded before the question was asked: contact at work was not ruled out.
  const f = fieldsFor(
    failed ? failed.values : { ...p.consent, inWorkContactAtWork: p.consent.inWorkContactAtWork ?? true },
    failed?.errors,
  );
  return (
    <PostForm c={c} action={`/app/participants/${p.id}/consent`}>
      <h3 class="govuk-heading-s">Record their choices</h3>
      <p class="govuk-body">Ask them, and record what they say. These are their choices, not yours.</p>
      <Checkbox
        {...f.flag('matching:boolean')}
        legend="Matching"
        text="They agree to be matched to vacancies"
        itemHint="Without this they are not suggested for any vacancy, and anything not yet with an employer is withdrawn."
      />
      <Choices
        {...f.choice('shareWithEmployers[]')}
        kind="checkboxes"
        legend="What employers may see when they are put forward"
        hint="Employers see only what is ticked, and only after they agree to a particular job. Select all that apply."
        options={SHAREABLE_FIELDS.map((x) => [x, SHARE_LABELS[x]] as const)}
        small
      />
      <TextArea
        {...f.field('healthDisclosureText')}
        label="Health disclosure, in their own words (optional)"
        hint="Needed only if they choose to share a health disclosure. Only they can decide to tell an employer."
        rows={3}
      />
      <TextArea
        {...f.field('convictionDisclosureText')}
        label="Conviction disclosure, in their own words (optional)"
        hint="Needed only if they choose to share a conviction disclosure."
        rows={3}
      />
      <Checkbox
        {...f.flag('inWorkContact:boolean')}
        legend="Once they are in work"
        text="They agree to be contacted while in work"
        itemHint="Without it no in-work support is planned for them. Check-ins can still be recorded from other evidence."
      />
      <Checkbox
        {...f.flag('inWorkContactAtWork:boolean')}
        legend="Where"
        text="They are happy to be contacted at their workplace"
        itemHint="If not, in-work support is by phone or outside working hours, so they can raise concerns away from work."
      />
      <Button id="save-consent">Save consent</Button>
    </PostForm>
  );
}
