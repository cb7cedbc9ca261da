import * as React from 'react';

import { Button } from '@jupyterlab/ui-components';

import { useSidebar } from '../components/context';
import { IRecap } from './types';
import { IRhythm } from './useRhythm';

/** Edit a session's recap (markdown); the generated text is where one starts. */
export function RecapEditor(props: {
  recap: IRecap;
  rhythm: IRhythm;
  onDone: () => void;
}): JSX.Element {
  const { trans } = useSidebar();
  const { recap, rhythm } = props;
  const [text, setText] = React.useState(recap.body);
  const save = async () => {
    const saved = await rhythm.act(() =>
      rhythm.client.editRecap(
        recap.occurrence.session_id,
        recap.version,
        text,
        recap.occurrence.start
      )
    );
    if (saved) {
      props.onDone();
    }
  };
  return (
    <div className="jp-NerdUp-recapEdit">
      <textarea
        className="jp-NerdUp-recapEditor"
        aria-label={trans.__('Recap (markdown)')}
        value={text}
        onChange={e => setText(e.target.value)}
      />
      <div className="jp-NerdUp-buttonRow">
        <Button small onClick={() => void save()}>
          {trans.__('Save recap')}
        </Button>
        <Button small minimal onClick={props.onDone}>
          {trans.__('Cancel')}
        </Button>
      </div>
    </div>
  );
}
