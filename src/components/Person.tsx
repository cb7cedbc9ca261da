import * as React from 'react';

import { displayName } from '../people';
import { useSidebar } from './context';

/** A person by their display name (#15), "you" for the signed-in user; long names are cut. */
export function Person(props: { name: string | null }): JSX.Element {
  const { model, trans } = useSidebar();
  const name = props.name ?? '';
  const me = name !== '' && name === model.username;
  return (
    <span className="jp-NerdUp-actor" title={displayName(name)}>
      {me ? trans.__('you') : displayName(name)}
    </span>
  );
}

/** Names joined with commas, "you" first. */
export function People(props: { names: readonly string[] }): JSX.Element {
  const { model } = useSidebar();
  const sorted = [...props.names].sort((a, b) =>
    a === model.username ? -1 : b === model.username ? 1 : 0
  );
  return (
    <>
      {sorted.map((name, i) => (
        <React.Fragment key={name}>
          {i > 0 && ', '}
          <Person name={name} />
        </React.Fragment>
      ))}
    </>
  );
}
