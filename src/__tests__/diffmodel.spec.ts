import { describeDiff, groupDiffRows, isQuiet } from '../snapshots/diff/model';
import { defaultRegistry } from '../snapshots/diff/renderers';
import { ICellDiff } from '../snapshots/types';

function cell(
  i: number,
  status: ICellDiff['status'] = 'unchanged',
  extra: Partial<ICellDiff> = {}
): ICellDiff {
  return { a_index: i, b_index: i, cell_type: 'code', status, ...extra };
}

function notebook(
  n: number,
  changed: Record<number, ICellDiff['status']>
): ICellDiff[] {
  return Array.from({ length: n }, (_, i) =>
    cell(i, changed[i] ?? 'unchanged')
  );
}

describe('groupDiffRows', () => {
  it('folds a 1600-cell diff with one change into three rows', () => {
    const cells = notebook(1600, { 800: 'modified' });
    const rows = groupDiffRows(cells);
    expect(rows.map(r => r.type)).toEqual(['collapsed', 'cell', 'collapsed']);
    expect(rows[0].type === 'collapsed' && rows[0].cells.length).toBe(800);
    expect(rows[2].type === 'collapsed' && rows[2].cells.length).toBe(799);
  });

  it('keeps changed, added, removed and moved cells as rows of their own', () => {
    const cells = [
      cell(0, 'added', { a_index: null }),
      cell(1, 'removed', { b_index: null }),
      cell(2, 'unchanged', { moved: true }),
      cell(3, 'modified')
    ];
    expect(groupDiffRows(cells).every(r => r.type === 'cell')).toBe(true);
    expect(isQuiet(cells[2])).toBe(false);
  });

  it('shows a few unchanged cells next to a change when context is asked for', () => {
    const rows = groupDiffRows(notebook(10, { 5: 'modified' }), { context: 1 });
    expect(
      rows.map(r =>
        r.type === 'cell' ? r.cell.b_index : `fold${r.cells.length}`
      )
    ).toEqual(['fold4', 4, 5, 6, 'fold3']);
  });

  it('does not fold a run shorter than minRun', () => {
    const rows = groupDiffRows(notebook(3, { 1: 'modified' }), { minRun: 2 });
    expect(rows.every(r => r.type === 'cell')).toBe(true);
  });

  it('unfolds a run whose key is expanded', () => {
    const cells = notebook(6, { 0: 'modified' });
    const folded = groupDiffRows(cells);
    expect(folded).toHaveLength(2);
    const expanded = new Set([folded[1].key]);
    expect(groupDiffRows(cells, { expanded })).toHaveLength(6);
  });

  it('gives every row a distinct key', () => {
    const cells = [
      ...notebook(5, { 2: 'modified' }),
      cell(5, 'removed', { b_index: null, a_index: 5 })
    ];
    const keys = groupDiffRows(cells).map(r => r.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('counts changed cells for the header', () => {
    const diff = {
      schema: 'snapshot-diff.v1',
      summary: { added: 1, removed: 0, modified: 1, moved: 0, unchanged: 3 },
      cells: [
        ...notebook(4, { 1: 'modified' }),
        cell(4, 'added', { a_index: null })
      ]
    };
    expect(describeDiff(diff)).toEqual({ changed: 2, total: 5 });
  });
});

describe('the diff renderer registry', () => {
  it('shows source, then outputs, then metadata, each only where it applies', () => {
    const registry = defaultRegistry();
    expect(registry.kinds).toEqual(['source', 'outputs', 'metadata']);
    const modified = cell(0, 'modified', {
      source: {
        hunks: [
          {
            a_start: 1,
            b_start: 1,
            lines: [
              ['-', 'a'],
              ['+', 'b']
            ]
          }
        ]
      },
      outputs: [{ status: 'unchanged', output_type: 'stream', name: 'stdout' }]
    });
    expect(registry.for(modified).map(r => r.kind)).toEqual(['source']);
    const outputsOnly = cell(0, 'modified', {
      outputs: [
        {
          status: 'changed',
          output_type: 'execute_result',
          mime_types: ['text/html']
        }
      ],
      execution_count: [1, 2]
    });
    expect(registry.for(outputsOnly).map(r => r.kind)).toEqual([
      'outputs',
      'metadata'
    ]);
    expect(registry.for(cell(0))).toEqual([]);
  });

  it('replaces a renderer registered again under the same kind', () => {
    const registry = defaultRegistry();
    registry.register({
      kind: 'source',
      rank: 99,
      applies: () => true,
      render: () => null as any
    });
    expect(registry.kinds).toEqual(['outputs', 'metadata', 'source']);
  });
});
