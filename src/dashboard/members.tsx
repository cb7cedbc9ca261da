import * as React from 'react';

import { TranslationBundle } from '@jupyterlab/translation';

import { IProgressSeries } from './api';

export type IMemberProgress = IProgressSeries['members'][number];

/**
 * Each member's own progress, as the server counts it: the tasks they claimed, their
 * personal tasks and their part of every task everyone does.
 */
export function MemberProgressTable(props: {
  members: IMemberProgress[];
  trans: TranslationBundle;
}): JSX.Element {
  const { members, trans } = props;
  const counted = members.filter(m => m.tasks_total > 0);
  if (counted.length === 0) {
    return (
      <p className="jp-NerdUp-empty">
        {trans.__('Nobody has taken on a task yet.')}
      </p>
    );
  }
  return (
    <table className="jp-NerdUp-memberProgress">
      <caption className="jp-NerdUp-srOnly">
        {trans.__('Progress per member')}
      </caption>
      <thead>
        <tr>
          <th scope="col">{trans.__('Member')}</th>
          <th scope="col">{trans.__('Their tasks')}</th>
          <th scope="col">{trans.__('Weight done')}</th>
        </tr>
      </thead>
      <tbody>
        {counted.map(m => (
          <tr key={m.username} data-username={m.username}>
            <th scope="row">{m.username}</th>
            <td>{trans.__('%1 of %2 done', m.tasks_done, m.tasks_total)}</td>
            <td>
              <span className="jp-NerdUp-memberBar" aria-hidden="true">
                <span style={{ width: `${m.percent}%` }} />
              </span>
              {trans.__('%1%', m.percent)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
