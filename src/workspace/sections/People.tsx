import * as React from 'react';

import { useSidebar } from '../../components/context';
import { Membership } from '../../components/Membership';
import { ISectionProps } from './Overview';

/** How many are in the group, and my own membership (join, switch role, leave). */
export function People(props: ISectionProps): JSX.Element {
  const { trans } = useSidebar();
  const { group } = props.view;
  return (
    <section className="jp-NerdUp-section">
      <h3 className="jp-NerdUp-sectionTitle">{trans.__('People')}</h3>
      <p>{trans._n('%1 member', '%1 members', group.member_count)}</p>
      <Membership group={group} />
    </section>
  );
}
