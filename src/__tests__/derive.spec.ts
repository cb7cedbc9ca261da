import {
  activitySummary,
  currentMilestone,
  daysUntil,
  filterTasks,
  isGroupDone,
  noStageLabel,
  isMine,
  recentWork,
  whoToAsk
} from '../model/derive';
import { IActivity, IGroup, IMilestone, ITask } from '../model/types';
import { group, progress, task } from './fakeserver';

const t = (id: number, extra: Record<string, unknown> = {}) =>
  task(id, extra) as unknown as ITask;

describe('derive', () => {
  it('filters my tasks (claimed or personal) and next-session tasks', () => {
    const tasks = [
      t(1, { claimed_by: ['alice'] }),
      t(2, { owner: 'alice', personal: true }),
      t(3, { next_session: true }),
      t(4, { claimed_by: ['bob'] })
    ];
    expect(filterTasks(tasks, 'mine', 'alice').map(x => x.id)).toEqual([1, 2]);
    expect(filterTasks(tasks, 'next', 'alice').map(x => x.id)).toEqual([3]);
    expect(filterTasks(tasks, 'all', null)).toHaveLength(4);
    expect(isMine(tasks[0], null)).toBe(false);
  });

  it('counts days to a date, negative when past', () => {
    const today = new Date(2026, 10, 21);
    expect(daysUntil('2026-11-24', today)).toBe(3);
    expect(daysUntil('2026-11-21', today)).toBe(0);
    expect(daysUntil('2026-11-19', today)).toBe(-2);
  });

  it('picks the active milestone, else the first planned one', () => {
    const m = (id: number, position: number, status: string) =>
      ({ id, position, status }) as IMilestone;
    expect(
      currentMilestone([
        m(1, 0, 'done'),
        m(2, 2, 'planned'),
        m(3, 1, 'planned')
      ])?.id
    ).toBe(3);
    expect(currentMilestone([m(1, 0, 'planned'), m(2, 1, 'active')])?.id).toBe(
      2
    );
    expect(currentMilestone([m(1, 0, 'done')])).toBeNull();
  });

  it('lists organizers then mentors as the people to ask', () => {
    const g = group(1, {
      members: [
        { username: 'pat', role: 'participant' },
        { username: 'mo', role: 'mentor' },
        { username: 'ola', role: 'organizer' }
      ]
    }) as unknown as IGroup;
    expect(whoToAsk(g).map(m => m.username)).toEqual(['ola', 'mo']);
  });

  it('keeps work, not votes or joins, in "done lately"', () => {
    const a = (id: number, kind: string) => ({ id, kind }) as IActivity;
    const feed = [
      a(5, 'proposal.voted'),
      a(4, 'task.completed'),
      a(3, 'member.joined'),
      a(2, 'snapshot.committed')
    ];
    expect(recentWork(feed).map(x => x.id)).toEqual([4, 2]);
  });

  it('drops the actor from a summary that repeats it', () => {
    const a = (summary: string) =>
      ({ actor: 'bob', summary }) as unknown as IActivity;
    expect(activitySummary(a('bob committed a snapshot'))).toBe(
      'committed a snapshot'
    );
    expect(activitySummary(a('took on “X”'))).toBe('took on “X”');
  });

  it('treats a finished group or one with every task done as done', () => {
    const g = (extra: Record<string, unknown>) =>
      group(1, extra) as unknown as IGroup;
    const all = { ...progress(100), tasks_total: 6, tasks_done: 6 };
    const some = { ...progress(50), tasks_total: 6, tasks_done: 3 };
    expect(isGroupDone(g({ progress: all }))).toBe(true);
    expect(isGroupDone(g({ progress: some, status: 'finished' }))).toBe(true);
    expect(isGroupDone(g({ progress: some }))).toBe(false);
    // A plan with no tasks yet is not "done", whatever the fraction says.
    expect(isGroupDone(g({ progress: progress(100) }))).toBe(false);
  });

  it('calls a plan completed only when the server counts everything done', () => {
    const g = (extra: Record<string, unknown>) =>
      group(1, extra) as unknown as IGroup;
    const all = { ...progress(100), tasks_total: 4, tasks_done: 4 };
    const quarter = { ...progress(25), tasks_total: 4, tasks_done: 1 };
    expect(noStageLabel(g({ progress: all }))).toBe('complete');
    // A finished round with a quarter done is finished, not "Plan completed · 25%".
    expect(noStageLabel(g({ progress: quarter, status: 'finished' }))).toBe(
      'finished'
    );
    expect(noStageLabel(g({ progress: quarter }))).toBeNull();
  });
});
