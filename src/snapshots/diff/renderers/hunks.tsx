import * as React from 'react';

import { TranslationBundle } from '@jupyterlab/translation';

import { IHunk } from '../../types';

const LINE_CLASS: Record<string, string> = {
  '+': 'jp-NerdUp-diffLine-added',
  '-': 'jp-NerdUp-diffLine-removed',
  ' ': 'jp-NerdUp-diffLine-context'
};

/** Hunks of a line diff, `diff -u` style, with old and new line numbers. */
export function Hunks(props: {
  hunks: IHunk[];
  trans: TranslationBundle;
}): JSX.Element {
  const { hunks, trans } = props;
  return (
    <div className="jp-NerdUp-hunks">
      {hunks.map((hunk, h) => {
        let a = hunk.a_start;
        let b = hunk.b_start;
        return (
          <table
            key={h}
            className="jp-NerdUp-hunk"
            aria-label={trans.__(
              'Changes from line %1 (old) / %2 (new)',
              hunk.a_start,
              hunk.b_start
            )}
          >
            <tbody>
              {hunk.lines.map(([op, text], i) => {
                const oldNo = op === '+' ? '' : a++;
                const newNo = op === '-' ? '' : b++;
                return (
                  <tr key={i} className={LINE_CLASS[op] ?? ''}>
                    <td className="jp-NerdUp-diffLineNo">{oldNo}</td>
                    <td className="jp-NerdUp-diffLineNo">{newNo}</td>
                    <td className="jp-NerdUp-diffOp" aria-hidden="true">
                      {op}
                    </td>
                    <td className="jp-NerdUp-diffText">
                      <span className="jp-NerdUp-srOnly">
                        {op === '+'
                          ? trans.__('added: ')
                          : op === '-'
                            ? trans.__('removed: ')
                            : ''}
                      </span>
                      {text}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}
