import { ICellDiff, INotebookDiff } from '../types';

/** A row of the diff view: one cell shown, or a run of unchanged cells folded into one line. */
export type DiffRow =
  | { type: 'cell'; key: string; cell: ICellDiff }
  | { type: 'collapsed'; key: string; cells: ICellDiff[] };

/** True when the cell needs no attention: same content and same place. */
export function isQuiet(cell: ICellDiff): boolean {
  return cell.status === 'unchanged' && !cell.moved;
}

function keyOf(cell: ICellDiff): string {
  return `${cell.status}:${cell.a_index ?? '-'}:${cell.b_index ?? '-'}`;
}

/**
 * Fold every run of unchanged cells into one "N unchanged cells" row, keeping changed,
 * added, removed and moved cells as rows of their own. `context` unchanged cells next to
 * a change stay visible on each side (0: fold them all). A run shorter than `minRun` is
 * not folded: a row saying "1 unchanged cell" is no shorter than the cell itself.
 */
export function groupDiffRows(
  cells: ICellDiff[],
  options: { context?: number; minRun?: number; expanded?: Set<string> } = {}
): DiffRow[] {
  const context = Math.max(0, options.context ?? 0);
  const minRun = Math.max(1, options.minRun ?? 1);
  const expanded = options.expanded ?? new Set<string>();
  const rows: DiffRow[] = [];
  let i = 0;
  while (i < cells.length) {
    if (!isQuiet(cells[i])) {
      rows.push({ type: 'cell', key: keyOf(cells[i]), cell: cells[i] });
      i++;
      continue;
    }
    let end = i;
    while (end < cells.length && isQuiet(cells[end])) {
      end++;
    }
    const run = cells.slice(i, end);
    const lead = i > 0 ? context : 0;
    const tail = end < cells.length ? context : 0;
    const hidden = run.slice(lead, Math.max(lead, run.length - tail));
    const foldKey = `fold:${keyOf(run[0])}`;
    if (hidden.length < minRun || expanded.has(foldKey)) {
      run.forEach(cell => rows.push({ type: 'cell', key: keyOf(cell), cell }));
    } else {
      run
        .slice(0, lead)
        .forEach(cell => rows.push({ type: 'cell', key: keyOf(cell), cell }));
      rows.push({ type: 'collapsed', key: foldKey, cells: hidden });
      run
        .slice(lead + hidden.length)
        .forEach(cell => rows.push({ type: 'cell', key: keyOf(cell), cell }));
    }
    i = end;
  }
  return rows;
}

/** Counts for the header: cells that need attention, and all cells. */
export function describeDiff(diff: INotebookDiff): {
  changed: number;
  total: number;
} {
  const changed = diff.cells.filter(cell => !isQuiet(cell)).length;
  return { changed, total: diff.cells.length };
}

/** The 1-based cell number shown for a row: new position, else old position. */
export function cellNumber(cell: ICellDiff): number {
  return (cell.b_index ?? cell.a_index ?? 0) + 1;
}
