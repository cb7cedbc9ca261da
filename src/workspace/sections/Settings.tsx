import * as React from 'react';

import { useSidebar } from '../../components/context';
import { HubGroupClient } from '../../hubgroups/client';
import { HubGroupLink } from '../../hubgroups/HubGroupLink';
import { ISectionProps } from './Overview';

/** For organisers: the group's link to a JupyterHub group. */
export function Settings(props: ISectionProps): JSX.Element {
  const { model, trans } = useSidebar();
  const { group } = props.view;
  const hubGroups = React.useMemo(
    () => new HubGroupClient(model.client.settings),
    [model]
  );
  return (
    <div className="jp-NerdUp-roomSettings">
      <HubGroupLink
        groupId={group.id}
        groupTitle={group.title}
        isOrganizer={group.my_role === 'organizer'}
        client={hubGroups}
        trans={trans}
        revision={group.version}
        onChanged={() => void model.refreshCurrent()}
      />
    </div>
  );
}
