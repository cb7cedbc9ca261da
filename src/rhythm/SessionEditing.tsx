/**
 * Changing and cancelling a co-coding session (organizers): the schedule form's fields in
 * the plan's edit dialog (field errors and a stale edit stay in it), and a confirmation
 * naming the session and its date before it is cancelled.
 */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

import { ISidebarContext } from '../components/context';
import { IInlineField } from '../components/InlineForm';
import { editInDialog } from '../components/PlanEditing';
import { FormValues, RecordEdit } from '../model/editing';
import { ISessionInput, IStudySession } from './types';
import { IRhythm } from './useRhythm';

/** The fields of the schedule form, and of the edit dialog. */
export function sessionFields(trans: TranslationBundle): IInlineField[] {
  return [
    { name: 'starts_at', label: trans.__('Starts (date and time)') },
    { name: 'title', label: trans.__('Title') },
    { name: 'place', label: trans.__('Place') },
    { name: 'link', label: trans.__('Online link') },
    { name: 'weekly', label: trans.__('Every week'), type: 'checkbox' }
  ];
}

/** A session's name as the sidebar shows it. */
export function sessionName(
  session: Pick<IStudySession, 'title'>,
  trans: TranslationBundle
): string {
  return session.title || trans.__('Co-coding session');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2025-03-05 18:00": a time as the user types it, in the user's time zone. */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  if (isNaN(d.getTime())) {
    return iso;
  }
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}`
  );
}

/**
 * What the user typed as a start, as the API reads it: an ISO time when the browser
 * understands it (read in the user's time zone), else as typed, so the server names
 * the problem at the field.
 */
export function startsAt(raw: string): string {
  const parsed = new Date(raw);
  return isNaN(parsed.getTime()) ? raw : parsed.toISOString();
}

/**
 * The viewer's IANA time zone (`Europe/Berlin`), which a session scheduled here keeps:
 * a weekly 19:00 stays 19:00 there across daylight-saving changes. UTC when unknown.
 */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function sessionValues(session: IStudySession): FormValues {
  return {
    starts_at: localDateTime(session.starts_at),
    title: session.title,
    place: session.place,
    link: session.link,
    weekly: session.recurrence === 'weekly'
  };
}

/** The request of a form's values (all of them, or only the changed ones). */
export function sessionInput(values: FormValues): Partial<ISessionInput> {
  const input: Partial<ISessionInput> = {};
  if ('starts_at' in values) {
    input.starts_at = startsAt(String(values.starts_at ?? ''));
    // The start was typed on this clock: the session keeps this zone's wall clock.
    input.timezone = browserTimeZone();
  }
  for (const name of ['title', 'place', 'link'] as const) {
    if (name in values) {
      input[name] = String(values[name] ?? '');
    }
  }
  if ('weekly' in values) {
    input.recurrence = values.weekly ? 'weekly' : 'none';
  }
  return input;
}

/** Change a session in a dialog prefilled with it; true when saved. */
export function editSession(
  ctx: ISidebarContext,
  rhythm: IRhythm,
  session: IStudySession
): Promise<boolean> {
  const { trans } = ctx;
  const edit = new RecordEdit<IStudySession>(
    session,
    sessionValues,
    (base, changes) =>
      rhythm.act(
        () =>
          rhythm.client.editSession(
            base.id,
            base.version,
            sessionInput(changes)
          ),
        true
      ),
    trans.__(
      'Someone else changed this session while you were editing it. Their version now:'
    )
  );
  return editInDialog(ctx, {
    title: trans.__('Edit session “%1”', sessionName(session, trans)),
    fields: sessionFields(trans),
    edit
  });
}

/** The question asked before a session is cancelled, naming it and its date. */
export function cancelQuestion(
  trans: TranslationBundle,
  session: IStudySession,
  date: string
): { title: string; body: string } {
  const name = sessionName(session, trans);
  return {
    title: trans.__('Cancel session “%1” on %2?', name, date),
    body:
      session.recurrence === 'weekly'
        ? trans.__(
            'It is a weekly session: every week of it is cancelled, not only %1. Its agenda goes with it. This cannot be undone.',
            date
          )
        : trans.__(
            'It goes for the whole group, with its agenda. This cannot be undone.'
          )
  };
}

/** Ask, then cancel a session; true when cancelled. */
export async function cancelSession(
  ctx: ISidebarContext,
  rhythm: IRhythm,
  session: IStudySession,
  date: string
): Promise<boolean> {
  const { trans } = ctx;
  const question = cancelQuestion(trans, session, date);
  const result = await showDialog({
    title: question.title,
    body: question.body,
    buttons: [
      Dialog.cancelButton({ label: trans.__('Keep session') }),
      Dialog.warnButton({ label: trans.__('Cancel session') })
    ],
    // As JupyterLab's own "Delete file": Enter on opening does not cancel it.
    defaultButton: 0
  });
  if (!result.button.accept) {
    return false;
  }
  const done = await rhythm.act(async () => {
    await rhythm.client.cancelSession(session.id, session.version);
    return true;
  });
  return done === true;
}
