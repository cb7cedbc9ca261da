import * as React from 'react';

import { HubGroupClient } from '../hubgroups/client';
import { HubGroupLink } from '../hubgroups/HubGroupLink';
import { IGroupView } from '../model/types';
import { Rhythm } from '../rhythm/Rhythm';
import { ActivityFeed } from './ActivityFeed';
import { CatchUp } from './CatchUp';
import { useSidebar } from './context';
import { GroupHeader } from './GroupHeader';
import { Membership } from './Membership';
import { Plan } from './Plan';
import { Proposals } from './Proposals';

export interface IGroupViewProps {
  view: IGroupView;
}

/** Everything about the open group, top to bottom. */
export function GroupView(props: IGroupViewProps): JSX.Element {
  const { model, trans } = useSidebar();
  const { view } = props;
  const hubGroups = React.useMemo(
    () => new HubGroupClient(model.client.settings),
    [model]
  );
  return (
    <div className="jp-NerdUp-groupView" data-group-id={view.group.id}>
      <GroupHeader view={view} />
      <CatchUp view={view} />
      <Rhythm view={view} part="brief" />
      <Plan group={view.group} milestones={view.milestones} />
      <Proposals group={view.group} proposals={view.proposals} />
      <Rhythm view={view} part="sections" />
      <section className="jp-NerdUp-section" aria-labelledby="jp-NerdUp-act-h">
        <h3 id="jp-NerdUp-act-h" className="jp-NerdUp-sectionTitle">
          {trans.__('Recent activity')}
        </h3>
        <ActivityFeed items={view.activity} />
      </section>
      <HubGroupLink
        groupId={view.group.id}
        groupTitle={view.group.title}
        isOrganizer={view.group.my_role === 'organizer'}
        client={hubGroups}
        trans={trans}
        revision={view.group.version}
        onChanged={() => void model.refreshCurrent()}
      />
      <Membership group={view.group} />
    </div>
  );
}
