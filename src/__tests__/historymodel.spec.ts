import { NerdUpApiError } from '../api';
import { HistoryModel } from '../snapshots/historymodel';
import { ISnapshot, ISnapshotPage } from '../snapshots/types';

function snap(id: number): ISnapshot {
  return {
    id,
    group_id: 1,
    author: 'ada',
    created_at: '2026-11-20T10:00:00+00:00',
    message: `m${id}`,
    task_id: null,
    path: 'a.ipynb',
    policy: 'keep',
    content_hash: String(id),
    cell_count: 1
  };
}

describe('HistoryModel', () => {
  it("follows the notebook's id: a rename keeps the history without a reload", async () => {
    const fetchPage = jest.fn(
      async (_g: number, _q: unknown): Promise<ISnapshotPage> => ({
        items: [snap(2), snap(1)],
        next: null
      })
    );
    const model = new HistoryModel(fetchPage as any);
    const id = 'ab'.repeat(16);
    await model.setTarget(1, 'Untitled.ipynb', id);
    expect(fetchPage.mock.calls[0][1]).toEqual({
      notebook_id: id,
      limit: 50,
      before: null
    });
    await model.setTarget(1, 'eda.ipynb', id);
    expect(model.path).toBe('eda.ipynb');
    expect(model.items.map(s => s.id)).toEqual([2, 1]);
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it('loads the first page for a notebook, then older pages', async () => {
    const fetchPage = jest.fn(
      async (
        _g: number,
        q: { before?: number | null }
      ): Promise<ISnapshotPage> =>
        q.before
          ? { items: [snap(1)], next: null }
          : { items: [snap(3), snap(2)], next: 2 }
    );
    const model = new HistoryModel(fetchPage as any);
    await model.setTarget(1, 'a.ipynb');
    expect(model.items.map(s => s.id)).toEqual([3, 2]);
    expect(model.hasMore).toBe(true);
    await model.loadMore();
    expect(model.items.map(s => s.id)).toEqual([3, 2, 1]);
    expect(model.hasMore).toBe(false);
    expect(fetchPage.mock.calls[0][1]).toMatchObject({ path: 'a.ipynb' });
  });

  it('asks nothing without a group or a notebook', async () => {
    const fetchPage = jest.fn();
    const model = new HistoryModel(fetchPage as any);
    await model.setTarget(null, 'a.ipynb');
    await model.setTarget(1, null);
    expect(fetchPage).not.toHaveBeenCalled();
  });

  it('keeps at most two selections and orders the pair old to new', async () => {
    const model = new HistoryModel(async () => ({
      items: [snap(5), snap(4), snap(3)],
      next: null
    }));
    await model.setTarget(1, 'a.ipynb');
    model.toggle(5);
    expect(model.pair).toBeNull();
    model.toggle(3);
    expect(model.pair!.map(s => s.id)).toEqual([3, 5]);
    model.toggle(4);
    expect(model.selected).toEqual([3, 4]);
    model.toggle(3);
    expect(model.selected).toEqual([4]);
  });

  it('shows the server message when the history cannot be read', async () => {
    const model = new HistoryModel(async () => {
      throw new NerdUpApiError(
        403,
        'forbidden',
        'You are not a member of this group.'
      );
    });
    await model.setTarget(1, 'a.ipynb');
    expect(model.error).toBe('You are not a member of this group.');
    expect(model.loading).toBe(false);
  });

  it('drops an answer for a notebook that is no longer shown', async () => {
    let release: (p: ISnapshotPage) => void = () => undefined;
    const model = new HistoryModel((_g, q) =>
      q?.path === 'slow.ipynb'
        ? new Promise(resolve => (release = resolve))
        : Promise.resolve({ items: [snap(9)], next: null })
    );
    const slow = model.setTarget(1, 'slow.ipynb');
    await model.setTarget(1, 'fast.ipynb');
    release({ items: [snap(1)], next: null });
    await slow;
    expect(model.path).toBe('fast.ipynb');
    expect(model.items.map(s => s.id)).toEqual([9]);
  });
});
