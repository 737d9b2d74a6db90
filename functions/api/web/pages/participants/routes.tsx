import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../../deps.js';
import type { Actor } from '../../../../../shared/domain/actor.js';
import { Tag } from '../../../../../shared/domain/common.js';
import { Consent, ReadinessChange, REFERRAL_SOURCES, SensitiveInput } from '../../../../../shared/domain/participant.js';
import { AgreementInput, CheckinInput } from '../../../../../shared/domain/submission.js';
import { NotFoundError, type FieldError } from '../../../../../shared/errors.js';
import * as participants from '../../../../../shared/use-cases/participants.js';
import * as placements from '../../../../../shared/use-cases/placements.js';
import * as subjectRights from '../../../../../shared/use-cases/subject-rights.js';
import * as submissions from '../../../../../shared/use-cases/submissions.js';
import type { WebEnv } from '../../context.js';
import { formErrors, parseForm, splitLists, typedValues, type RawForm } from '../../forms.js';
import { newParticipantPage, participantAddedPage, postNewParticipant } from './create.js';
import { editParticipantPage, postEditParticipant } from './edit.js';
import { tidy } from './failed-forms.js';
import { renderParticipant } from './participant-page.js';
import { renderPlacement } from './placement-page.js';

/** The skills form: the profile's skills only. */
const SkillsInput = z.strictObject({ skills: z.array(Tag).max(50) });
/** Who referred them: one field of the profile, through the same update as the API's PATCH. */
const ReferralInput = z.strictObject({ referralSource: z.enum(REFERRAL_SOURCES) });

/** A checkbox that was left unticked sends nothing: say "false" when the rest of its group was filled in. */
function impliedFalse(form: RawForm, flag: string, ...others: string[]): RawForm {
  const filled = others.some((o) => {
    const v = form[o];
    return Array.isArray(v) ? v.some((x) => typeof x === 'string' && x.trim() !== '') : typeof v === 'string' && v.trim() !== '';
  });
  return filled && form[flag] === undefined ? { ...form, [flag]: 'false' } : form;
}

export function participantPages(web: Hono<WebEnv>, deps: AppDeps): void {
  // Adding someone is registered first, so `/app/participants/new` is this job and not a participant called "new".
  web.get('/app/participants/new', (c) => newParticipantPage(c));
  web.post('/app/participants/new', (c) => postNewParticipant(c, deps));
  web.get('/app/participants/:id/added', (c) => participantAddedPage(c, deps, c.req.param('id')));
  web.get('/app/participants/:id/edit', (c) => editParticipantPage(c, deps, c.req.param('id')));
  web.post('/app/participants/:id/edit', (c) => postEditParticipant(c, deps, c.req.param('id')));
  web.get('/app/participants/:id', (c) => renderParticipant(c, deps, c.req.param('id')));

  /** One form, one use case: redirect back with a banner, or show the page again with the error summary. */
  const form = <S extends z.ZodType>(
    which: 'readiness' | 'sensitive' | 'consent' | 'skills' | 'referral',
    schema: S,
    prepare: (raw: RawForm) => RawForm,
    run: (actor: Actor, id: string, input: z.infer<S>) => Promise<unknown>,
    fallback: string,
  ) =>
    web.post(`/app/participants/:id/${which}`, async (c) => {
      const id = c.req.param('id');
      const raw = prepare(await c.req.parseBody({ all: true }));
      const parsed = parseForm(schema, raw);
      const values = typedValues(raw);
      if (!parsed.ok) return renderParticipant(c, deps, id, { form: which, errors: tidy(parsed.errors, values), values }, 400);
      try {
        await run(c.get('actor'), id, parsed.value);
        return c.redirect(`/app/participants/${id}?done=${which}`, 303);
      } catch (err) {
        const f = formErrors(err, fallback);
        if (!f) throw err;
        return renderParticipant(c, deps, id, { form: which, errors: tidy(f.errors, values), values }, f.status);
      }
    });

  form(
    'readiness',
    ReadinessChange,
    (raw) => raw,
    (actor, id, input) => participants.changeReadiness(deps, actor, id, input),
    'readiness',
  );
  form(
    'sensitive',
    SensitiveInput,
    (raw) =>
      impliedFalse(
        impliedFalse(
          raw,
          'convictions.unspent:boolean',
          'convictions.details',
          'convictions.unspentOffences[]',
          'convictions.spentOffences[]',
          'convictions.releasedOn',
          'convictions.licenceEndsOn',
        ),
        'benefitConstraints.permittedWork:boolean',
        'benefitConstraints.maxHoursPerWeek:number',
        'benefitConstraints.until',
      ),
    (actor, id, input) => participants.putSensitive(deps, actor, id, input),
    'health',
  );
  // The whole consent is always posted: a box left unticked is a "no", and no boxes ticked is an empty list.
  const unticked = {
    'matching:boolean': 'false',
    'inWorkContact:boolean': 'false',
    'inWorkContactAtWork:boolean': 'false',
    'shareWithEmployers[]': '',
  };
  form(
    'consent',
    Consent,
    (raw) => ({ ...unticked, ...raw }),
    (actor, id, input) => subjectRights.recordConsent(deps, actor, id, input),
    'matching',
  );

  // Their skills: ticked from the list or typed (each value may be "a, b"); nothing at all is no skills.
  form(
    'skills',
    SkillsInput,
    (raw) => splitLists({ 'skills[]': '', ...raw }, 'skills[]'),
    (actor, id, input) => participants.updateParticipant(deps, actor, id, input),
    'skills',
  );

  form(
    'referral',
    ReferralInput,
    (raw) => raw,
    (actor, id, input) => participants.updateParticipant(deps, actor, id, input),
    'referralSource',
  );

  web.post('/app/submissions/:sid/agreement', async (c) => {
    const actor = c.get('actor');
    const sid = c.req.param('sid');
    const raw = await c.req.parseBody({ all: true });
    const parsed = parseForm(AgreementInput, raw);
    const values = typedValues(raw);
    const again = async (errors: FieldError[], status: number) => {
      const s = await submissions.getSubmission(deps, actor, sid);
      if (!('participantId' in s)) throw new NotFoundError('submission', sid);
      return renderParticipant(c, deps, s.participantId, { form: 'agreement', id: sid, errors: tidy(errors, values), values }, status);
    };
    if (!parsed.ok) return again(parsed.errors, 400);
    try {
      const s = await submissions.recordAgreement(deps, actor, sid, parsed.value);
      return c.redirect(`/app/participants/${s.participantId}?done=${parsed.value.agreed ? 'agreed' : 'declined'}`, 303);
    } catch (err) {
      const f = formErrors(err, 'agreed');
      if (!f) throw err;
      return again(f.errors, f.status);
    }
  });

  web.get('/app/placements/:pid', (c) => renderPlacement(c, deps, c.req.param('pid')));

  web.post('/app/placements/:pid/checkins', async (c) => {
    const actor = c.get('actor');
    const pid = c.req.param('pid');
    const raw = await c.req.parseBody({ all: true });
    const parsed = parseForm(CheckinInput, raw);
    const values = typedValues(raw);
    // A liaison officer records it on the placement's own page; the adviser and admins on the participant's.
    const onPlacement = actor.role === 'liaison';
    const again = async (errors: FieldError[], status: number) => {
      const failed = { form: 'checkin' as const, id: pid, errors: tidy(errors, values), values };
      if (onPlacement) return renderPlacement(c, deps, pid, failed, status);
      const pl = await placements.getPlacement(deps, actor, pid);
      return renderParticipant(c, deps, pl.participantId, failed, status);
    };
    if (!parsed.ok) return again(parsed.errors, 400);
    try {
      const pl = await placements.recordCheckin(deps, actor, pid, parsed.value);
      if (onPlacement) return c.redirect(`/app/placements/${pid}?done=checkin`, 303);
      return c.redirect(`/app/participants/${pl.participantId}?done=checkin`, 303);
    } catch (err) {
      const f = formErrors(err, 'milestone');
      if (!f) throw err;
      return again(f.errors, f.status);
    }
  });
}
