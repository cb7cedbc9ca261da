import { readPalette } from '../dashboard/palette';
import {
  burnUp,
  completionTimes,
  contributions,
  cumulative
} from '../dashboard/series';
import { taskInfo } from './taskinfo';

const DAY = 24 * 3600 * 1000;
const T0 = Date.parse('2026-11-01T00:00:00Z');

// Tasks created at the start of the series unless a test says otherwise.
const task: typeof taskInfo = (id, extra = {}) =>
  taskInfo(id, { created_at: '2026-11-01T00:00:00+00:00', ...extra });

describe('cumulative', () => {
  it('adds up events in time order, merging equal times', () => {
    expect(
      cumulative(
        [
          { t: T0 + 2 * DAY, d: 1 },
          { t: T0 + DAY, d: 2 },
          { t: T0 + DAY, d: 3 }
        ],
        T0
      )
    ).toEqual([
      { t: T0, v: 0 },
      { t: T0 + DAY, v: 5 },
      { t: T0 + 2 * DAY, v: 6 }
    ]);
  });
});

describe('burnUp', () => {
  const now = T0 + 10 * DAY;

  it('draws done weight and scope over time, with an ideal line to the deadline', () => {
    const data = burnUp({
      tasks: [
        task(1, {
          weight: 2,
          status: 'done',
          done_at: '2026-11-03T12:00:00+00:00'
        }),
        task(2, { weight: 3, created_at: '2026-11-05T00:00:00+00:00' }),
        task(3, {
          weight: 1,
          status: 'done',
          done_at: '2026-11-06T00:00:00+00:00'
        })
      ],
      start: '2026-11-01',
      deadline: '2026-11-21',
      now
    });
    expect(data.start).toBe(T0);
    expect(data.scope.map(p => p.v)).toEqual([3, 6]);
    expect(data.done.map(p => p.v)).toEqual([0, 2, 3]);
    expect(data.ideal).toEqual([
      { t: T0, v: 0 },
      { t: T0 + 20 * DAY, v: 6 }
    ]);
    expect(data.end).toBe(T0 + 20 * DAY);
    expect(data.max).toBe(6);
  });

  it('leaves personal tasks out of the plan', () => {
    const data = burnUp({
      tasks: [
        task(1, {
          owner: 'ada',
          weight: 5,
          status: 'done',
          done_at: '2026-11-02'
        })
      ],
      start: '2026-11-01',
      deadline: null,
      now
    });
    expect(data.scope[data.scope.length - 1].v).toBe(0);
    expect(data.done[data.done.length - 1].v).toBe(0);
    expect(data.ideal).toBeNull();
    expect(data.end).toBe(now);
  });

  it('takes completion times from the activity feed when a task has no done_at', () => {
    const data = burnUp({
      tasks: [task(1, { status: 'done', weight: 4 })],
      activity: [
        {
          id: 9,
          group_id: 1,
          actor: 'ada',
          kind: 'task.completed',
          summary: '',
          subject: { task_id: 1 },
          created_at: '2026-11-04T00:00:00+00:00'
        }
      ],
      start: '2026-11-01',
      deadline: '2026-11-30',
      now
    });
    expect(data.done).toEqual([
      { t: T0, v: 0 },
      { t: T0 + 3 * DAY, v: 4 }
    ]);
  });

  it('copes with no tasks and no dates', () => {
    const data = burnUp({ tasks: [], start: null, deadline: null, now });
    expect(data.max).toBe(1);
    expect(data.end).toBeGreaterThan(data.start);
  });
});

describe('completionTimes', () => {
  it('ignores tasks that are not done', () => {
    const times = completionTimes([task(1, { done_at: '2026-11-02' })]);
    expect(times.size).toBe(0);
  });
});

describe('contributions', () => {
  it('counts snapshots per author and done tasks per claimant, owner or completer', () => {
    const rows = contributions(
      ['ada', 'bob', 'cy'],
      [
        task(1, { status: 'done', claimed_by: ['ada', 'bob'] }),
        task(2, { status: 'done', owner: 'cy' }),
        task(3, { status: 'done' }),
        task(4, { status: 'doing', claimed_by: ['bob'] })
      ],
      ['ada', 'ada', 'dee'],
      [
        {
          id: 1,
          group_id: 1,
          actor: 'bob',
          kind: 'task.completed',
          summary: '',
          subject: { task_id: 3 },
          created_at: '2026-11-02T00:00:00Z'
        }
      ]
    );
    expect(rows).toEqual([
      { username: 'ada', snapshots: 2, tasksDone: 1 },
      { username: 'bob', snapshots: 0, tasksDone: 2 },
      { username: 'cy', snapshots: 0, tasksDone: 1 },
      { username: 'dee', snapshots: 1, tasksDone: 0 }
    ]);
  });
});

describe('readPalette', () => {
  it('refers to the theme variables, with a fallback, so charts follow the theme live', () => {
    const palette = readPalette();
    expect(palette.done).toBe('var(--jp-brand-color1, #1976d2)');
    expect(palette.overdue).toBe('var(--jp-error-color1, #d32f2f)');
    expect(palette.text).toBe('var(--jp-ui-font-color1, #212121)');
  });
});
