import { NerdUpApiError } from '../api';
import { restoreWithFreeName } from '../snapshots/open';
import { ISnapshot } from '../snapshots/types';

const snap: ISnapshot = {
  id: 7,
  group_id: 3,
  author: 'ada',
  created_at: '2026-11-20T10:05:00+00:00',
  message: 'first',
  task_id: null,
  path: 'a.ipynb',
  policy: 'keep',
  content_hash: 'x',
  cell_count: 2
};

describe('restoreWithFreeName', () => {
  it('takes the next free name when the server says the file exists', async () => {
    const taken = new Set(['default', 'a (snapshot 2026-11-20 10:05) 2.ipynb']);
    const restore = jest.fn(async (_id: number, target?: string) => {
      if (taken.has(target ?? 'default')) {
        throw new NerdUpApiError(409, 'conflict', 'exists');
      }
      return { path: target ?? 'default' };
    });
    const result = await restoreWithFreeName(snap, restore);
    expect(result.path).toBe('a (snapshot 2026-11-20 10:05) 3.ipynb');
    expect(restore).toHaveBeenCalledTimes(3);
  });

  it('passes any other error on', async () => {
    const restore = jest.fn(async () => {
      throw new NerdUpApiError(404, 'not_found', 'There is no snapshot 7.');
    });
    await expect(restoreWithFreeName(snap, restore)).rejects.toMatchObject({
      status: 404
    });
    expect(restore).toHaveBeenCalledTimes(1);
  });

  it('gives up after the allowed number of tries', async () => {
    const restore = jest.fn(async () => {
      throw new NerdUpApiError(409, 'conflict', 'exists');
    });
    await expect(restoreWithFreeName(snap, restore, 3)).rejects.toMatchObject({
      status: 409
    });
    expect(restore).toHaveBeenCalledTimes(3);
  });
});
