import * as React from 'react';

import {
  addIcon,
  Button,
  InputGroup,
  searchIcon
} from '@jupyterlab/ui-components';

import { IGroup } from '../model/types';
import { CommunitySessions } from '../rhythm/Community';
import { Mentoring } from '../rhythm/Mentoring';
import { useSidebar } from './context';
import { GroupCard } from './GroupCard';
import { NewGroupForm } from './NewGroupForm';

/** The community's open groups and my own: search, join, create; what mentors should look at. */
export function Directory(): JSX.Element {
  const { model, trans } = useSidebar();
  const [query, setQuery] = React.useState(model.query);
  const [creating, setCreating] = React.useState(false);

  // Search as the user types, once they pause.
  React.useEffect(() => {
    if (query === model.query) {
      return;
    }
    const timer = setTimeout(() => void model.search(query), 250);
    return () => clearTimeout(timer);
  }, [query, model]);

  if (creating) {
    return <NewGroupForm onDone={() => setCreating(false)} />;
  }
  const groups = mineFirst(model.myGroups, model.directory, model.query);
  return (
    <section
      className="jp-NerdUp-directory"
      aria-label={trans.__('Group directory')}
    >
      <div className="jp-NerdUp-toolbarRow">
        <InputGroup
          type="search"
          className="jp-NerdUp-search"
          value={query}
          placeholder={trans.__('Search')}
          aria-label={trans.__('Search groups')}
          rightIcon={searchIcon}
          onChange={e => setQuery(e.target.value)}
        />
        <Button
          small
          onClick={() => setCreating(true)}
          title={trans.__('Create a new study group')}
        >
          <addIcon.react tag="span" className="jp-NerdUp-buttonIcon" />
          {trans.__('New group')}
        </Button>
      </div>
      {!model.query && <Mentoring />}
      {/* After a failed load the alert above says why; "no group" would be a guess. */}
      {groups.length === 0 && !model.loading && !model.error ? (
        <p className="jp-NerdUp-empty">
          {model.query
            ? trans.__('No group matches “%1”.', model.query)
            : trans.__('No open group yet. Start one with “New group”.')}
        </p>
      ) : (
        <ul className="jp-NerdUp-cards">
          {groups.map(g => (
            <GroupCard key={g.id} group={g} />
          ))}
        </ul>
      )}
      <CommunitySessions />
    </section>
  );
}

/**
 * My groups first (in the order the server gives them), then the others of the
 * directory; while searching, only the directory's matches, mine still first.
 */
export function mineFirst(
  mine: readonly IGroup[],
  directory: readonly IGroup[],
  query: string
): IGroup[] {
  const found = new Set(directory.map(g => g.id));
  const myIds = new Set(mine.map(g => g.id));
  const myGroups = mine.filter(g => !query.trim() || found.has(g.id));
  return [...myGroups, ...directory.filter(g => !myIds.has(g.id))];
}
