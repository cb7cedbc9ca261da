import * as React from 'react';

import { nullTranslator } from '@jupyterlab/translation';

import { ISidebarContext, SidebarContext } from '../components/context';
import { GroupView } from '../components/GroupView';
import { GroupsModel } from '../model/groups';
import { quietRhythm, task } from './fakeserver';
import { act, settle, sidebarModel, testRoot } from './reactroot';

/** The sidebar's view of the open group, with the open-group command recorded. */
function navigator(
  model: GroupsModel,
  opened: [number, string | undefined][],
  notebooks: [number, number][] = [],
  extra: Partial<ISidebarContext> = {}
): React.ReactElement {
  const context: ISidebarContext = {
    model,
    trans: nullTranslator.load('nerdup_lab'),
    rendermime: null,
    openNotebookPath: () => null,
    openPath: () => undefined,
    openGroup: (id, section) => void opened.push([id, section]),
    openTaskNotebook: (groupId, taskId) =>
      void notebooks.push([groupId, taskId]),
    ...extra
  };
  return (
    <SidebarContext.Provider value={context}>
      {model.current && <GroupView view={model.current} />}
    </SidebarContext.Provider>
  );
}

describe("the sidebar's group navigator", () => {
  const root = testRoot();
  let server: Awaited<ReturnType<typeof sidebarModel>>['server'];
  let model: GroupsModel;
  let opened: [number, string | undefined][];

  beforeEach(async () => {
    ({ server, model } = await sidebarModel());
    quietRhythm(server);
    quietRhythm(server, 2);
    opened = [];
  });

  const show = async (groupId: number) => {
    await model.select(groupId);
    await root.render(navigator(model, opened));
    await settle();
  };
  const buttonNamed = (text: string) =>
    [...root.host.querySelectorAll('button')].find(
      b => b.textContent?.trim() === text
    );

  it('shows where the group stands and my tasks, and leaves the rest to the room', async () => {
    await show(1);
    const nav = root.host.querySelector('.jp-NerdUp-navigator')!;
    expect(nav.querySelector('.jp-NerdUp-navTasks')?.textContent).toContain(
      'Task 7'
    );
    // The plan, the activity feed and the questions are in the room, not here.
    expect(nav.querySelector('.jp-NerdUp-milestone')).toBeNull();
    expect(nav.textContent).not.toContain('Recent activity');
    expect(nav.textContent).toContain('Stage: Explore');

    await act(() => buttonNamed('Open group')!.click());
    await act(() => buttonNamed('Plan')!.click());
    await act(() => buttonNamed('Settings')!.click());
    expect(opened).toEqual([
      [1, undefined],
      [1, 'plan'],
      [1, 'settings']
    ]);
  });

  it("puts Commit first when the notebook in focus is one of the group's", async () => {
    let commits = 0;
    let focused: { path: string; group: number } | null = {
      path: 'group-1/eda.ipynb',
      group: 1
    };
    const extra: Partial<ISidebarContext> = {
      openNotebookPath: () => focused?.path ?? null,
      openNotebookGroup: () => focused?.group ?? null,
      commitOpenNotebook: () => void commits++
    };
    await model.select(1);
    await root.render(navigator(model, opened, [], extra));
    await settle();
    const action = root.host.querySelector('.jp-NerdUp-primaryAction')!;
    const first = action.querySelector('button')!;
    expect(first.textContent?.trim()).toBe('Commit snapshot');
    expect(first.title).toBe(
      'Commit group-1/eda.ipynb as a snapshot of Group 1'
    );
    await act(() => first.click());
    expect(commits).toBe(1);
    // Another group's notebook (or none) in focus: no Commit here, Open group leads.
    focused = { path: 'other.ipynb', group: 2 };
    await root.render(navigator(model, opened, [], { ...extra }));
    await settle();
    expect(buttonNamed('Commit snapshot')).toBeUndefined();
    focused = null;
    await root.render(navigator(model, opened, [], { ...extra }));
    await settle();
    expect(buttonNamed('Commit snapshot')).toBeUndefined();
    expect(
      root.host.querySelector('.jp-NerdUp-primaryAction button')?.textContent
    ).toContain('Open group');
  });

  it('opens my notebook of a task I took, from the task itself', async () => {
    const notebooks: [number, number][] = [];
    await model.select(1);
    await root.render(navigator(model, opened, notebooks));
    await settle();
    const mine = root.host.querySelector('.jp-NerdUp-navTasks')!;
    const open = [...mine.querySelectorAll('button')].filter(
      b => b.textContent?.trim() === 'Open my notebook'
    );
    expect(open).toHaveLength(mine.querySelectorAll('.jp-NerdUp-task').length);
    await act(() => open[0].click());
    const taskId = Number(
      open[0].closest('.jp-NerdUp-task')!.getAttribute('data-task-id')
    );
    expect(notebooks).toEqual([[1, taskId]]);
  });

  it('offers free tasks of the stage to claim when none is mine', async () => {
    const me = server.routes['GET /me'];
    server.routes['GET /me'] = call => ({
      body: { ...(me(call) as any).body, tasks: [] }
    });
    const milestones = server.routes['GET /groups/1/milestones'];
    server.routes['GET /groups/1/milestones'] = call => {
      const body = (milestones(call) as any).body;
      body.milestones[0].tasks = [
        task(7),
        task(8, { claimed_by: ['bob'] }),
        task(9, { next_session: true }),
        task(5, { status: 'done' }),
        task(6, { personal: true, owner: 'bob' }),
        task(11, { per_member: true, completed_by: ['alice'] }),
        task(12, { per_member: true, completed_by: ['bob'] })
      ];
      return { body };
    };
    await model.refreshMe();
    await show(1);
    const nav = root.host.querySelector('.jp-NerdUp-navTasks')!;
    expect(nav.textContent).toContain(
      'No task of yours yet. Free in “Explore”:'
    );
    const free = [...nav.querySelectorAll('.jp-NerdUp-freeTasks > li')].map(
      li => li.getAttribute('data-task-id')
    );
    // Picked for the next session first; taken, done and personal ones left out, and an
    // "everyone does this one" task whose part of mine is done.
    expect(free).toEqual(['9', '7', '12']);
    const named = (text: string) =>
      [...nav.querySelectorAll('button')].filter(
        b => b.textContent?.trim() === text
      );
    expect(named('Claim')).toHaveLength(2);
    expect(named('I did my part')).toHaveLength(1);
  });

  it('puts Join first for a group I am not in, and no Settings or tasks', async () => {
    await show(2);
    const actions = root.host.querySelector('.jp-NerdUp-primaryAction')!;
    const labels = [...actions.querySelectorAll('button')].map(b =>
      b.textContent?.trim()
    );
    expect(labels).toEqual(['Join as participant', 'Follow', 'Open group']);
    expect(buttonNamed('Settings')).toBeUndefined();
    expect(root.host.querySelector('.jp-NerdUp-navTasks')).toBeNull();
  });

  it('offers only Follow for a finished group I am not in', async () => {
    const other = server.routes['GET /groups/2'];
    server.routes['GET /groups/2'] = call => ({
      body: { ...(other(call) as any).body, status: 'finished' }
    });
    await show(2);
    const actions = root.host.querySelector('.jp-NerdUp-primaryAction')!;
    expect(
      [...actions.querySelectorAll('button')].map(b => b.textContent?.trim())
    ).toEqual(['Follow', 'Open group']);
  });

  it('offers Check in while a session goes on', async () => {
    const start = new Date(Date.now() - 10 * 60e3).toISOString();
    server.routes['GET /groups/1/catchup'] = () => ({
      body: {
        group_id: 1,
        current_session: {
          session_id: 4,
          group_id: 1,
          title: 'Thursday',
          start,
          end: start,
          checkin_opens: start,
          checkin_open: true,
          place: '',
          link: '',
          agenda: []
        },
        current_recap: null,
        next_session: null,
        last_session: null,
        recaps: [],
        unanswered: [],
        faq_count: 0
      }
    });
    server.routes['POST /sessions/4/checkin'] = () => ({
      body: { session_id: 4, attendees: ['alice'] }
    });
    await show(1);
    expect(root.host.textContent).toContain('Session going on since');
    await act(() => buttonNamed('Check in')!.click());
    await settle();
    expect(
      server.calls.filter(c => c.path === '/sessions/4/checkin')
    ).toHaveLength(1);
    expect(buttonNamed('Checked in')?.disabled).toBe(true);
  });
});
