import * as React from 'react';

import { Time } from '@jupyterlab/coreutils';

import { useSidebar } from '../components/context';
import { daysUntil } from '../model/derive';
import { displayName } from '../people';
import { RhythmClient } from './client';
import { questionFocus } from './focus';
import {
  IMentoring,
  IQuestionSummary,
  IStaleMilestone,
  IStalledClaim,
  IStalledPart
} from './types';

/** A person's stalled work: a claim that stopped, or a part not done of a task everyone does. */
type IStalledWork = (
  | (IStalledClaim & { part: false; due: null })
  | (IStalledPart & { part: true; claimed_at: null })
) & { group_id: number };

/** Whether /me lists a group where the user is a mentor (null: not loaded yet). */
function mentorsAGroup(
  groups: readonly { my_role: string | null; i_mentor?: boolean }[] | undefined
): boolean {
  // A mentor, or an organizer who mentors the group too (#16).
  return (groups ?? []).some(g => g.my_role === 'mentor' || g.i_mentor);
}

/**
 * The directory's "Mentoring" section: across the groups the user mentors, questions
 * nobody answered yet (oldest first) and milestones without activity for
 * `stale_after_days` days. Shown to mentors only; reloads after each burst of the
 * model's loads (`settled`).
 */
export function Mentoring(): JSX.Element | null {
  const { model, trans, openGroup } = useSidebar();
  const [found, setFound] = React.useState<IMentoring | null>(null);

  React.useEffect(() => {
    let alive = true;
    const client = new RhythmClient(model.client.settings);
    const load = async (): Promise<void> => {
      if (!mentorsAGroup(model.me?.groups)) {
        setFound(null);
        return;
      }
      try {
        const answer = await client.mentoring();
        if (alive) {
          setFound(answer);
        }
      } catch {
        // The directory itself reports a server that is down.
      }
    };
    // Again after a load that may have moved what a mentor watches: questions, claims,
    // snapshots, stages (or a full load).
    const watched = ['questions', 'milestones', 'snapshots', 'group'] as const;
    const reload = () => {
      const only = model.lastChange;
      if (only === null || watched.some(p => only.has(p))) {
        void load();
      }
    };
    void load();
    model.settled.connect(reload);
    return () => {
      alive = false;
      model.settled.disconnect(reload);
    };
  }, [model]);

  if (!found || found.groups.length === 0) {
    return null;
  }
  const titles = new Map(found.groups.map(g => [g.group_id, g.title]));
  const questions = found.groups
    .flatMap(g => g.unanswered)
    .sort((a, b) => a.created_at.localeCompare(b.created_at));
  const stale = found.groups.flatMap(g => g.stale_milestones);
  // Claims that stopped and parts of "everyone does this one" tasks not done: one list of
  // people whose work stalled, the quietest first.
  const stalled: IStalledWork[] = found.groups
    .flatMap(g => [
      ...(g.stalled_claims ?? []).map(c => ({
        ...c,
        group_id: g.group_id,
        part: false as const,
        due: null
      })),
      ...(g.stalled_parts ?? []).map(p => ({
        ...p,
        group_id: g.group_id,
        part: true as const,
        claimed_at: null
      }))
    ])
    .sort((a, b) => b.quiet_days - a.quiet_days);

  // In the group's room (its Questions or Plan), where the question list and the plan
  // live; the sidebar alone (no room command, as in tests) shows the group.
  const show = (groupId: number, section: string) => {
    void model.select(groupId);
    openGroup?.(groupId, section);
  };
  const openQuestion = (q: IQuestionSummary) => {
    questionFocus(model).request(q.id);
    show(q.group_id, 'questions');
  };
  const openMilestone = (m: IStaleMilestone) => show(m.group_id, 'plan');

  return (
    <section
      className="jp-NerdUp-section jp-NerdUp-mentoring"
      aria-labelledby="jp-NerdUp-mentoring-h"
    >
      <h3 id="jp-NerdUp-mentoring-h" className="jp-NerdUp-sectionTitle">
        {trans.__('Mentoring')}
      </h3>
      {questions.length === 0 && stale.length === 0 && stalled.length === 0 && (
        <p className="jp-NerdUp-empty">
          {trans.__(
            'All quiet: every question has an answer and all work is moving.'
          )}
        </p>
      )}
      {questions.length > 0 && (
        <>
          <h4 className="jp-NerdUp-subTitle">
            {trans.__('Unanswered questions')}
          </h4>
          <ul
            className="jp-NerdUp-mentoringList"
            aria-label={trans.__('Unanswered questions')}
          >
            {questions.map(q => (
              <li key={q.id} className="jp-NerdUp-mentoringItem">
                <button
                  className="jp-NerdUp-linkButton"
                  aria-label={trans.__(
                    'Open question “%1” in %2',
                    q.title,
                    titles.get(q.group_id) ?? ''
                  )}
                  onClick={() => openQuestion(q)}
                >
                  {q.title}
                </button>
                <span className="jp-NerdUp-mentoringMeta">
                  {titles.get(q.group_id)}
                  {' · '}
                  {trans.__('asked by %1', displayName(q.author))}
                  {' · '}
                  <time
                    dateTime={q.created_at}
                    title={Time.format(q.created_at)}
                  >
                    {Time.formatHuman(q.created_at)}
                  </time>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {stale.length > 0 && (
        <>
          <h4 className="jp-NerdUp-subTitle">{trans.__('Stale milestones')}</h4>
          <ul
            className="jp-NerdUp-mentoringList"
            aria-label={trans.__('Stale milestones')}
          >
            {stale.map(m => (
              <li key={m.id} className="jp-NerdUp-mentoringItem">
                <button
                  className="jp-NerdUp-linkButton"
                  aria-label={trans.__(
                    'Open %1, milestone “%2”',
                    titles.get(m.group_id) ?? '',
                    m.title
                  )}
                  onClick={() => openMilestone(m)}
                >
                  {m.title}
                </button>
                <span className="jp-NerdUp-mentoringMeta">
                  {titles.get(m.group_id)}
                  {' · '}
                  {trans._n(
                    'no activity for %1 day',
                    'no activity for %1 days',
                    m.quiet_days ?? found.stale_after_days
                  )}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {stalled.length > 0 && (
        <>
          <h4 className="jp-NerdUp-subTitle">{trans.__('Stalled work')}</h4>
          <ul
            className="jp-NerdUp-mentoringList"
            aria-label={trans.__('Stalled work')}
          >
            {stalled.map(c => (
              <li
                key={`${c.part ? 'part' : 'claim'}-${c.task_id}-${c.username}`}
                className="jp-NerdUp-mentoringItem"
              >
                <button
                  className="jp-NerdUp-linkButton"
                  aria-label={trans.__(
                    'Open %1, task “%2”',
                    titles.get(c.group_id) ?? '',
                    c.title
                  )}
                  onClick={() => show(c.group_id, 'plan')}
                >
                  {c.part
                    ? trans.__(
                        '%1 has not done their part of “%2”',
                        displayName(c.username),
                        c.title
                      )
                    : trans.__(
                        '%1 claimed “%2”',
                        displayName(c.username),
                        c.title
                      )}
                </button>
                <span className="jp-NerdUp-mentoringMeta">
                  {titles.get(c.group_id)}
                  {c.part && c.due && (
                    <>
                      {' · '}
                      <time dateTime={c.due} title={c.due}>
                        {daysUntil(c.due) < 0
                          ? trans._n(
                              'stage %1 day overdue',
                              'stage %1 days overdue',
                              -daysUntil(c.due)
                            )
                          : trans.__('stage due today')}
                      </time>
                    </>
                  )}
                  {' · '}
                  {c.last_snapshot_at
                    ? trans._n(
                        'last snapshot %1 day ago',
                        'last snapshot %1 days ago',
                        c.quiet_days
                      )
                    : c.part
                      ? trans._n(
                          'no snapshot for %1 day',
                          'no snapshot for %1 days',
                          c.quiet_days
                        )
                      : trans._n(
                          'claimed %1 day ago, no snapshot since',
                          'claimed %1 days ago, no snapshot since',
                          c.quiet_days
                        )}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
