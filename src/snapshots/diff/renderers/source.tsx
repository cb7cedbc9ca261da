import * as React from 'react';

import { IDiffRenderer } from '../registry';
import { Hunks } from './hunks';

/** The source of a cell: line diff when modified, whole text when added or removed. */
export const sourceRenderer: IDiffRenderer = {
  kind: 'source',
  rank: 10,
  applies: cell =>
    !!cell.source &&
    (cell.source.hunks !== undefined || cell.source.text !== undefined),
  render: (cell, trans) => {
    const source = cell.source ?? {};
    if (source.hunks) {
      return <Hunks hunks={source.hunks} trans={trans} />;
    }
    const text = source.text ?? '';
    const cls =
      cell.status === 'removed'
        ? 'jp-NerdUp-diffWhole jp-NerdUp-diffLine-removed'
        : 'jp-NerdUp-diffWhole jp-NerdUp-diffLine-added';
    return (
      <pre className={cls}>
        {text.length > 0 ? text : trans.__('(empty cell)')}
      </pre>
    );
  }
};
