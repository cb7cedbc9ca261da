import * as React from 'react';

import { Sessions as SessionList } from '../../rhythm/Sessions';
import { ISectionProps } from './Overview';

/** The group's study sessions: the next ones, scheduling, recaps. */
export function Sessions(props: ISectionProps): JSX.Element {
  return <SessionList view={props.view} rhythm={props.rhythm} />;
}
