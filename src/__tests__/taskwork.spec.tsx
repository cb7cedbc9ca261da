import * as React from 'react';

import { TaskItem } from '../components/TaskItem';
import { GroupsModel } from '../model/groups';
import { ITask } from '../model/types';
import { group, groupServer, task } from './fakeserver';
import { inSidebar, settle, testRoot } from './reactroot';
import { GroupsClient } from '../model/client';

/** A snapshot row as GET /groups/{id}/snapshots?per_task=latest answers it. */
const snap = (id: number, author: string, path: string, taskId = 7) => ({
  id,
  group_id: 1,
  author,
  path,
  task_id: taskId,
  message: '',
  created_at: '2026-01-02T10:00:00+00:00'
});

describe("a task's work on its row", () => {
  const root = testRoot();
  let server: ReturnType<typeof groupServer>;
  let model: GroupsModel;
  let items: ReturnType<typeof snap>[];

  beforeEach(async () => {
    server = groupServer();
    server.routes['GET /openapi.json'] = () => ({
      body: { paths: { '/groups': {}, '/groups/{group_id}/snapshots': {} } }
    });
    server.routes['GET /groups/1/snapshots'] = call => ({
      body:
        call.query.get('per_task') === 'latest'
          ? { items, next: null, people: {} }
          : { items: [], next: null, people: {} }
    });
    model = new GroupsModel({ client: new GroupsClient(server.settings) });
    await model.refreshMe();
  });

  const show = async (opened: { notebook: unknown[]; snapshot: unknown[] }) => {
    await model.select(1);
    const mine = task(7, { claimed_by: ['alice'] }) as unknown as ITask;
    await root.render(
      inSidebar(
        model,
        <ul>
          <TaskItem task={mine} group={group(1) as any} />
        </ul>,
        {
          openTaskNotebook: (...args) => void opened.notebook.push(args),
          openSnapshot: (...args) => void opened.snapshot.push(args)
        }
      )
    );
    return root.host.querySelector('[data-task-id="7"]')!;
  };

  it('shows my notebook by its newest name, and opens that one', async () => {
    // Bea committed last; my newest snapshot is of my notebook after its rename.
    items = [
      snap(31, 'bea', 'bea/eda.ipynb'),
      snap(30, 'alice', 'retail/load-the-data-v2.ipynb')
    ];
    const opened = { notebook: [] as unknown[], snapshot: [] as unknown[] };
    const row = await show(opened);
    const work = row.querySelector('.jp-NerdUp-taskWork')!;
    expect(work.textContent).toMatch(
      /^My notebook load-the-data-v2\.ipynb · last snapshot .+Latest snapshot by bea · .+$/
    );
    const open = [...row.querySelectorAll('button')].find(
      b => b.textContent === 'Open my notebook'
    )!;
    await settle(() => open.click());
    expect(opened.notebook).toEqual([[1, 7, 'retail/load-the-data-v2.ipynb']]);
    // Each snapshot's age opens it read-only.
    const [mineLink, beaLink] = [...work.querySelectorAll('button')];
    await settle(() => mineLink.click());
    await settle(() => beaLink.click());
    expect(opened.snapshot).toEqual([
      [30, false],
      [31, false]
    ]);
  });

  it('shows the latest work once when it is mine, and nothing before any', async () => {
    items = [snap(30, 'alice', 'retail/load-the-data.ipynb')];
    const opened = { notebook: [] as unknown[], snapshot: [] as unknown[] };
    let row = await show(opened);
    expect(row.querySelector('.jp-NerdUp-taskWork')!.textContent).not.toContain(
      'Latest snapshot by'
    );
    items = [snap(40, 'bea', 'bea/x.ipynb', 99)]; // another task's work only
    await model.refreshCurrent();
    row = await show(opened);
    expect(row.querySelector('.jp-NerdUp-taskWork')).toBeNull();
    const open = [...row.querySelectorAll('button')].find(
      b => b.textContent === 'Open my notebook'
    )!;
    await settle(() => open.click());
    expect(opened.notebook).toEqual([[1, 7, undefined]]);
  });

  it('asks the server once per load for every task', async () => {
    items = [];
    await model.select(1);
    const asked = server.calls.filter(
      c => c.path === '/groups/1/snapshots' && c.query.get('per_task')
    );
    expect(asked).toHaveLength(1);
  });
});
