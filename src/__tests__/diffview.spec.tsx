import * as React from 'react';

import { nullTranslator } from '@jupyterlab/translation';

import { defaultRegistry } from '../snapshots/diff/renderers';
import { DiffView, ROW_BATCH } from '../snapshots/diff/view';
import { ICellDiff, INotebookDiff } from '../snapshots/types';
import { act, testRoot } from './reactroot';

const trans = nullTranslator.load('nerdup_lab');

function diffOf(n: number, modified: (i: number) => boolean): INotebookDiff {
  const cells: ICellDiff[] = Array.from({ length: n }, (_, i) =>
    modified(i)
      ? {
          a_index: i,
          b_index: i,
          cell_type: 'code',
          status: 'modified',
          source: {
            hunks: [
              {
                a_start: 1,
                b_start: 1,
                lines: [
                  ['-', `x${i} = ${i}`],
                  ['+', `x${i} = ${i} * 2`]
                ]
              }
            ]
          }
        }
      : { a_index: i, b_index: i, cell_type: 'code', status: 'unchanged' }
  );
  const changed = cells.filter(c => c.status === 'modified').length;
  return {
    schema: 'snapshot-diff.v1',
    summary: {
      added: 0,
      removed: 0,
      modified: changed,
      moved: 0,
      unchanged: n - changed
    },
    cells
  };
}

describe('DiffView', () => {
  const root = testRoot();

  beforeAll(() => {
    (globalThis as any).IntersectionObserver = class {
      observe(): void {
        /* the test scrolls by clicking "Show more" */
      }
      disconnect(): void {
        /* nothing to release */
      }
    };
  });

  async function render(diff: INotebookDiff, sourceOf?: (i: number) => string) {
    const rendered = jest.fn();
    await root.render(
      <DiffView
        diff={diff}
        registry={defaultRegistry()}
        trans={trans}
        oldLabel="#1"
        newLabel="#2"
        sourceOf={sourceOf}
        onRendered={rendered}
      />
    );
    return rendered;
  }

  it('shows one changed cell of 1600 between two folded runs', async () => {
    const started = performance.now();
    const rendered = await render(diffOf(1600, i => i === 800));
    const ms = performance.now() - started;
    console.log(`jsdom: 1600-cell diff rendered in ${ms.toFixed(1)} ms`);
    expect(root.host.querySelectorAll('.jp-NerdUp-diffCell')).toHaveLength(1);
    const folds = [...root.host.querySelectorAll('.jp-NerdUp-diffFold')].map(
      b => b.textContent
    );
    expect(folds).toEqual(['800 unchanged cells', '799 unchanged cells']);
    expect(root.host.textContent).toContain('1 of 1600 cells changed');
    expect(
      root.host.querySelector('.jp-NerdUp-diffLine-added')?.textContent
    ).toContain('x800 = 800 * 2');
    expect(rendered).toHaveBeenCalledTimes(1);
  });

  it('renders a diff where every cell changed one batch at a time', async () => {
    await render(diffOf(1600, () => true));
    expect(root.host.querySelectorAll('.jp-NerdUp-diffCell')).toHaveLength(
      ROW_BATCH
    );
    const more = root.host.querySelector(
      '.jp-NerdUp-diffMore button'
    ) as HTMLElement;
    expect(more.textContent).toBe(`Show ${1600 - ROW_BATCH} more rows`);
    await act(() => more.click());
    expect(root.host.querySelectorAll('.jp-NerdUp-diffCell')).toHaveLength(
      2 * ROW_BATCH
    );
  });

  it('unfolds a run of unchanged cells with their sources', async () => {
    await render(
      diffOf(4, i => i === 0),
      i => `source ${i}`
    );
    const fold = root.host.querySelector('.jp-NerdUp-diffFold') as HTMLElement;
    expect(fold.textContent).toBe('3 unchanged cells');
    await act(() => fold.click());
    expect(root.host.querySelector('.jp-NerdUp-diffFold')).toBeNull();
    const unchanged = root.host.querySelectorAll(
      '.jp-NerdUp-diffCell-unchanged'
    );
    expect(unchanged).toHaveLength(3);
    expect(unchanged[0].textContent).toContain('source 1');
  });

  it('says so when nothing changed', async () => {
    await render(diffOf(5, () => false));
    expect(root.host.textContent).toContain('No changes in 5 cells.');
  });
});
