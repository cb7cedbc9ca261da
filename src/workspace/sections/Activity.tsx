import * as React from 'react';

import { ActivityFeed } from '../../components/ActivityFeed';
import { useSidebar } from '../../components/context';
import { ISectionProps } from './Overview';

/** What happened in the group lately. */
export function Activity(props: ISectionProps): JSX.Element {
  const { trans } = useSidebar();
  return (
    <section className="jp-NerdUp-section">
      <h3 className="jp-NerdUp-sectionTitle">{trans.__('Recent activity')}</h3>
      <ActivityFeed items={props.view.activity} />
    </section>
  );
}
