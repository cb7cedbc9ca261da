import * as React from 'react';

import { useSidebar } from './context';

/** A user name, shown as "you" for the signed-in user; long names are cut. */
export function Person(props: { name: string | null }): JSX.Element {
  const { model, trans } = useSidebar();
  const name = props.name ?? '';
  const me = name !== '' && name === model.username;
  return (
    <span className="jp-NerdUp-actor" title={name}>
      {me ? trans.__('you') : name}
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
