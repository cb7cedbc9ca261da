import * as React from 'react';

import { IDiffRenderer } from '../registry';

/** Metadata and execution count changes: named, not diffed (they rarely matter). */
export const metadataRenderer: IDiffRenderer = {
  kind: 'metadata',
  rank: 30,
  applies: cell =>
    (cell.metadata?.keys.length ?? 0) > 0 || cell.execution_count !== undefined,
  render: (cell, trans) => (
    <div className="jp-NerdUp-diffMeta">
      {cell.metadata && cell.metadata.keys.length > 0 ? (
        <div>
          {trans.__('Metadata changed: %1', cell.metadata.keys.join(', '))}
        </div>
      ) : null}
      {cell.execution_count ? (
        <div>
          {trans.__(
            'Execution count: %1 → %2',
            String(cell.execution_count[0] ?? '–'),
            String(cell.execution_count[1] ?? '–')
          )}
        </div>
      ) : null}
    </div>
  )
};
