import * as React from 'react';

import { TranslationBundle } from '@jupyterlab/translation';

import { IOutputChange } from '../../types';
import { IDiffRenderer } from '../registry';
import { Hunks } from './hunks';

function describe(output: IOutputChange, trans: TranslationBundle): string {
  if (output.output_type === 'stream') {
    return trans.__('stream %1', output.name ?? '');
  }
  if (output.output_type === 'error') {
    return trans.__('error %1', output.ename ?? '');
  }
  const types = (output.mime_types ?? []).join(', ');
  return types ? `${output.output_type} (${types})` : output.output_type;
}

function statusLabel(status: string, trans: TranslationBundle): string {
  switch (status) {
    case 'added':
      return trans.__('added');
    case 'removed':
      return trans.__('removed');
    case 'changed':
      return trans.__('changed');
    default:
      return trans.__('unchanged');
  }
}

/** Outputs compared by hash: a summary line each, a text diff where the server gave one. */
export const outputsRenderer: IDiffRenderer = {
  kind: 'outputs',
  rank: 20,
  applies: cell => (cell.outputs ?? []).some(o => o.status !== 'unchanged'),
  render: (cell, trans) => (
    <div className="jp-NerdUp-diffOutputs">
      <div className="jp-NerdUp-diffPartTitle">{trans.__('Outputs')}</div>
      <ul>
        {(cell.outputs ?? []).map((output, i) => (
          <li
            key={i}
            className={`jp-NerdUp-diffOutput jp-NerdUp-diffOutput-${output.status}`}
          >
            <span className="jp-NerdUp-diffBadge">
              {statusLabel(output.status, trans)}
            </span>{' '}
            {describe(output, trans)}
            {output.hunks && output.hunks.length > 0 ? (
              <Hunks hunks={output.hunks} trans={trans} />
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  )
};
