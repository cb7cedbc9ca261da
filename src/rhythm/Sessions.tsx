import * as React from 'react';

import { addIcon, Button, checkIcon } from '@jupyterlab/ui-components';

import { useSidebar } from '../components/context';
import { InlineForm } from '../components/InlineForm';
import { RowActions } from '../components/PlanEditing';
import { actingRole } from '../model/derive';
import { IGroupView } from '../model/types';
import { CalendarLink } from './CalendarLink';
import { PickTasks } from './PickTasks';
import {
  browserTimeZone,
  cancelSession,
  editSession,
  sessionFields,
  sessionName,
  startsAt
} from './SessionEditing';
import { IRhythm } from './useRhythm';
import { IOccurrence, IStudySession } from './types';

export interface ISessionsProps {
  view: IGroupView;
  rhythm: IRhythm;
}

/** When a session time reads best: "Thu 5 Mar, 18:00" in the user's time zone. */
export function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit'
  });
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 864e5],
  ['month', 30 * 864e5],
  ['week', 7 * 864e5],
  ['day', 864e5],
  ['hour', 36e5],
  ['minute', 6e4]
];

/**
 * "in 3 days", "in 2 hours", "5 minutes ago": JupyterLab's `Time.formatHuman` rounds a
 * future time up to the largest unit (a session in 3 days reads "next year"), so here the
 * largest unit that fits is rounded, in the page's language.
 */
export function fromNow(iso: string, now = Date.now()): string {
  const lang = document.documentElement.lang || 'en';
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const delta = new Date(iso).getTime() - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size) {
      return format.format(Math.round(delta / size), unit);
    }
  }
  return format.format(0, 'minute');
}

/**
 * The session's own clock when it is not the viewer's: " · 19:00 in Europe/Sofia" for a
 * viewer in Berlin; "" when both zones tell the same time or the zone is unknown.
 */
export function inSessionZone(
  iso: string,
  zone: string,
  viewerZone = browserTimeZone()
): string {
  if (!zone || zone === viewerZone) {
    return '';
  }
  const at = new Date(iso);
  const clock = (timeZone: string) =>
    at.toLocaleTimeString(undefined, {
      hour: '2-digit',
      minute: '2-digit',
      timeZone
    });
  try {
    const theirs = clock(zone);
    return theirs === clock(viewerZone) ? '' : ` · ${theirs} in ${zone}`;
  } catch {
    return ''; // a zone this browser does not know
  }
}

/** Co-coding sessions: the next one with one-click check-in, its agenda, scheduling. */
export function Sessions(props: ISessionsProps): JSX.Element {
  const { trans } = useSidebar();
  const { view, rhythm } = props;
  const [adding, setAdding] = React.useState(false);
  const role = actingRole(view.group);
  const organizer = role === 'organizer';
  const coming = rhythm.data.sessions
    .filter(s => s.next !== null)
    .sort((a, b) => (a.next!.start < b.next!.start ? -1 : 1));
  return (
    <section
      className="jp-NerdUp-section jp-NerdUp-sessions"
      aria-labelledby="jp-NerdUp-sessions-h"
    >
      <h3 id="jp-NerdUp-sessions-h" className="jp-NerdUp-sectionTitle">
        {trans.__('Sessions')}
      </h3>
      {coming.length === 0 && (
        <p className="jp-NerdUp-empty">{trans.__('No session scheduled.')}</p>
      )}
      <ul className="jp-NerdUp-sessionList">
        {coming.map(s => (
          <SessionItem key={s.id} session={s} view={view} rhythm={rhythm} />
        ))}
      </ul>
      {role !== null && (
        <CalendarLink
          client={rhythm.client}
          groupId={view.group.id}
          groupTitle={view.group.title}
        />
      )}
      {organizer &&
        (adding ? (
          <InlineForm
            label={trans.__('Schedule a session')}
            submitLabel={trans.__('Schedule')}
            fields={sessionFields(trans)}
            onSubmit={async values => {
              const made = await rhythm.act(
                () =>
                  rhythm.client.schedule(view.group.id, {
                    starts_at: startsAt(String(values.starts_at ?? '')),
                    timezone: browserTimeZone(),
                    title: values.title ? String(values.title) : undefined,
                    place: values.place ? String(values.place) : undefined,
                    link: values.link ? String(values.link) : undefined,
                    recurrence: values.weekly ? 'weekly' : 'none'
                  }),
                true
              );
              return made !== null;
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <Button small minimal onClick={() => setAdding(true)}>
            <addIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
            {trans.__('Schedule a session')}
          </Button>
        ))}
    </section>
  );
}

function SessionItem(props: {
  session: IStudySession;
  view: IGroupView;
  rhythm: IRhythm;
}): JSX.Element {
  const ctx = useSidebar();
  const { trans } = ctx;
  const { session, view, rhythm } = props;
  const next = session.next as IOccurrence;
  const [present, setPresent] = React.useState<string[] | null>(null);
  const [picking, setPicking] = React.useState(false);
  const role = actingRole(view.group);
  const member = role !== null;
  const planner = member && role !== 'follower';
  // Organizers change and cancel sessions; an archived group is read-only.
  const organizer = role === 'organizer' && view.group.status !== 'archived';
  const name = sessionName(session, trans);
  const agenda =
    rhythm.data.catchup?.next_session?.session_id === session.id
      ? rhythm.data.catchup.next_session.agenda
      : [];
  const checkIn = async () => {
    const done = await rhythm.act(() => rhythm.client.checkIn(session.id));
    if (done) {
      setPresent(done.attendees ?? []);
    }
  };
  return (
    <li className="jp-NerdUp-session" data-session-id={session.id}>
      <div className="jp-NerdUp-sessionHead">
        <strong>{name}</strong>
        {session.recurrence === 'weekly' && (
          <span className="jp-NerdUp-badge">{trans.__('weekly')}</span>
        )}
        {organizer && (
          <RowActions
            editLabel={trans.__('Edit session %1', name)}
            deleteLabel={trans.__('Cancel session %1', name)}
            onEdit={() => void editSession(ctx, rhythm, session)}
            onDelete={() =>
              void cancelSession(ctx, rhythm, session, when(next.start))
            }
          />
        )}
      </div>
      <div className="jp-NerdUp-sessionWhen">
        {when(next.start)}
        {inSessionZone(next.start, session.timezone)} · {fromNow(next.start)}
        {next.place ? ` · ${next.place}` : ''}
      </div>
      <div className="jp-NerdUp-buttonRow">
        {next.link && (
          <a
            className="jp-NerdUp-sessionLink"
            href={next.link}
            target="_blank"
            rel="noopener noreferrer"
          >
            {trans.__('Join online')}
          </a>
        )}
        {member && next.checkin_open && (
          <Button
            small
            className="jp-NerdUp-checkin"
            onClick={() => void checkIn()}
            disabled={present !== null}
          >
            <checkIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
            {present === null ? trans.__('Check in') : trans.__('Checked in')}
          </Button>
        )}
      </div>
      {present !== null && (
        <div className="jp-NerdUp-attendees">
          {trans.__('Present: %1', present.join(', '))}
        </div>
      )}
      {agenda.length > 0 && (
        <div className="jp-NerdUp-agenda">
          <div className="jp-NerdUp-subTitle">{trans.__('Agenda')}</div>
          <ul>
            {agenda.map(t => (
              <li key={t.id}>
                {t.title}
                {t.status === 'done' ? ` ✓` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {planner &&
        (picking ? (
          <PickTasks
            sessionId={session.id}
            view={view}
            rhythm={rhythm}
            onDone={() => setPicking(false)}
          />
        ) : (
          <Button small minimal onClick={() => setPicking(true)}>
            {trans.__('Plan the next session')}
          </Button>
        ))}
    </li>
  );
}
