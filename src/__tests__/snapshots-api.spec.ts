import { ServerConnection } from '@jupyterlab/services';

import { NerdUpApiError } from '../api';
import { GroupAPI } from '../dashboard/api';
import { SnapshotAPI } from '../snapshots/api';

interface ICall {
  url: URL;
  method: string;
  body: any;
  headers: Headers;
}

/** Settings whose fetch answers from a list of [status, body] and records each call. */
function fakeServer(answers: Array<[number, unknown]>): {
  settings: ServerConnection.ISettings;
  calls: ICall[];
} {
  const calls: ICall[] = [];
  let i = 0;
  const fetchMock = async (input: RequestInfo) => {
    const request = input as Request;
    const text = await request.text();
    calls.push({
      url: new URL(request.url),
      method: request.method,
      body: text ? JSON.parse(text) : null,
      headers: request.headers
    });
    const [status, body] = answers[Math.min(i++, answers.length - 1)];
    return new Response(JSON.stringify(body), { status });
  };
  return {
    settings: ServerConnection.makeSettings({
      baseUrl: 'http://localhost:8888/',
      fetch: fetchMock as unknown as typeof fetch
    }),
    calls
  };
}

const snap = {
  id: 7,
  group_id: 3,
  author: 'ada',
  created_at: '2026-11-20T10:00:00+00:00',
  message: 'first',
  task_id: null,
  path: 'work/a.ipynb',
  policy: 'keep',
  content_hash: 'x',
  cell_count: 2
};

describe('SnapshotAPI', () => {
  it('commits the path, message, task and policy into the group', async () => {
    const { settings, calls } = fakeServer([[201, snap]]);
    const answer = await SnapshotAPI.commit(
      3,
      { path: 'work/a.ipynb', message: 'first', task_id: 5, policy: 'strip' },
      settings
    );
    expect(answer.id).toBe(7);
    expect(calls[0].method).toBe('POST');
    expect(calls[0].url.pathname).toBe('/nerdup/api/v1/groups/3/snapshots');
    expect(calls[0].body).toEqual({
      path: 'work/a.ipynb',
      message: 'first',
      task_id: 5,
      policy: 'strip'
    });
  });

  it('sends the idempotency key as a header, not in the body', async () => {
    const { settings, calls } = fakeServer([[201, snap]]);
    await SnapshotAPI.commit(
      3,
      { path: 'a.ipynb', message: '', idempotencyKey: 'dialog-1' },
      settings
    );
    expect(calls[0].headers.get('Idempotency-Key')).toBe('dialog-1');
    expect(calls[0].body).toEqual({ path: 'a.ipynb', message: '' });
  });

  it('sends no idempotency key when none is given', async () => {
    const { settings, calls } = fakeServer([[201, snap]]);
    await SnapshotAPI.commit(3, { path: 'a.ipynb', message: '' }, settings);
    expect(calls[0].headers.get('Idempotency-Key')).toBeNull();
  });

  it('leaves out an unset task', async () => {
    const { settings, calls } = fakeServer([[201, snap]]);
    await SnapshotAPI.commit(
      3,
      { path: 'a.ipynb', message: '', task_id: null },
      settings
    );
    expect(calls[0].body).toEqual({ path: 'a.ipynb', message: '' });
  });

  it.each([
    [400, 'invalid', 'Cell 2 has no source.'],
    [403, 'forbidden', 'You are not a member of this group.'],
    [413, 'too_large', 'The notebook is 30 MB; the limit is 25 MB.']
  ])(
    'turns a %i into a NerdUpApiError with the server message',
    async (status, code, message) => {
      const { settings } = fakeServer([[status, { error: { code, message } }]]);
      const call = SnapshotAPI.commit(
        3,
        { path: 'a.ipynb', message: 'm' },
        settings
      );
      await expect(call).rejects.toBeInstanceOf(NerdUpApiError);
      await expect(call).rejects.toMatchObject({ status, message });
    }
  );

  it('asks for one notebook history page and accepts list or page answers', async () => {
    const { settings, calls } = fakeServer([
      [200, { items: [snap], next: 4 }],
      [200, [snap]]
    ]);
    const page = await SnapshotAPI.history(
      3,
      { path: 'work/a.ipynb', limit: 50, before: null },
      settings
    );
    expect(page).toEqual({ items: [snap], next: 4 });
    expect(calls[0].url.searchParams.get('path')).toBe('work/a.ipynb');
    expect(calls[0].url.searchParams.has('before')).toBe(false);
    const list = await SnapshotAPI.history(3, { before: 4 }, settings);
    expect(list).toEqual({ items: [snap], next: null });
    expect(calls[1].url.searchParams.get('before')).toBe('4');
  });

  it('asks for a diff of two snapshots, or of a snapshot and the saved file', async () => {
    const diff = { schema: 'snapshot-diff.v1', summary: {}, cells: [] };
    const { settings, calls } = fakeServer([[200, diff]]);
    await SnapshotAPI.diff({ kind: 'snapshots', a: 1, b: 2 }, settings);
    await SnapshotAPI.diff({ kind: 'file', a: 1, path: 'a b.ipynb' }, settings);
    expect(calls[0].url.pathname).toBe('/nerdup/api/v1/snapshots/1/diff/2');
    expect(calls[1].url.pathname).toBe('/nerdup/api/v1/snapshots/1/diff');
    expect(calls[1].url.searchParams.get('path')).toBe('a b.ipynb');
  });

  it('restores with a POST and reads the new path', async () => {
    const { settings, calls } = fakeServer([
      [201, { path: 'a (snapshot).ipynb' }]
    ]);
    const result = await SnapshotAPI.restore(7, undefined, settings);
    expect(result.path).toBe('a (snapshot).ipynb');
    expect(calls[0].method).toBe('POST');
    expect(calls[0].url.pathname).toBe('/nerdup/api/v1/snapshots/7/restore');
    expect(calls[0].body).toEqual({});
    await SnapshotAPI.restore(7, 'x.ipynb', settings);
    expect(calls[1].body).toEqual({ target: 'x.ipynb' });
  });

  it('names a restored file like the server does, numbered when taken', () => {
    const s = {
      ...snap,
      path: 'work/a.ipynb',
      created_at: '2026-11-20T10:05:33+00:00'
    };
    expect(SnapshotAPI.restoreName(s)).toBe(
      'work/a (snapshot 2026-11-20 10:05).ipynb'
    );
    expect(SnapshotAPI.restoreName({ ...s, path: 'b.ipynb' }, 3)).toBe(
      'b (snapshot 2026-11-20 10:05) 3.ipynb'
    );
  });

  it('reports a missing snapshot in the server words', async () => {
    const { settings } = fakeServer([
      [
        404,
        { error: { code: 'not_found', message: 'There is no snapshot 9.' } }
      ]
    ]);
    await expect(SnapshotAPI.notebook(9, settings)).rejects.toMatchObject({
      status: 404,
      message: 'There is no snapshot 9.'
    });
  });
});

describe('GroupAPI', () => {
  it('flattens the tasks of every milestone', async () => {
    const { settings } = fakeServer([
      [
        200,
        {
          milestones: [
            { id: 1, tasks: [{ id: 10 }, { id: 11 }] },
            { id: 2, tasks: [{ id: 12 }] },
            { id: 3 }
          ]
        }
      ]
    ]);
    const tasks = await GroupAPI.tasks(4, settings);
    expect(tasks.map(t => t.id)).toEqual([10, 11, 12]);
  });

  it('follows the activity cursor until the last page', async () => {
    const { settings, calls } = fakeServer([
      [200, { items: [{ id: 5 }, { id: 4 }], next: 4 }],
      [200, { items: [{ id: 3 }], next: null }]
    ]);
    const items = await GroupAPI.activity(4, 100, settings);
    expect(items.map(a => a.id)).toEqual([5, 4, 3]);
    expect(calls[1].url.searchParams.get('before')).toBe('4');
  });

  it('stops following the cursor at the item limit', async () => {
    const { settings, calls } = fakeServer([
      [200, { items: [{ id: 5 }, { id: 4 }], next: 4 }]
    ]);
    await GroupAPI.activity(4, 2, settings);
    expect(calls).toHaveLength(1);
  });
});
