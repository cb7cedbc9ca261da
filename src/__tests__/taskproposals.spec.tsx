import * as React from 'react';

import { GroupsModel } from '../model/groups';
import { IGroupView } from '../model/types';
import { forgetPeople, rememberPeople } from '../people';
import { Plan } from '../workspace/sections/Plan';
import { ISectionProps } from '../workspace/sections/Overview';
import { closeDialogs, dialog, dialogButton, until } from './dialogs';
import { progress, task } from './fakeserver';
import { act, inSidebar, settle, sidebarModel, testRoot } from './reactroot';

const stage = (
  id: number,
  position: number,
  title: string,
  status: string
) => ({
  id,
  group_id: 1,
  position,
  title,
  goal: '',
  due: null,
  status,
  resources: [],
  retrospective: { obstacles: '', solutions: '' },
  progress: progress(),
  created_at: null,
  version: 1,
  tasks: id === 10 ? [task(7)] : []
});

const proposal = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  group_id: 1,
  kind: 'task',
  title: `Idea ${id}`,
  goal: '',
  due: null,
  place: 'after_current',
  after_milestone_id: null,
  description: 'Try *seaborn*.',
  for_milestone_id: 10,
  next_session: true,
  task_id: null,
  status: 'open',
  created_by: 'bob',
  created_at: null,
  decided_at: null,
  decided_by: null,
  milestone_id: null,
  votes: [
    { username: 'bob', value: 'up' },
    { username: 'carol', value: 'down' }
  ],
  tally: { up: 1, down: 1 },
  version: 2,
  ...extra
});

describe('deciding tasks together in the Plan section (#16)', () => {
  const root = testRoot();
  let server: Awaited<ReturnType<typeof sidebarModel>>['server'];
  let model: GroupsModel;
  let proposals: any[];

  beforeEach(async () => {
    ({ server, model } = await sidebarModel());
    forgetPeople();
    rememberPeople({
      bob: { display_name: 'Bob Builder' },
      carol: { display_name: 'Carol Chen' }
    });
    proposals = [proposal(30)];
    server.routes['GET /groups/1/milestones'] = () => ({
      body: {
        milestones: [
          stage(10, 0, 'Explore', 'active'),
          stage(11, 1, 'Model', 'planned')
        ]
      }
    });
    server.routes['GET /groups/1/proposals'] = () => ({ body: { proposals } });
  });

  afterEach(closeDialogs);

  const show = async (role: string) => {
    const group = server.routes['GET /groups/1'];
    server.routes['GET /groups/1'] = call => ({
      body: { ...(group(call) as any).body, my_role: role }
    });
    await model.select(1);
    const render = () =>
      root.render(
        inSidebar(
          model,
          <Plan
            view={model.view(1) as IGroupView}
            rhythm={null as unknown as ISectionProps['rhythm']}
          />
        )
      );
    await render();
    await settle();
    model.changed.connect(() => void render());
  };
  const buttons = () =>
    [...root.host.querySelectorAll('button')].map(b => b.textContent?.trim());
  const byLabel = (label: string) =>
    root.host.querySelector(`[aria-label="${label}"]`) as HTMLElement | null;
  const setField = (form: Element, label: string, value: string | boolean) => {
    const node = [...form.querySelectorAll('label')].find(
      l => l.textContent === label
    )!;
    const input = (
      node.htmlFor
        ? document.getElementById(node.htmlFor)
        : node.querySelector('input')
    ) as HTMLInputElement;
    if (typeof value === 'boolean') {
      input.click();
      return;
    }
    const proto = Object.getPrototypeOf(input);
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(input, value);
    input.dispatchEvent(
      new Event(input.tagName === 'SELECT' ? 'change' : 'input', {
        bubbles: true
      })
    );
  };

  it('shows a stage’s proposed tasks with who voted, by name, and no Adopt for a participant', async () => {
    await show('participant');
    const list = byLabel('Proposed tasks for Explore')!;
    expect(list).not.toBeNull();
    expect(list.textContent).toContain('Idea 30');
    expect(list.textContent).toContain('proposed by Bob Builder');
    expect(list.textContent).toContain('for the next session');
    expect(list.textContent).toContain('For: Bob Builder');
    expect(list.textContent).toContain('Against: Carol Chen');
    expect(byLabel('Vote for Idea 30 (votes for: 1)')).not.toBeNull();
    expect(byLabel('Adopt Idea 30')).toBeNull();
    // The milestone proposals' list does not repeat a task proposal.
    expect(byLabel('Proposed milestones')!.textContent).not.toContain(
      'Idea 30'
    );
  });

  it('proposes a task for the stage it was asked from', async () => {
    const sent: any[] = [];
    server.routes['POST /groups/1/proposals'] = call => {
      sent.push(call.body);
      proposals = [proposal(31, { title: call.body.title }), ...proposals];
      return { status: 201, body: proposals[0] };
    };
    await show('participant');
    expect(buttons().filter(b => b === 'Propose a task')).toHaveLength(1);
    const propose = [...root.host.querySelectorAll('button')].find(
      b => b.textContent?.trim() === 'Propose a task'
    )!;
    await act(() => propose.click());
    const form = root.host.querySelector(
      'form[aria-label="Propose a task for Explore"]'
    )!;
    await act(() => setField(form, 'Proposed task', 'Plot the residuals'));
    await act(() => setField(form, 'For the next session', true));
    await settle(() =>
      form.dispatchEvent(
        new Event('submit', { bubbles: true, cancelable: true })
      )
    );
    expect(sent).toEqual([
      {
        kind: 'task',
        title: 'Plot the residuals',
        for_milestone_id: 10,
        next_session: true
      }
    ]);
    await until(() =>
      byLabel('Proposed tasks for Explore')?.textContent?.includes(
        'Plot the residuals'
      )
    );
  });

  it('lets an organizer adopt, and asks before rejecting', async () => {
    const decided: string[] = [];
    for (const decision of ['adopt', 'reject']) {
      server.routes[`POST /proposals/30/${decision}`] = call => {
        decided.push(`${decision} ${call.headers.get('If-Match')}`);
        proposals = [];
        return { body: proposal(30, { status: `${decision}ed` }) };
      };
    }
    await show('organizer');
    await act(() => byLabel('Reject Idea 30')!.click());
    await until(() => dialog()?.textContent?.includes('Reject “Idea 30”?'));
    await act(() => dialogButton('Cancel')!.click());
    await settle();
    expect(decided).toEqual([]);
    await act(() => byLabel('Adopt Idea 30')!.click());
    await settle();
    expect(decided).toEqual(['adopt "2"']);
    await until(() => byLabel('Proposed tasks for Explore') === null);
  });

  it('places a proposed milestone where the proposer asks', async () => {
    const sent: any[] = [];
    server.routes['POST /groups/1/proposals'] = call => {
      sent.push(call.body);
      return { status: 201, body: proposal(32, { kind: 'milestone' }) };
    };
    proposals = [
      proposal(33, {
        kind: 'milestone',
        title: 'Share',
        place: 'after',
        after_milestone_id: 11,
        for_milestone_id: null,
        due: '2026-12-20'
      })
    ];
    await show('participant');
    const shown = byLabel('Proposed milestones')!;
    expect(shown.textContent).toContain('Goes after “Model”');
    const propose = [...root.host.querySelectorAll('button')].find(
      b => b.textContent?.trim() === 'Propose a milestone'
    )!;
    await act(() => propose.click());
    const form = root.host.querySelector(
      'form[aria-label="Propose a milestone"]'
    )!;
    const select = form.querySelector('select')!;
    expect([...select.options].map(o => o.textContent)).toEqual([
      'After the current stage (“Explore”)',
      'After “Model”',
      'Last'
    ]);
    await act(() => setField(form, 'Proposed milestone', 'Tune'));
    await act(() => setField(form, 'Place it', `after:11`));
    await settle(() =>
      form.dispatchEvent(
        new Event('submit', { bubbles: true, cancelable: true })
      )
    );
    expect(sent).toEqual([
      { title: 'Tune', place: 'after', after_milestone_id: 11 }
    ]);
  });
});
