import * as React from 'react';

import { ILink, IMilestone } from '../model/types';
import { useSidebar } from './context';

/** Links (a reading list, a data set) as a list; nothing when there is none. */
export function Links(props: {
  links: readonly ILink[] | undefined;
  label: string;
}): JSX.Element | null {
  const links = (props.links ?? []).filter(l => l.url);
  if (links.length === 0) {
    return null;
  }
  return (
    <ul className="jp-NerdUp-links" aria-label={props.label}>
      {links.map(l => {
        const text = l.title || l.url;
        // Only web and mail addresses become links (never javascript: or data:).
        const safe = /^(https?:|mailto:)/i.test(l.url);
        return (
          <li key={l.url} className="jp-NerdUp-ellipsis" title={text}>
            {safe ? (
              <a href={l.url} target="_blank" rel="noopener noreferrer">
                {text}
              </a>
            ) : (
              text
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** A stage's summary (what stood in the way, how it was solved) and its resources. */
export function StageSummary(props: {
  milestone: IMilestone;
}): JSX.Element | null {
  const { trans } = useSidebar();
  const { milestone } = props;
  const retro = milestone.retrospective ?? { obstacles: '', solutions: '' };
  const hasSummary = Boolean(retro.obstacles || retro.solutions);
  const resources = milestone.resources ?? [];
  if (!hasSummary && resources.length === 0) {
    return null;
  }
  return (
    <div className="jp-NerdUp-stageSummary">
      {hasSummary && (
        <dl
          className="jp-NerdUp-summary"
          aria-label={trans.__('Summary of %1', milestone.title)}
        >
          {retro.obstacles && (
            <>
              <dt>{trans.__('What stood in the way')}</dt>
              <dd>{retro.obstacles}</dd>
            </>
          )}
          {retro.solutions && (
            <>
              <dt>{trans.__('How it was solved')}</dt>
              <dd>{retro.solutions}</dd>
            </>
          )}
        </dl>
      )}
      <Links
        links={resources}
        label={trans.__('Resources of %1', milestone.title)}
      />
    </div>
  );
}
