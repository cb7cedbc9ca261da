import { LabIcon } from '@jupyterlab/ui-components';

/** "Commit snapshot": a commit dot on a line, drawn in the theme's icon colour. */
export const snapshotIcon = new LabIcon({
  name: 'nerdup-lab:snapshot',
  svgstr:
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">' +
    '<g class="jp-icon3" fill="#616161">' +
    '<path d="M2 11h5.1a5 5 0 0 1 9.8 0H22v2h-5.1a5 5 0 0 1-9.8 0H2z"/>' +
    '</g><circle class="jp-icon-contrast0" cx="12" cy="12" r="2.6" fill="#fff"/></svg>'
});

/** Icon of the snapshot history panel tab and the dashboard. */
export const dashboardIcon = new LabIcon({
  name: 'nerdup-lab:dashboard',
  svgstr:
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">' +
    '<g class="jp-icon3" fill="#616161">' +
    '<path d="M3 3h2v16h16v2H3z"/><path d="M7 17l4-6 3 3 5-8 1.7 1-6.5 10.4-3-3L8.7 18z"/>' +
    '</g></svg>'
});
