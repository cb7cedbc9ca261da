import * as React from 'react';

import { Showcase as ShowcaseList } from '../../rhythm/Showcase';
import { ISectionProps } from './Overview';

/** Reflections and posts of the group. */
export function Showcase(props: ISectionProps): JSX.Element {
  return <ShowcaseList view={props.view} rhythm={props.rhythm} />;
}
