import * as React from 'react';

import { nullTranslator } from '@jupyterlab/translation';

import { ISidebarContext, SidebarContext } from '../components/context';
import { Directory, mineFirst } from '../components/Directory';
import { GroupsModel } from '../model/groups';
import { IGroup } from '../model/types';
import { group, groupServer, quietRhythm, task } from './fakeserver';
import { settle, sidebarModel, testRoot } from './reactroot';

/** The directory as the sidebar's navigator shows it, with the open-group command. */
function navigator(
  model: GroupsModel,
  openGroup: (id: number) => void
): React.ReactElement {
  const context: ISidebarContext = {
    model,
    trans: nullTranslator.load('nerdup_lab'),
    rendermime: null,
    openNotebookPath: () => null,
    openPath: () => undefined,
    openGroup
  };
  return (
    <SidebarContext.Provider value={context}>
      <Directory />
    </SidebarContext.Provider>
  );
}

const titles = (host: HTMLElement) =>
  [...host.querySelectorAll('.jp-NerdUp-card-title')].map(b => b.textContent);

describe('the group directory', () => {
  const root = testRoot();
  let server: ReturnType<typeof groupServer>;
  let model: GroupsModel;
  let opened: number[];

  beforeEach(async () => {
    ({ server, model } = await sidebarModel());
    quietRhythm(server);
    // alice is in group 1 and in the members-only group 3 (which the directory omits);
    // group 2 is open to join and listed first by the server.
    server.routes['GET /me'] = () => ({
      body: {
        user: { username: 'alice', display_name: 'Alice' },
        groups: [group(1), group(3, { visibility: 'members' })],
        tasks: [
          task(7, { claimed_by: ['alice'] }),
          task(8, { claimed_by: ['alice'] }),
          task(9, { group_id: 3, claimed_by: ['alice'] })
        ]
      }
    });
    server.routes['GET /groups'] = () => ({
      body: { groups: [group(2, { my_role: null }), group(1)] }
    });
    await model.refreshMe();
    await model.refreshDirectory();
    opened = [];
  });

  it('lists my groups first, then the others', async () => {
    await root.render(navigator(model, id => opened.push(id)));
    await settle();
    expect(titles(root.host)).toEqual(['Group 1', 'Group 3', 'Group 2']);
  });

  it('gives each title the whole title as its tooltip', async () => {
    await root.render(navigator(model, id => opened.push(id)));
    await settle();
    const title = [...root.host.querySelectorAll('.jp-NerdUp-card-title')].find(
      b => b.textContent === 'Group 3'
    ) as HTMLButtonElement;
    expect(title.tagName).toBe('BUTTON'); // focusable; Enter clicks it
    expect(title.title).toBe('Group 3'); // the whole title, when it is ellipsised
  });

  it('says how many open tasks are mine in each of my groups', async () => {
    await root.render(navigator(model, id => opened.push(id)));
    await settle();
    const cards = [...root.host.querySelectorAll('.jp-NerdUp-card')];
    expect(cards[0].textContent).toContain('2 open tasks of mine');
    expect(cards[1].textContent).toContain('1 open task of mine');
    expect(cards[2].textContent).not.toContain('of mine');
  });

  it('puts Join at the top of a group I am not in', async () => {
    await root.render(navigator(model, id => opened.push(id)));
    await settle();
    const card = [...root.host.querySelectorAll('.jp-NerdUp-card')][2];
    const parts = [...card.children].map(c => c.className);
    expect(parts.indexOf('jp-NerdUp-actions')).toBe(1); // right under the title
    expect(card.querySelector('.jp-NerdUp-actions')?.textContent).toContain(
      'Join'
    );
  });
});

describe('mineFirst', () => {
  const g = (id: number) => group(id) as unknown as IGroup;
  it('keeps only my matches while searching', () => {
    expect(mineFirst([g(1), g(3)], [g(2), g(1)], 'x').map(x => x.id)).toEqual([
      1, 2
    ]);
    expect(mineFirst([g(1), g(3)], [g(2), g(1)], '').map(x => x.id)).toEqual([
      1, 3, 2
    ]);
  });
});
