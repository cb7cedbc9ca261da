import * as React from 'react';

import { IGroupView } from '../model/types';
import { RhythmBrief } from './Brief';
import { Questions } from './Questions';
import { Sessions } from './Sessions';
import { Showcase } from './Showcase';
import { useRhythm } from './useRhythm';

export interface IRhythmProps {
  view: IGroupView;
  /** `brief`: the catch-up part only; `sections`: sessions, questions, showcase. */
  part: 'brief' | 'sections';
}

/** The group's rhythm in the sidebar's group view (one data hook per mount). */
export function Rhythm(props: IRhythmProps): JSX.Element {
  const rhythm = useRhythm(props.view.group.id, props.part === 'brief');
  if (props.part === 'brief') {
    return (
      <div className="jp-NerdUp-rhythmBrief">
        <RhythmBrief rhythm={rhythm} />
      </div>
    );
  }
  return (
    <div className="jp-NerdUp-rhythm">
      <Sessions view={props.view} rhythm={rhythm} />
      <Questions view={props.view} rhythm={rhythm} />
      <Showcase view={props.view} rhythm={rhythm} />
    </div>
  );
}
