import { Notification } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';

import { NerdUpApiError } from '../api';
import {
  commitErrorMessage,
  commitSnapshot,
  normalisePolicy
} from '../notebook/commit';
import {
  commitErrors,
  CommitDialogBody,
  formatBytes,
  taskChoices
} from '../notebook/commitdialog';
import { SnapshotAPI } from '../snapshots/api';
import { CurrentGroup } from '../snapshots/currentgroup';
import {
  closeDialogs,
  dialog,
  dialogButton,
  field,
  type,
  until
} from './dialogs';
import { Handler, ICall, fakeServer } from './fakeserver';
import { act } from './reactroot';
import { taskInfo as task } from './taskinfo';

const trans = nullTranslator.load('nerdup_lab');

function fakePanel(dirty: boolean, metadata: Record<string, unknown> = {}) {
  const save = jest.fn(async () => undefined);
  const model = {
    dirty,
    metadata: { ...metadata },
    getMetadata(key: string) {
      return this.metadata[key];
    },
    setMetadata(key: string, value: unknown) {
      this.metadata[key] = value;
      this.dirty = true;
    }
  };
  return {
    panel: {
      context: {
        path: 'work/a.ipynb',
        model,
        contentsModel: {},
        save
      }
    } as any,
    model,
    save
  };
}

/** My groups as `GET /me` lists them: the sidebar shows the first. */
function group(
  mine: Array<{
    id: number;
    title: string;
    my_role: string | null;
    status?: string;
  }> = [{ id: 4, title: 'Food reviews', my_role: 'participant' }],
  shown: { id: number; title: string } = { id: 4, title: 'Food reviews' }
): CurrentGroup {
  const current = new CurrentGroup(async () => ({
    user: { username: 'ada', display_name: 'Ada' },
    groups: mine.map(g => ({
      deadline: null,
      start_date: null,
      created_at: null,
      ...g
    }))
  }));
  current.set(shown);
  return current;
}

describe('commit helpers', () => {
  it('spells the output policy as the API does', () => {
    expect(normalisePolicy('keep')).toBe('keep');
    expect(normalisePolicy('strip')).toBe('strip');
    expect(normalisePolicy('drop-large')).toBe('drop_large');
    expect(normalisePolicy(undefined)).toBe('drop_large');
  });

  it.each([
    [400, 'The notebook file is not valid JSON: line 1.'],
    [403, 'You are not a member of this group.'],
    [413, 'The notebook is 31 MB; the limit is 25 MB.']
  ])('shows the server message of a %i as it is', (status, message) => {
    expect(
      commitErrorMessage(new NerdUpApiError(status, 'x', message), trans)
    ).toBe(`Snapshot not committed: ${message}`);
  });

  it('writes sizes for people', () => {
    expect(formatBytes(1048576)).toBe('1 MB');
    expect(formatBytes(256 * 1024)).toBe('256 kB');
  });

  it('lists only open tasks, mine first', () => {
    const sorted = taskChoices(
      [
        task(1, { status: 'done', claimed_by: ['ada'] }),
        task(2),
        task(3, { claimed_by: ['ada'] })
      ],
      'ada'
    );
    expect(sorted.map(t => t.id)).toEqual([3, 2]);
  });

  it('shows a refusal naming a field next to that field, any other at the top', () => {
    const tooLong = new NerdUpApiError(
      400,
      'invalid',
      'The message must be text of at most 2000 characters.',
      { message: 'invalid' }
    );
    expect(commitErrors(tooLong, trans)).toEqual({
      message: null,
      fields: { message: tooLong.message }
    });
    const unknownTask = new NerdUpApiError(
      400,
      'invalid',
      'Task 9 is not a task of this group.',
      { task_id: 'unknown' }
    );
    expect(commitErrors(unknownTask, trans).fields).toEqual({
      task: 'Task 9 is not a task of this group.'
    });
    expect(
      commitErrors(
        new NerdUpApiError(413, 'too_large', 'Limit is 25 MB.', {
          max_snapshot_bytes: '26214400'
        }),
        trans
      )
    ).toEqual({
      message: 'Snapshot not committed: Limit is 25 MB.',
      fields: {}
    });
  });

  it('preselects the default policy and trims the message', () => {
    const body = new CommitDialogBody({
      trans,
      path: 'a.ipynb',
      groupTitle: 'G',
      groupId: 3,
      tasks: [],
      defaultPolicy: 'strip'
    });
    expect(body.getValue()).toEqual({
      groupId: 3,
      message: '',
      taskId: null,
      policy: 'strip'
    });
  });
});

function refusal(status: number, code: string, message: string, fields = {}) {
  return { status, body: { error: { code, message, fields } } };
}

const SNAPSHOT = {
  id: 12,
  group_id: 4,
  path: 'work/a.ipynb',
  message: 'cleaned prices',
  task_id: null,
  unchanged_since: null
};

describe('commitSnapshot', () => {
  let answers: Handler[];
  let server: ReturnType<typeof fakeServer>;
  let notices: { success: jest.SpyInstance; error: jest.SpyInstance };

  beforeAll(() => {
    (globalThis as any).IS_REACT_ACT_ENVIRONMENT = true;
  });

  beforeEach(() => {
    // The server's answers to the commits, in order.
    answers = [];
    server = fakeServer({
      'POST /groups/4/snapshots': (call: ICall) => answers.shift()!(call),
      'POST /groups/7/snapshots': (call: ICall) => answers.shift()!(call)
    });
    notices = {
      success: jest.spyOn(Notification, 'success').mockReturnValue('n'),
      error: jest.spyOn(Notification, 'error').mockReturnValue('n')
    };
  });

  afterEach(() => {
    closeDialogs();
    jest.restoreAllMocks();
  });

  const commits = () => server.calls.filter(c => c.method === 'POST');

  /** Open the real dialog over `panel`; `done`: commitSnapshot's result. */
  async function open(
    panel: any,
    extra: Partial<Parameters<typeof commitSnapshot>[1]> = {}
  ): Promise<{ done: ReturnType<typeof commitSnapshot> }> {
    const done = commitSnapshot(panel, {
      group: group(),
      trans,
      defaultPolicy: () => 'keep',
      openSnapshot: jest.fn(),
      tasks: async () => [],
      groupSettings: async () => null as any,
      commit: (id, request) => SnapshotAPI.commit(id, request, server.settings),
      ...extra
    });
    await until(() => dialog()?.querySelector('textarea'));
    return { done };
  }

  it('saves a dirty notebook first, then commits with the chosen values', async () => {
    const order: string[] = [];
    const { panel, save } = fakePanel(true);
    save.mockImplementation(async () => {
      order.push('save');
    });
    answers.push(call => {
      order.push('commit');
      return { status: 201, body: { ...SNAPSHOT, task_id: call.body.task_id } };
    });
    const committed = jest.fn();
    const { done } = await open(panel, {
      committed,
      tasks: async () => [task(8, { notebooks: ['work/a.ipynb'] })]
    });
    await act(() => type(field('Message'), '  cleaned prices '));
    await act(() => dialogButton('Commit')!.click());
    expect((await done)?.id).toBe(12);
    expect(dialog()).toBeNull();
    expect(order).toEqual(['save', 'commit']);
    expect(commits()[0].body).toEqual({
      path: 'work/a.ipynb',
      message: 'cleaned prices',
      task_id: 8,
      policy: 'keep'
    });
    expect(committed).toHaveBeenCalled();
    expect(notices.success.mock.calls[0][0]).toBe(
      'Snapshot #12 of work/a.ipynb committed.'
    );
  });

  it('shows a refused message next to the field, keeps the dialog and the text, and commits on retry', async () => {
    const { panel } = fakePanel(false);
    const tooLong = 'The message must be text of at most 2000 characters.';
    answers.push(() =>
      refusal(400, 'invalid', tooLong, { message: 'invalid' })
    );
    answers.push(() => ({ status: 201, body: SNAPSHOT }));
    const { done } = await open(panel);
    const typed = 'x'.repeat(2001);
    await act(() => type(field('Message'), typed));
    await act(() => dialogButton('Commit')!.click());

    const error = await until(() =>
      dialog()?.querySelector('.jp-NerdUp-fieldError')
    );
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe(tooLong);
    const message = field<HTMLTextAreaElement>('Message');
    expect(message.value).toBe(typed);
    expect(message.getAttribute('aria-invalid')).toBe('true');
    expect(message.getAttribute('aria-describedby')).toBe(error.id);
    expect(dialog()!.querySelector('.jp-NerdUp-formError')).toBeNull();
    expect(notices.error).not.toHaveBeenCalled();

    await act(() => type(message, 'shorter'));
    await act(() => dialogButton('Commit')!.click());
    expect((await done)?.id).toBe(12);
    expect(dialog()).toBeNull();
    expect(commits().map(c => c.body.message)).toEqual([typed, 'shorter']);
    // Both attempts of one dialog are one commit to the server: the same key.
    const keys = commits().map(c => c.headers.get('Idempotency-Key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('sends another idempotency key from another dialog', async () => {
    answers.push(() => ({ status: 201, body: SNAPSHOT }));
    answers.push(() => ({ status: 201, body: SNAPSHOT }));
    for (let i = 0; i < 2; i++) {
      const { done } = await open(fakePanel(false).panel);
      await act(() => dialogButton('Commit')!.click());
      expect((await done)?.id).toBe(12);
    }
    const [first, second] = commits().map(c =>
      c.headers.get('Idempotency-Key')
    );
    expect(first).toBeTruthy();
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
  });

  it.each([
    [
      413,
      'too_large',
      "The notebook is 31.2 MB; snapshots are limited to 25.0 MB (c.NerdUp.max_snapshot_bytes = 26214400). Clear large outputs or use the 'strip' output policy.",
      { max_snapshot_bytes: '26214400' }
    ],
    [
      400,
      'invalid',
      'The notebook file is not valid JSON: Expecting value: line 1 column 13 (char 12).',
      { notebook: 'Expecting value' }
    ],
    [
      409,
      'archived',
      'This group is archived: it is read-only until an organizer brings it back.',
      {}
    ]
  ])(
    'shows a %i (%s) in full at the top of the dialog, not as a toast; Cancel then commits nothing',
    async (status, code, text, fields) => {
      const { panel } = fakePanel(false);
      answers.push(() => refusal(status, code, text, fields));
      const { done } = await open(panel);
      await act(() => type(field('Message'), 'big one'));
      await act(() => dialogButton('Commit')!.click());
      const alert = await until(() =>
        dialog()?.querySelector('.jp-NerdUp-formError')
      );
      expect(alert.getAttribute('role')).toBe('alert');
      expect(alert.textContent).toBe(`Snapshot not committed: ${text}`);
      expect(field<HTMLTextAreaElement>('Message').value).toBe('big one');
      expect(notices.error).not.toHaveBeenCalled();

      await act(() => dialogButton('Cancel')!.click());
      expect(await done).toBeNull();
      expect(dialog()).toBeNull();
      expect(commits()).toHaveLength(1);
      expect(notices.success).not.toHaveBeenCalled();
    }
  );

  it('records the group and task in the notebook before saving it', async () => {
    const { panel, model, save } = fakePanel(false);
    let saved: any = null;
    save.mockImplementation(async () => {
      saved = { ...(model.metadata.nerdup as object) };
    });
    answers.push(() => ({ status: 201, body: SNAPSHOT }));
    const { done } = await open(panel, {
      tasks: async () => [task(8, { notebooks: ['work/a.ipynb'] })]
    });
    await act(() => dialogButton('Commit')!.click());
    expect((await done)?.id).toBe(12);
    expect(saved).toEqual({
      version: 1,
      group: 4,
      task: 8,
      notebook_id: expect.stringMatching(/^[0-9a-f]{32}$/)
    });
  });

  it("commits into the group the notebook's record names, not the sidebar's", async () => {
    const record = {
      version: 1,
      group: 7,
      task: 9,
      notebook_id: 'ab'.repeat(16)
    };
    const { panel, model } = fakePanel(false, { nerdup: record });
    answers.push(() => ({ status: 201, body: { ...SNAPSHOT, group_id: 7 } }));
    const seen: number[] = [];
    const { done } = await open(panel, {
      groupRef: async id => ({ id, title: 'Record club' }),
      tasks: async id => {
        seen.push(id);
        return [task(8), task(9)];
      }
    });
    expect(dialog()!.textContent).toContain('Record club');
    await act(() => dialogButton('Commit')!.click());
    await done;
    expect(seen).toEqual([7]);
    expect(commits()[0].path).toBe('/groups/7/snapshots');
    expect(commits()[0].body.task_id).toBe(9);
    expect(model.metadata.nerdup).toEqual(record);
  });

  it('says "Progress on <task>" for an empty message and offers to mark the task done', async () => {
    const { panel } = fakePanel(false);
    answers.push(call => ({
      status: 201,
      body: { ...SNAPSHOT, task_id: call.body.task_id }
    }));
    const markDone = jest.fn(async () => undefined);
    const taskDone = jest.fn();
    const { done } = await open(panel, {
      markDone,
      taskDone,
      tasks: async () => [
        task(8, { title: 'Clean prices', notebooks: ['work/a.ipynb'] }),
        task(5, { status: 'done' })
      ]
    });
    const options = [...field<HTMLSelectElement>('Task').options].map(
      o => o.value
    );
    expect(options).toEqual(['', '8']);
    await act(() => dialogButton('Commit')!.click());
    await done;
    expect(commits()[0].body.message).toBe('Progress on Clean prices');
    const actions = notices.success.mock.calls[0][1].actions;
    const mark = actions.find((a: any) => a.label === 'Mark the task done');
    expect(mark).toBeDefined();
    await act(async () => mark.callback());
    expect(markDone).toHaveBeenCalledWith(8);
    expect(taskDone).toHaveBeenCalledWith(8);
  });

  it('shows a failed save of the notebook in the dialog too', async () => {
    const { panel, save } = fakePanel(true);
    save.mockImplementation(async () => {
      throw new Error('Disk full');
    });
    const { done } = await open(panel);
    await act(() => dialogButton('Commit')!.click());
    const alert = await until(() =>
      dialog()?.querySelector('.jp-NerdUp-formError')
    );
    expect(alert.textContent).toBe('Snapshot not committed: Error: Disk full');
    expect(commits()).toHaveLength(0);
    await act(() => dialogButton('Cancel')!.click());
    expect(await done).toBeNull();
  });

  it("proposes the group's policy when the user set no default", async () => {
    const { panel } = fakePanel(false);
    let proposed = '';
    await commitSnapshot(panel, {
      group: group(),
      trans,
      defaultPolicy: () => null,
      openSnapshot: jest.fn(),
      tasks: async () => [],
      groupSettings: async () => ({
        policy: 'strip',
        max_output_bytes: 1048576,
        max_snapshot_bytes: 1
      }),
      ask: async body => {
        proposed = body.getValue().policy;
        return false;
      }
    });
    expect(proposed).toBe('strip');
  });

  it('commits nothing when the dialog is cancelled', async () => {
    const { panel, save } = fakePanel(true);
    const { done } = await open(panel);
    await act(() => type(field('Message'), 'not now'));
    await act(() => dialogButton('Cancel')!.click());
    expect(await done).toBeNull();
    expect(save).not.toHaveBeenCalled();
    expect(commits()).toHaveLength(0);
  });

  it('asks the user to join a group when there is none', async () => {
    const { panel } = fakePanel(false);
    const ask = jest.fn();
    const current = new CurrentGroup(async () => ({
      user: { username: 'ada', display_name: '' },
      groups: []
    }));
    const warning = jest.spyOn(Notification, 'warning').mockReturnValue('n');
    const findGroup = jest.fn();
    const result = await commitSnapshot(panel, {
      group: current,
      trans,
      defaultPolicy: () => 'keep',
      openSnapshot: jest.fn(),
      findGroup,
      ask
    });
    expect(result).toBeNull();
    expect(ask).not.toHaveBeenCalled();
    expect(warning.mock.calls[0][0]).toBe(
      'Join a study group first: a snapshot belongs to a group, and you are in none.'
    );
    const actions = (warning.mock.calls[0][1] as any).actions;
    expect(actions.map((a: any) => a.label)).toEqual(['Find a group']);
    actions[0].callback();
    expect(findGroup).toHaveBeenCalled();
  });

  it('does not commit into a group the sidebar shows that I am not in', async () => {
    // Browsing "Open data" (not a member) must not send the next commit there.
    const { panel } = fakePanel(false);
    answers.push(() => ({ status: 201, body: SNAPSHOT }));
    const { done } = await open(panel, {
      group: group(
        [
          { id: 4, title: 'Food reviews', my_role: 'participant' },
          { id: 9, title: 'Open data', my_role: null }
        ],
        { id: 9, title: 'Open data' }
      )
    });
    expect(dialog()!.textContent).toContain('into Food reviews');
    await act(() => dialogButton('Commit')!.click());
    await done;
    expect(commits()[0].path).toBe('/groups/4/snapshots');
  });

  it('asks which group for a notebook without a record, starting on the shown one', async () => {
    const { panel, model } = fakePanel(false);
    answers.push(call => ({
      status: 201,
      body: { ...SNAPSHOT, group_id: 7, task_id: call.body.task_id }
    }));
    const { done } = await open(panel, {
      group: group(
        [
          { id: 4, title: 'Food reviews', my_role: 'participant' },
          { id: 7, title: 'Weekly co-coding', my_role: 'follower' },
          { id: 8, title: 'Old club', my_role: 'organizer', status: 'archived' }
        ],
        { id: 4, title: 'Food reviews' }
      ),
      tasks: async id =>
        id === 7
          ? [task(21, { title: 'Plot rents', notebooks: ['work/a.ipynb'] })]
          : [task(8, { title: 'Clean prices' })]
    });
    const picker = field<HTMLSelectElement>('Study group');
    // Archived groups refuse every change: not offered.
    expect([...picker.options].map(o => o.textContent)).toEqual([
      'Food reviews',
      'Weekly co-coding'
    ]);
    expect(picker.value).toBe('4');
    await act(async () => {
      picker.value = '7';
      picker.dispatchEvent(new Event('change', { bubbles: true }));
    });
    // The other group's tasks replace the first's; the linked one is preselected.
    await until(() => field<HTMLSelectElement>('Task').value === '21');
    expect(
      [...field<HTMLSelectElement>('Task').options].map(o => o.textContent)
    ).toEqual(['No task', 'Plot rents']);
    await act(() => dialogButton('Commit')!.click());
    await done;
    expect(commits()[0].path).toBe('/groups/7/snapshots');
    expect(commits()[0].body.message).toBe('Progress on Plot rents');
    expect((model.metadata.nerdup as any).group).toBe(7);
  });
});
