import * as React from 'react';

import { TaskItem } from '../components/TaskItem';
import { GroupsModel } from '../model/groups';
import { IGroup, ITask } from '../model/types';
import { group, groupServer, task } from './fakeserver';
import { act, inSidebar, settle, sidebarModel, testRoot } from './reactroot';

/** A task everyone does, as the server answers it: its "3 of 5" is the server's count. */
const everyone = (done: string[], total = 5) =>
  task(8, {
    title: 'Write your goal',
    per_member: true,
    completed_by: done,
    members_done: done.length,
    members_total: total,
    progress: done.length / total
  }) as unknown as ITask;

describe('a task everyone does', () => {
  const root = testRoot();
  let server: ReturnType<typeof groupServer>;
  let model: GroupsModel;

  beforeEach(async () => {
    ({ server, model } = await sidebarModel());
  });

  const show = (t: ITask, g: IGroup) =>
    root.render(
      inSidebar(
        model,
        <ul>
          <TaskItem task={t} group={g} />
        </ul>
      )
    );

  it('shows how many members did their part, and who', async () => {
    await show(everyone(['bob', 'carol', 'dan']), group(1) as any);
    const row = root.host.querySelector('[data-task-id="8"]')!;
    expect(row.getAttribute('aria-label')).toBe(
      'Task Write your goal, everyone does it, 3 of 5 done'
    );
    expect(row.textContent).toContain('3 of 5 done');
    expect(row.textContent).toContain('everyone does this one');
    // No claiming or one status for the group: each member has their own part.
    const buttons = [...row.querySelectorAll('button')].map(b => b.textContent);
    expect(buttons).toContain('I did my part');
    expect(buttons).not.toContain('Claim');
    expect(buttons).not.toContain('Done');
  });

  it('marks my own part done with one request, and offers to undo it', async () => {
    server.routes['POST /tasks/8/completion'] = () => ({
      body: everyone(['alice', 'bob'])
    });
    await show(everyone(['bob']), group(1) as any);
    const before = server.calls.length;
    const button = [...root.host.querySelectorAll('button')].find(
      b => b.textContent === 'I did my part'
    )!;
    await settle(() => button.click());
    const sent = server.calls.slice(before).map(c => `${c.method} ${c.path}`);
    expect(sent[0]).toBe('POST /tasks/8/completion');
    await show(everyone(['alice', 'bob']), group(1) as any);
    const labels = [...root.host.querySelectorAll('button')].map(
      b => b.textContent
    );
    expect(labels).toContain('Undo my part');
    expect(root.host.textContent).toContain('2 of 5 done');
  });

  it('gives a follower nothing to press', async () => {
    await act(() =>
      show(everyone([]), group(1, { my_role: 'follower' }) as any)
    );
    expect(root.host.querySelectorAll('button')).toHaveLength(0);
    expect(root.host.textContent).toContain('0 of 5 done');
  });
});
