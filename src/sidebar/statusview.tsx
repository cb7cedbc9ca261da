import * as React from 'react';

import { TranslationBundle } from '@jupyterlab/translation';

import { IServerStatus } from '../version';

export interface IStatusViewProps {
  status: IServerStatus | null;
  error: string | null;
  trans: TranslationBundle;
  /**
   * The user as `GET /me` last said (refreshed with the groups): a name changed in the
   * profile dialog shows here at once, where /status was read once at start.
   */
  me?: { username: string; display_name: string } | null;
}

/** Connection facts shown at the foot of the sidebar: who you are, where data lives. */
export function StatusView(props: IStatusViewProps): JSX.Element {
  const { status, error, trans } = props;
  const user = props.me ?? status?.user;
  if (error) {
    return (
      <div className="jp-NerdUp-status jp-NerdUp-status-error" role="alert">
        {error}
      </div>
    );
  }
  if (!status) {
    return <div className="jp-NerdUp-status">{trans.__('Connecting…')}</div>;
  }
  const mode =
    status.mode === 'hub' ? trans.__('JupyterHub') : trans.__('this server');
  return (
    <div className="jp-NerdUp-status" data-testid="nerdup-status">
      {trans.__(
        'Signed in as %1 · data on %2 (%3) · v%4',
        user?.display_name || user?.username || status.user.username,
        mode,
        status.storage,
        status.version
      )}
    </div>
  );
}
