import * as React from 'react';

import { nullTranslator } from '@jupyterlab/translation';

import { ISidebarContext, SidebarContext } from '../components/context';
import { GroupView } from '../components/GroupView';
import { GroupsModel } from '../model/groups';
import { quietRhythm } from './fakeserver';
import { act, settle, sidebarModel, testRoot } from './reactroot';

/** The sidebar's view of the open group, with the open-group command recorded. */
function navigator(
  model: GroupsModel,
  opened: [number, string | undefined][]
): React.ReactElement {
  const context: ISidebarContext = {
    model,
    trans: nullTranslator.load('nerdup_lab'),
    rendermime: null,
    openNotebookPath: () => null,
    openPath: () => undefined,
    openGroup: (id, section) => void opened.push([id, section])
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
