import { LabIcon } from '@jupyterlab/ui-components';

import nerdupSvg from '../style/icons/nerdup.svg';

/** The study-group icon of the sidebar tab, the status bar item and the toolbar. */
export const nerdupIcon = new LabIcon({
  name: 'nerdup-lab:groups',
  svgstr: nerdupSvg
});
