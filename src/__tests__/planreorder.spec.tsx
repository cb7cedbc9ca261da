import * as React from 'react';

import { Plan } from '../components/Plan';
import { GroupsModel } from '../model/groups';
import { IGroupView } from '../model/types';
import { progress } from './fakeserver';
import { act, inSidebar, settle, sidebarModel, testRoot } from './reactroot';

const stage = (id: number, position: number, title: string) => ({
  id,
  group_id: 1,
  position,
  title,
  goal: '',
  due: null,
  status: 'planned',
  resources: [],
  retrospective: { obstacles: '', solutions: '' },
  progress: progress(),
  created_at: null,
  version: 1,
  tasks: []
});

describe("reordering the plan's stages", () => {
  const root = testRoot();
  let server: Awaited<ReturnType<typeof sidebarModel>>['server'];
  let model: GroupsModel;
  let orders: number[][];

  beforeEach(async () => {
    ({ server, model } = await sidebarModel());
    orders = [];
    server.routes['GET /groups/1/milestones'] = () => ({
      body: {
        milestones: [
          stage(10, 0, 'Explore'),
          stage(11, 1, 'Model'),
          stage(12, 2, 'Share')
        ]
      }
    });
    server.routes['PUT /groups/1/milestones/order'] = call => {
      orders.push(call.body.order);
      return { body: { milestones: [] } };
    };
  });

  const show = async (role: string) => {
    const group = server.routes['GET /groups/1'];
    server.routes['GET /groups/1'] = call => ({
      body: { ...(group(call) as any).body, my_role: role }
    });
    await model.select(1);
    const view = model.view(1) as IGroupView;
    await root.render(
      inSidebar(model, <Plan group={view.group} milestones={view.milestones} />)
    );
    await settle();
  };
  const handles = () =>
    [...root.host.querySelectorAll('.jp-NerdUp-dragHandle')] as HTMLElement[];

  it('moves a stage with the arrow keys on its handle, one request per move', async () => {
    await show('organizer');
    expect(handles().map(h => h.getAttribute('aria-label'))).toEqual([
      'Move stage 1 of 3: drag it, or press the up or down arrow',
      'Move stage 2 of 3: drag it, or press the up or down arrow',
      'Move stage 3 of 3: drag it, or press the up or down arrow'
    ]);
    const press = (handle: HTMLElement, key: string) =>
      act(() => {
        handle.dispatchEvent(
          new KeyboardEvent('keydown', { key, bubbles: true })
        );
      });
    await press(handles()[0], 'ArrowDown');
    await settle();
    // The first stage up, or the last one down, goes nowhere: no request.
    await press(handles()[0], 'ArrowUp');
    await press(handles()[2], 'ArrowDown');
    await settle();
    expect(orders).toEqual([[11, 10, 12]]);
  });

  it('offers no handle to a participant', async () => {
    await show('participant');
    expect(root.host.querySelector('.jp-NerdUp-milestone')).not.toBeNull();
    expect(handles()).toHaveLength(0);
  });
});
