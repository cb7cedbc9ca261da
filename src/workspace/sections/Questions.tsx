import * as React from 'react';

import { Questions as QuestionList } from '../../rhythm/Questions';
import { ISectionProps } from './Overview';

/** The group's questions and their answers. */
export function Questions(props: ISectionProps): JSX.Element {
  return <QuestionList view={props.view} rhythm={props.rhythm} />;
}
