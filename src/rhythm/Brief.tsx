import * as React from 'react';

import { Button } from '@jupyterlab/ui-components';

import { useSidebar } from '../components/context';
import { actingRole } from '../model/derive';
import { Markdown } from '../components/Markdown';
import { RecapEditor } from './RecapEditor';
import { when } from './Sessions';
import { IRecap } from './types';
import { IRhythm } from './useRhythm';

/** The rhythm's part of "Where we are": the session going on and its recap, the next
 * session, open questions, the last session's recap. */
export function RhythmBrief(props: { rhythm: IRhythm }): JSX.Element | null {
  const { trans, model } = useSidebar();
  const brief = props.rhythm.data.catchup;
  const group = model.current?.group;
  const role = group ? actingRole(group) : null;
  const editor = role !== null && role !== 'follower';
  if (!brief) {
    return null;
  }
  const last = brief.last_session;
  const now = brief.current_session;
  const next = brief.next_session;
  return (
    <div className="jp-NerdUp-brief">
      {now && (
        <p className="jp-NerdUp-briefNow">
          {trans.__('Session going on since %1', when(now.start))}
          {now.agenda.length > 0 &&
            ` · ${trans.__('tonight: %1', now.agenda.map(t => t.title).join(', '))}`}
        </p>
      )}
      {next && (
        <p className="jp-NerdUp-briefNext">
          {trans.__('Next session: %1', when(next.start))}
          {next.agenda.length > 0 &&
            ` · ${trans._n('%1 task picked for it', '%1 tasks picked for it', next.agenda.length)}`}
        </p>
      )}
      {brief.unanswered.length > 0 && (
        <>
          <h4 className="jp-NerdUp-subTitle">
            {trans.__('Unanswered questions')}
          </h4>
          <ul className="jp-NerdUp-unanswered">
            {brief.unanswered.map(q => (
              <li key={q.id}>
                {q.title}{' '}
                <span className="jp-NerdUp-actor">
                  {trans.__('by %1', q.author)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {now && brief.current_recap && (
        <RecapBlock
          key="tonight"
          recap={brief.current_recap}
          title={trans.__("Tonight's recap (%1)", when(now.start))}
          editor={editor}
          rhythm={props.rhythm}
        />
      )}
      {last && (
        <RecapBlock
          key="last"
          recap={last}
          title={trans.__(
            'Last session recap (%1)',
            when(last.occurrence.start)
          )}
          editor={editor}
          rhythm={props.rhythm}
        />
      )}
    </div>
  );
}

/** One session's recap, folded; members (not followers) may edit it. */
function RecapBlock(props: {
  recap: IRecap;
  title: string;
  editor: boolean;
  rhythm: IRhythm;
}): JSX.Element {
  const { trans } = useSidebar();
  const [editing, setEditing] = React.useState(false);
  const { recap } = props;
  return (
    <details className="jp-NerdUp-recap">
      <summary>{props.title}</summary>
      {editing ? (
        <RecapEditor
          recap={recap}
          rhythm={props.rhythm}
          onDone={() => setEditing(false)}
        />
      ) : (
        <>
          <Markdown source={recap.body} />
          {props.editor && (
            <Button small minimal onClick={() => setEditing(true)}>
              {trans.__('Edit recap')}
            </Button>
          )}
        </>
      )}
    </details>
  );
}
