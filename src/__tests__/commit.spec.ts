import { nullTranslator } from '@jupyterlab/translation';

import { NerdUpApiError } from '../api';
import {
  commitErrorMessage,
  commitSnapshot,
  normalisePolicy
} from '../notebook/commit';
import {
  CommitDialogBody,
  formatBytes,
  taskChoices
} from '../notebook/commitdialog';
import { CurrentGroup } from '../snapshots/currentgroup';
import { taskInfo as task } from './taskinfo';

const trans = nullTranslator.load('nerdup_lab');

function fakePanel(dirty: boolean) {
  const save = jest.fn(async () => undefined);
  return {
    panel: {
      context: {
        path: 'work/a.ipynb',
        model: { dirty },
        contentsModel: {},
        save
      }
    } as any,
    save
  };
}

function group(): CurrentGroup {
  const current = new CurrentGroup(async () => ({
    user: { username: 'ada', display_name: 'Ada' },
    groups: []
  }));
  current.set({ id: 4, title: 'Food reviews' });
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

  it('lists my open tasks first and done tasks last', () => {
    const sorted = taskChoices(
      [
        task(1, { status: 'done', claimed_by: ['ada'] }),
        task(2),
        task(3, { claimed_by: ['ada'] })
      ],
      'ada'
    );
    expect(sorted.map(t => t.id)).toEqual([3, 2, 1]);
  });

  it('preselects the default policy and trims the message', () => {
    const body = new CommitDialogBody({
      trans,
      path: 'a.ipynb',
      groupTitle: 'G',
      tasks: [],
      defaultPolicy: 'strip'
    });
    expect(body.getValue()).toEqual({
      message: '',
      taskId: null,
      policy: 'strip'
    });
  });
});

describe('commitSnapshot', () => {
  it('saves a dirty notebook first, then commits with the chosen values', async () => {
    const order: string[] = [];
    const { panel, save } = fakePanel(true);
    save.mockImplementation(async () => {
      order.push('save');
    });
    const commit = jest.fn(async () => {
      order.push('commit');
      return { id: 12, path: 'work/a.ipynb' } as any;
    });
    const committed = jest.fn();
    const result = await commitSnapshot(panel, {
      group: group(),
      trans,
      defaultPolicy: () => 'keep',
      openSnapshot: jest.fn(),
      committed,
      tasks: async () => [task(8, { notebooks: ['work/a.ipynb'] })],
      ask: async body => ({ ...body.getValue(), message: 'cleaned prices' }),
      commit
    });
    expect(result?.id).toBe(12);
    expect(order).toEqual(['save', 'commit']);
    expect(commit).toHaveBeenCalledWith(4, {
      path: 'work/a.ipynb',
      message: 'cleaned prices',
      task_id: 8,
      policy: 'keep'
    });
    expect(committed).toHaveBeenCalled();
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
        return null;
      }
    });
    expect(proposed).toBe('strip');
  });

  it('commits nothing when the dialog is cancelled', async () => {
    const { panel, save } = fakePanel(true);
    const commit = jest.fn();
    await commitSnapshot(panel, {
      group: group(),
      trans,
      defaultPolicy: () => 'keep',
      openSnapshot: jest.fn(),
      tasks: async () => [],
      ask: async () => null,
      commit
    });
    expect(save).not.toHaveBeenCalled();
    expect(commit).not.toHaveBeenCalled();
  });

  it('returns null and keeps the notebook when the server refuses', async () => {
    const { panel } = fakePanel(false);
    const result = await commitSnapshot(panel, {
      group: group(),
      trans,
      defaultPolicy: () => 'keep',
      openSnapshot: jest.fn(),
      tasks: async () => {
        throw new Error('offline');
      },
      ask: async body => body.getValue(),
      commit: async () => {
        throw new NerdUpApiError(413, 'too_large', 'Limit is 25 MB.');
      }
    });
    expect(result).toBeNull();
  });

  it('asks the user to join a group when there is none', async () => {
    const { panel } = fakePanel(false);
    const ask = jest.fn();
    const current = new CurrentGroup(async () => ({
      user: { username: 'ada', display_name: '' },
      groups: []
    }));
    const result = await commitSnapshot(panel, {
      group: current,
      trans,
      defaultPolicy: () => 'keep',
      openSnapshot: jest.fn(),
      ask
    });
    expect(result).toBeNull();
    expect(ask).not.toHaveBeenCalled();
  });
});
