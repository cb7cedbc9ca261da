import * as React from 'react';

import { launchIcon } from '@jupyterlab/ui-components';
import { TranslationBundle } from '@jupyterlab/translation';

import { RhythmClient } from './client';

export interface IPublicLinksProps {
  groupId: number;
  /** Only an open group has a public page. */
  open: boolean;
  client: RhythmClient;
  trans: TranslationBundle;
}

/**
 * Links to the group's read-only public page and to the index of open groups, when the
 * server serves them (`c.NerdUp.public_pages`); nothing otherwise.
 */
export function PublicLinks(props: IPublicLinksProps): JSX.Element | null {
  const { client, trans, groupId, open } = props;
  const [served, setServed] = React.useState(false);
  React.useEffect(() => {
    let live = true;
    client
      .publicPages()
      .then(on => live && setServed(on))
      .catch(() => live && setServed(false));
    return () => {
      live = false;
    };
  }, [client]);
  if (!served) {
    return null;
  }
  return (
    <div className="jp-NerdUp-buttonRow jp-NerdUp-publicLinks">
      {open && (
        <a
          className="jp-NerdUp-linkButton"
          href={client.publicUrl(groupId)}
          target="_blank"
          rel="noopener noreferrer"
        >
          <launchIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
          {trans.__('Public page')}
        </a>
      )}
      <a
        className="jp-NerdUp-linkButton"
        href={client.publicUrl()}
        target="_blank"
        rel="noopener noreferrer"
      >
        <launchIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
        {trans.__('All open groups')}
      </a>
    </div>
  );
}
