import * as React from 'react';

import { TaskItem } from '../components/TaskItem';
import { GroupsModel } from '../model/groups';
import { IGroup, ITask } from '../model/types';
import {
  closeDialogs,
  dialog,
  dialogButton,
  field,
  type,
  until
} from './dialogs';
import { group, groupServer, stale, task } from './fakeserver';
import { act, inSidebar, sidebarModel, testRoot } from './reactroot';

const byLabel = (scope: Element, label: string) =>
  scope.querySelector(`[aria-label="${label}"]`) as HTMLElement | null;

describe('editing the plan from a task row', () => {
  const root = testRoot();
  let server: ReturnType<typeof groupServer>;
  let model: GroupsModel;

  beforeEach(async () => {
    ({ server, model } = await sidebarModel());
  });

  afterEach(closeDialogs);

  async function show(t: ITask, g: IGroup): Promise<void> {
    await root.render(
      inSidebar(
        model,
        <ul>
          <TaskItem task={t} group={g} />
        </ul>
      )
    );
  }

  it('offers Edit and Delete with names on my personal task only', async () => {
    const participant = group(1, { my_role: 'participant' }) as any;
    await show(task(7, { personal: true, owner: 'alice' }) as any, participant);
    expect(byLabel(root.host, 'Edit task Task 7')).not.toBeNull();
    expect(byLabel(root.host, 'Delete task Task 7')).not.toBeNull();
    expect(byLabel(root.host, 'Edit task Task 7')?.tagName).toBe('BUTTON');

    await show(task(7, { claimed_by: ['alice'] }) as any, participant);
    expect(byLabel(root.host, 'Edit task Task 7')).toBeNull();
    expect(root.host.textContent).toContain('Task 7');
  });

  it('edits a task in a dialog and keeps the typed text through a stale save', async () => {
    let version = 3;
    server.routes['PATCH /tasks/7'] = call => {
      if (call.headers.get('If-Match') !== `"${version}"`) {
        return stale(
          task(7, { version, description: 'Use pandas.' }),
          'Someone changed this.'
        );
      }
      return { body: task(7, { ...call.body, version: version + 1 }) };
    };
    version = 4; // a teammate saved first
    await show(task(7) as any, group(1) as any);
    await act(() => byLabel(root.host, 'Edit task Task 7')!.click());
    await until(() => dialog()?.querySelector('form'));
    await until(() => dialog()?.textContent?.includes('Edit task “Task 7”'));
    expect(field('Task').value).toBe('Task 7');
    expect(field('Weight').value).toBe('1');

    await act(() => type(field('Task'), 'Load the CSV file'));
    await act(() => dialogButton('Save')!.click());
    const alert = await until(() =>
      dialog()?.querySelector('.jp-NerdUp-conflict')
    );
    // Still open, saying so inline, with their version and the user's text.
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('Someone else changed this');
    expect(alert.textContent).toContain('Use pandas.');
    expect(field('Task').value).toBe('Load the CSV file');
    expect(field('Details (markdown)').value).toBe('Use pandas.');

    await act(() => dialogButton('Save')!.click());
    await until(() => !dialog());
    const patches = server.calls.filter(c => c.method === 'PATCH');
    expect(patches.map(c => c.headers.get('If-Match'))).toEqual(['"3"', '"4"']);
    expect(patches[1].body).toEqual({ title: 'Load the CSV file' });
  });

  it('shows field errors in the dialog and does not close', async () => {
    server.routes['PATCH /tasks/7'] = () => ({
      status: 400,
      body: {
        error: {
          code: 'invalid',
          message: 'Not valid.',
          fields: { weight: 'Must be greater than 0.' }
        }
      }
    });
    await show(task(7) as any, group(1) as any);
    await act(() => byLabel(root.host, 'Edit task Task 7')!.click());
    await until(() => dialog()?.querySelector('form'));
    await act(() => type(field('Weight'), '0'));
    await act(() => dialogButton('Save')!.click());
    await until(() => dialog()?.querySelector('.jp-NerdUp-fieldError'));
    expect(dialog()!.textContent).toContain('Must be greater than 0.');
    expect(field('Weight').getAttribute('aria-invalid')).toBe('true');
    await act(() => dialogButton('Cancel')!.click());
    await until(() => !dialog());
  });

  it('cancels an edit with Escape, sending nothing', async () => {
    await show(task(7) as any, group(1) as any);
    await act(() => byLabel(root.host, 'Edit task Task 7')!.click());
    await until(() => dialog()?.querySelector('form'));
    await act(() => type(field('Task'), 'Something else'));
    await act(() => {
      dialog()!.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })
      );
    });
    await until(() => !dialog());
    expect(server.calls.filter(c => c.method === 'PATCH')).toHaveLength(0);
  });

  it('deletes a task after a confirmation naming it', async () => {
    server.routes['DELETE /tasks/7'] = () => ({ status: 204 });
    await show(task(7) as any, group(1) as any);
    await act(() => byLabel(root.host, 'Delete task Task 7')!.click());
    // The title names the task (the header renders a moment after the buttons).
    await until(() => dialog()?.textContent?.includes('Delete task “Task 7”?'));
    expect(dialogButton('Delete')!.classList).toContain('jp-mod-warn');
    await act(() => dialogButton('Delete')!.click());
    await until(() => server.calls.find(c => c.method === 'DELETE'));
    const call = server.calls.find(c => c.method === 'DELETE')!;
    expect(call.path).toBe('/tasks/7');
    expect(call.headers.get('If-Match')).toBe('"3"');
  });
});
