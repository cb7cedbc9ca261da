import * as React from 'react';

import { nullTranslator } from '@jupyterlab/translation';

import { ActivityFeed } from '../components/ActivityFeed';
import { ISidebarContext, SidebarContext } from '../components/context';
import { Markdown } from '../components/Markdown';
import { snapshotLinkId, snapshotOf } from '../components/SnapshotLinks';
import { GroupsModel } from '../model/groups';
import { IGroupView } from '../model/types';
import { IRhythm } from '../rhythm/useRhythm';
import { Notebooks } from '../workspace/sections/Notebooks';
import { group } from './fakeserver';
import { act, settle, sidebarModel, testRoot } from './reactroot';

function snapshot(id: number, author: string, path: string, message = '') {
  return {
    id,
    group_id: 1,
    author,
    created_at: '2026-11-30T18:00:00+00:00',
    message,
    task_id: null,
    path,
    notebook_id: `nb-${path}`,
    policy: 'keep',
    content_hash: `h${id}`,
    nbformat: '4.5',
    cell_count: 2,
    content_bytes: 10,
    new_bytes: 10
  };
}

/** The context a room gives its sections, with the snapshot openings recorded. */
function context(model: GroupsModel, opened: [number, boolean][]) {
  const value: ISidebarContext = {
    model,
    trans: nullTranslator.load('nerdup_lab'),
    rendermime: null,
    openNotebookPath: () => null,
    openPath: path => {
      throw new Error(`docmanager:open on ${path}`);
    },
    openSnapshot: (id, copy) => opened.push([id, copy])
  };
  return (element: React.ReactNode) => (
    <SidebarContext.Provider value={value}>{element}</SidebarContext.Provider>
  );
}

function button(host: HTMLElement, text: string): HTMLButtonElement {
  const found = [...host.querySelectorAll<HTMLButtonElement>('button')].filter(
    b => b.textContent === text
  );
  expect(found.map(b => b.textContent)).toEqual([text]);
  return found[0];
}

describe('links to snapshots', () => {
  it('reads the snapshot a recap links to, and nothing else', () => {
    expect(snapshotLinkId('snapshots/12')).toBe(12);
    expect(snapshotLinkId('./snapshots/7/')).toBe(7);
    expect(snapshotLinkId('snapshots/12/notebook')).toBeNull();
    expect(snapshotLinkId('https://example.org/snapshots/12')).toBeNull();
    expect(snapshotLinkId('notes/snapshots.ipynb')).toBeNull();
    expect(snapshotLinkId(null)).toBeNull();
  });

  it('finds the snapshot a feed item is about', () => {
    expect(snapshotOf({ snapshot_id: 4, path: 'a.ipynb' })).toEqual({
      id: 4,
      path: 'a.ipynb'
    });
    expect(snapshotOf({ task_id: 4 })).toBeNull();
    expect(snapshotOf({ snapshot_id: 'x' })).toBeNull();
  });
});

describe("teammates' work opens", () => {
  const root = testRoot();

  it('a commit in the activity feed opens read-only, or as a copy of mine', async () => {
    const { model } = await sidebarModel();
    const opened: [number, boolean][] = [];
    const wrap = context(model, opened);
    await root.render(
      wrap(
        <ActivityFeed
          items={[
            {
              id: 1,
              group_id: 1,
              actor: 'bob',
              kind: 'snapshot.committed',
              summary: 'bob committed a snapshot of work/reviews.ipynb',
              subject: { snapshot_id: 31, path: 'work/reviews.ipynb' },
              created_at: '2026-11-30T18:00:00+00:00'
            },
            {
              id: 2,
              group_id: 1,
              actor: 'bob',
              kind: 'task.claimed',
              summary: 'bob took on “Plot”',
              subject: { task_id: 3 },
              created_at: '2026-11-30T18:00:00+00:00'
            }
          ]}
        />
      )
    );
    const items = root.host.querySelectorAll('li');
    expect(items[0].textContent).toContain('reviews.ipynb');
    expect(items[1].querySelector('button')).toBeNull();
    await act(() => button(root.host, 'reviews.ipynb').click());
    await act(() => button(root.host, 'Open a copy in my workspace').click());
    expect(opened).toEqual([
      [31, false],
      [31, true]
    ]);
  });

  it('a recap link to a snapshot opens the snapshot, not a page of that name', async () => {
    const { model } = await sidebarModel();
    const opened: [number, boolean][] = [];
    // A stand-in for the markdown renderer: the link as the sanitiser leaves it.
    const rendermime = {
      createRenderer: () => {
        const node = document.createElement('div');
        return {
          node,
          renderModel: async () => {
            node.innerHTML =
              '<a href="snapshots/17">eda.ipynb</a> <a href="https://example.org/">elsewhere</a>';
          },
          dispose: () => undefined
        };
      }
    } as unknown as ISidebarContext['rendermime'];
    const value: ISidebarContext = {
      model,
      trans: nullTranslator.load('nerdup_lab'),
      rendermime,
      openNotebookPath: () => null,
      openPath: () => undefined,
      openSnapshot: (id, copy) => opened.push([id, copy])
    };
    await root.render(
      <SidebarContext.Provider value={value}>
        <Markdown source="- [eda.ipynb](snapshots/17) by bob" />
      </SidebarContext.Provider>
    );
    await settle();
    const [link, other] = [...root.host.querySelectorAll('a')];
    const click = (a: HTMLAnchorElement) => {
      const event = new MouseEvent('click', {
        bubbles: true,
        cancelable: true
      });
      a.dispatchEvent(event);
      return event.defaultPrevented;
    };
    let followed = false;
    await act(() => {
      followed = !click(link);
    });
    expect(followed).toBe(false);
    expect(opened).toEqual([[17, false]]);
    other.addEventListener('click', e => e.preventDefault()); // jsdom: no navigation
    await act(() => {
      click(other);
    });
    expect(opened).toEqual([[17, false]]);
  });

  async function notebooks(role: string | null = 'participant') {
    const { server, model } = await sidebarModel();
    const members = [
      ...(role ? [{ username: 'alice', role, version: 1 }] : []),
      { username: 'bob', role: 'participant', version: 1 },
      { username: 'carol', role: 'follower', version: 1 }
    ];
    server.routes['GET /groups/1'] = () => ({
      body: group(1, { my_role: role, members })
    });
    let marked: string[] = ['shared/eda.ipynb'];
    server.routes['GET /groups/1/notebooks'] = () => ({
      body: {
        notebooks: marked.map(path => ({
          path,
          marked_by: 'bob',
          marked_at: '2026-11-29T10:00:00+00:00',
          latest: snapshot(40, 'bob', path),
          versions: [snapshot(40, 'bob', path), snapshot(38, 'alice', path)]
        }))
      }
    });
    server.routes['POST /groups/1/notebooks'] = call => {
      marked = [...marked, call.body.path];
      return { status: 201, body: { path: call.body.path } };
    };
    const work: Record<string, unknown[]> = {
      alice: [snapshot(38, 'alice', 'shared/eda.ipynb')],
      bob: [
        snapshot(41, 'bob', 'bob/model.ipynb', 'a first model'),
        snapshot(40, 'bob', 'shared/eda.ipynb')
      ],
      carol: []
    };
    server.routes['GET /groups/1/snapshots'] = call => ({
      body: { items: work[call.query.get('author') ?? ''] ?? [], next: null }
    });
    await model.select(1);
    const view = model.view(1) as IGroupView;
    const opened: [number, boolean][] = [];
    const draw = () =>
      root.render(
        context(
          model,
          opened
        )(
          <Notebooks
            view={view}
            rhythm={{} as IRhythm}
            execute={() => true}
            openSnapshot="open"
            restoreSnapshot="restore"
          />
        )
      );
    await draw();
    await settle();
    return { server, opened };
  }

  it('lists the group notebooks with the latest of each member, which open', async () => {
    const { opened } = await notebooks();
    const shared = root.host.querySelector(
      '[aria-label="Group notebooks"]'
    ) as HTMLElement;
    expect(shared.textContent).toContain('shared/eda.ipynb');
    expect(shared.textContent).toContain('shared by bob');
    await act(() => button(shared, 'Open the latest of bob').click());
    await act(() => button(shared, 'Open my latest').click());
    expect(opened).toEqual([
      [40, false],
      [38, false]
    ]);
  });

  it("shows every member's latest snapshots; one becomes a group notebook", async () => {
    const { server, opened } = await notebooks();
    const work = root.host.querySelector(
      `[aria-label="Everyone's latest snapshots"]`
    ) as HTMLElement;
    const people = [...work.querySelectorAll('h4')].map(h => h.textContent);
    expect(people).toEqual(['you', 'bob']); // carol committed nothing
    // Already shared: a badge, no button; bob's model can be marked.
    const marks = [...work.querySelectorAll('button')].filter(
      b => b.textContent === 'Mark as group notebook'
    );
    expect(marks).toHaveLength(1);
    expect(marks[0].closest('li')?.textContent).toContain('model.ipynb');
    await act(() => button(work, 'model.ipynb').click());
    expect(opened).toEqual([[41, false]]);
    await settle(() => marks[0].click());
    const post = server.calls.find(
      c => c.method === 'POST' && c.path === '/groups/1/notebooks'
    );
    expect(post?.body).toEqual({ path: 'bob/model.ipynb' });
    const shared = root.host.querySelector(
      '[aria-label="Group notebooks"]'
    ) as HTMLElement;
    expect(shared.textContent).toContain('bob/model.ipynb');
  });

  it('offers no marking to someone who is not a member', async () => {
    await notebooks(null);
    expect(root.host.textContent).not.toContain('Mark as group notebook');
    expect(root.host.textContent).not.toContain('Stop sharing');
  });
});
