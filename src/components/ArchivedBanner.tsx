import * as React from 'react';

import { Button } from '@jupyterlab/ui-components';

import { IGroupInput } from '../model/client';
import { canBringBack, isArchived } from '../model/derive';
import type { GroupsModel } from '../model/groups';
import { IGroup } from '../model/types';
import { useSidebar } from './context';

/**
 * Bring an archived group back (PATCH status "active" with the group's version as
 * If-Match), then reload what the sidebar shows. False, with a notice, when it failed
 * (a stale version reloads and says so, like every other write).
 */
export async function bringBack(
  model: GroupsModel,
  group: IGroup
): Promise<boolean> {
  const change: IGroupInput & { status: IGroup['status'] } = {
    status: 'active'
  };
  try {
    await model.client.updateGroup(group.id, group.version, change);
  } catch (error) {
    await model.reportFailure(error);
    return false;
  }
  model.notify(null);
  await model.refresh();
  return true;
}

export interface IArchivedBannerProps {
  group: IGroup;
}

/** At the top of an archived group: it is read-only; organizers can bring it back. */
export function ArchivedBanner(
  props: IArchivedBannerProps
): JSX.Element | null {
  const { model, trans } = useSidebar();
  const { group } = props;
  const [busy, setBusy] = React.useState(false);
  if (!isArchived(group)) {
    return null;
  }
  const restore = async () => {
    setBusy(true);
    await bringBack(model, group);
    setBusy(false);
  };
  return (
    <div
      className="jp-NerdUp-notice jp-NerdUp-notice-warning jp-NerdUp-archivedBanner"
      role="status"
    >
      <span>
        {trans.__('Archived: read-only. An organizer can bring it back.')}
      </span>
      {canBringBack(group) && (
        <Button small disabled={busy} onClick={() => void restore()}>
          {trans.__('Bring back from the archive')}
        </Button>
      )}
    </div>
  );
}
