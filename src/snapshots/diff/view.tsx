import * as React from 'react';

import { TranslationBundle } from '@jupyterlab/translation';

import { ICellDiff, INotebookDiff } from '../types';
import { cellNumber, describeDiff, DiffRow, groupDiffRows } from './model';
import { DiffRendererRegistry } from './registry';

/** Rows rendered at first, and added each time the reader scrolls near the end. */
export const ROW_BATCH = 80;

export interface IDiffViewProps {
  diff: INotebookDiff;
  registry: DiffRendererRegistry;
  trans: TranslationBundle;
  /** Labels of the old and new side, e.g. "#3 by alice" and "#5 by bob". */
  oldLabel: string;
  newLabel: string;
  /** Source of a cell of the new side by index, when known (for unfolded cells). */
  sourceOf?: (bIndex: number) => string | undefined;
  /** Called once the first batch of rows is in the DOM. */
  onRendered?: () => void;
  /** Called when the reader unfolds unchanged cells (to load their sources). */
  onUnfold?: () => void;
}

function statusText(cell: ICellDiff, trans: TranslationBundle): string {
  const moved = cell.moved ? trans.__(', moved') : '';
  switch (cell.status) {
    case 'added':
      return trans.__('added');
    case 'removed':
      return trans.__('removed');
    case 'modified':
      return trans.__('modified%1', moved);
    default:
      return cell.moved ? trans.__('moved') : trans.__('unchanged');
  }
}

function CellRow(props: {
  cell: ICellDiff;
  registry: DiffRendererRegistry;
  trans: TranslationBundle;
  sourceOf?: (bIndex: number) => string | undefined;
}): JSX.Element {
  const { cell, registry, trans, sourceOf } = props;
  const parts = registry.for(cell);
  const quietSource =
    parts.length === 0 && cell.b_index !== null && sourceOf
      ? sourceOf(cell.b_index)
      : undefined;
  const cls = `jp-NerdUp-diffCell jp-NerdUp-diffCell-${cell.moved && cell.status === 'unchanged' ? 'moved' : cell.status}`;
  return (
    <section
      className={cls}
      aria-label={trans.__(
        'Cell %1 (%2): %3',
        cellNumber(cell),
        cell.cell_type,
        statusText(cell, trans)
      )}
      data-status={cell.status}
    >
      <header className="jp-NerdUp-diffCellHeader">
        <span className="jp-NerdUp-diffCellNo">
          {cell.b_index === null
            ? trans.__('Old cell %1', cellNumber(cell))
            : trans.__('Cell %1', cellNumber(cell))}
        </span>
        <span className="jp-NerdUp-diffCellType">{cell.cell_type}</span>
        <span className="jp-NerdUp-diffBadge">{statusText(cell, trans)}</span>
      </header>
      {parts.map(part => (
        <div
          key={part.kind}
          className={`jp-NerdUp-diffPart jp-NerdUp-diffPart-${part.kind}`}
        >
          {part.render(cell, trans)}
        </div>
      ))}
      {quietSource !== undefined ? (
        <pre className="jp-NerdUp-diffWhole">{quietSource}</pre>
      ) : null}
    </section>
  );
}

/** A notebook diff: changed cells open, runs of unchanged cells folded, rows rendered lazily. */
export function DiffView(props: IDiffViewProps): JSX.Element {
  const { diff, registry, trans } = props;
  const [expanded, setExpanded] = React.useState<Set<string>>(new Set());
  const [visible, setVisible] = React.useState(ROW_BATCH);
  const sentinel = React.useRef<HTMLDivElement>(null);

  const rows: DiffRow[] = React.useMemo(
    () => groupDiffRows(diff.cells, { expanded, minRun: 2 }),
    [diff, expanded]
  );
  const counts = React.useMemo(() => describeDiff(diff), [diff]);

  React.useEffect(() => {
    props.onRendered?.();
  }, [diff]);

  React.useEffect(() => {
    const node = sentinel.current;
    if (!node || visible >= rows.length) {
      return;
    }
    const observer = new IntersectionObserver(entries => {
      if (entries.some(e => e.isIntersecting)) {
        setVisible(v => v + ROW_BATCH);
      }
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [visible, rows.length]);

  const unfold = (key: string) => {
    props.onUnfold?.();
    setExpanded(old => new Set(old).add(key));
  };

  return (
    <div className="jp-NerdUp-diff" data-testid="nerdup-diff">
      <header className="jp-NerdUp-diffHeader">
        <div className="jp-NerdUp-diffSides">
          <span className="jp-NerdUp-diffSide-old">{props.oldLabel}</span>
          <span aria-hidden="true"> → </span>
          <span className="jp-NerdUp-diffSide-new">{props.newLabel}</span>
        </div>
        <div className="jp-NerdUp-diffSummary" role="status">
          {counts.changed === 0
            ? trans.__('No changes in %1 cells.', counts.total)
            : trans.__('%1 of %2 cells changed', counts.changed, counts.total)}
          {diff.metadata?.changed
            ? trans.__(
                ' · notebook metadata changed: %1',
                diff.metadata.keys.join(', ')
              )
            : ''}
        </div>
      </header>
      <div className="jp-NerdUp-diffRows">
        {rows.slice(0, visible).map(row =>
          row.type === 'cell' ? (
            <CellRow
              key={row.key}
              cell={row.cell}
              registry={registry}
              trans={trans}
              sourceOf={props.sourceOf}
            />
          ) : (
            <button
              key={row.key}
              className="jp-NerdUp-diffFold"
              data-testid="nerdup-diff-fold"
              aria-expanded="false"
              title={trans.__('Show these cells')}
              onClick={() => unfold(row.key)}
            >
              {trans._n(
                '%1 unchanged cell',
                '%1 unchanged cells',
                row.cells.length
              )}
            </button>
          )
        )}
        {visible < rows.length ? (
          <div ref={sentinel} className="jp-NerdUp-diffMore">
            <button onClick={() => setVisible(v => v + ROW_BATCH)}>
              {trans.__('Show %1 more rows', rows.length - visible)}
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
