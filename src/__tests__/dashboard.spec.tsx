import { MessageLoop } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { nullTranslator } from '@jupyterlab/translation';

import { DashboardWidget } from '../dashboard/widget';
import { fakeServer, group, progress } from './fakeserver';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { act } = require('react') as {
  act: (fn: () => void | Promise<void>) => Promise<void>;
};

beforeAll(() => {
  (globalThis as any).IS_REACT_ACT_ENVIRONMENT = true;
});

/** What GET /groups/1/progress/series answers: every figure counted by the server. */
function series() {
  const figures = {
    ...progress(50),
    done_weight: 5,
    total_weight: 10,
    tasks_done: 1,
    tasks_total: 4,
    complete: false
  };
  return {
    group_id: 1,
    today: '2026-11-11',
    due_soon_days: 3,
    group: figures,
    milestones: [
      {
        id: 10,
        title: 'Stage 1',
        due: '2026-11-08',
        ...progress(60),
        tasks_done: 1,
        tasks_total: 2
      },
      {
        id: 11,
        title: 'Stage 2',
        due: '2026-11-22',
        ...progress(40),
        tasks_done: 0,
        tasks_total: 2,
        done_weight: 2
      }
    ],
    members: [
      {
        username: 'bob',
        role: 'participant',
        ...progress(100),
        done_weight: 12,
        total_weight: 12,
        tasks_done: 3,
        tasks_total: 3
      },
      {
        username: 'dan',
        role: 'participant',
        ...progress(0),
        tasks_done: 0,
        tasks_total: 1
      },
      {
        username: 'fred',
        role: 'follower',
        ...progress(0),
        tasks_total: 0
      }
    ],
    start: '2026-11-01T00:00:00+00:00',
    end: '2026-11-30T00:00:00+00:00',
    deadline: '2026-11-30',
    done: [
      { at: '2026-11-01T00:00:00+00:00', value: 0 },
      { at: '2026-11-03T12:00:00+00:00', value: 3 },
      { at: '2026-11-06T00:00:00+00:00', value: 5 }
    ],
    scope: [{ at: '2026-11-01T00:00:00+00:00', value: 10 }],
    ideal: [
      { at: '2026-11-01T00:00:00+00:00', value: 0 },
      { at: '2026-11-30T00:00:00+00:00', value: 10 }
    ],
    done_weight: 5,
    total_weight: 10,
    contributions: [
      { username: 'bob', snapshots: 4, tasks_done: 3 },
      { username: 'carol', snapshots: 0, tasks_done: 1 }
    ]
  };
}

describe('the progress dashboard', () => {
  it('draws the series the server computed, in two requests, without paging snapshots', async () => {
    const server = fakeServer({
      'GET /groups/1': () => ({
        body: group(1, { title: 'Round 1', deadline: '2026-11-30' })
      }),
      'GET /groups/1/progress/series': () => ({ body: series() })
    });
    const widget = new DashboardWidget(
      nullTranslator.load('nerdup'),
      server.settings
    );
    Widget.attach(widget, document.body);
    await act(async () => {
      await widget.showGroup(1);
      MessageLoop.sendMessage(widget, Widget.Msg.UpdateRequest);
    });
    const text = widget.node.textContent ?? '';
    expect(text).toContain('Progress of Round 1');
    expect(text).toContain('50% done · 1 of 4 tasks · deadline 2026-11-30');
    const burnup = widget.node.querySelector('.jp-NerdUp-burnup');
    expect(burnup?.getAttribute('aria-label')).toContain(
      'Burn-up: 5 of 10 weight done'
    );
    const stages = [
      ...widget.node.querySelectorAll('.jp-NerdUp-milestoneChart g[aria-label]')
    ].map(g => g.getAttribute('aria-label'));
    expect(stages).toEqual([
      'Stage 1: 60% done (1 of 2 tasks), due 2026-11-08',
      'Stage 2: 40% done (0 of 2 tasks), due 2026-11-22'
    ]);
    const people = [
      ...widget.node.querySelectorAll(
        '.jp-NerdUp-contributionChart g[aria-label]'
      )
    ].map(g => g.getAttribute('aria-label'));
    expect(people).toEqual([
      'bob: 4 snapshots, 3 tasks done',
      'carol: 0 snapshots, 1 tasks done'
    ]);
    // Each member's own figures, as the server counted them; a follower with none is left out.
    const rows = [
      ...widget.node.querySelectorAll('.jp-NerdUp-memberProgress tbody tr')
    ].map(tr => tr.textContent);
    expect(rows).toEqual(['bob3 of 3 done100%', 'dan0 of 1 done0%']);
    // The numbers come from one answer: no snapshot history, feed or plan walked here.
    expect(server.calls.map(c => `${c.method} ${c.path}`).sort()).toEqual([
      'GET /groups/1',
      'GET /groups/1/progress/series'
    ]);
    Widget.detach(widget);
  });

  it('says why when the series cannot be loaded', async () => {
    const server = fakeServer({
      'GET /groups/1': () => ({ body: group(1) }),
      'GET /groups/1/progress/series': () => ({
        status: 404,
        body: {
          error: {
            code: 'not_found',
            message: 'There is no group 1.',
            fields: {}
          }
        }
      })
    });
    const widget = new DashboardWidget(
      nullTranslator.load('nerdup'),
      server.settings
    );
    Widget.attach(widget, document.body);
    await act(async () => {
      await widget.showGroup(1);
      MessageLoop.sendMessage(widget, Widget.Msg.UpdateRequest);
    });
    expect(widget.node.querySelector('[role="alert"]')?.textContent).toContain(
      'There is no group 1.'
    );
    Widget.detach(widget);
  });
});
