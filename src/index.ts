import { dashboardPlugin } from './plugins/dashboard';
import { notifyPlugin } from './plugins/notify';
import { rhythmPlugin } from './plugins/rhythm';
import { sidebarPlugin } from './plugins/sidebar';
import { snapshotsPlugin } from './plugins/snapshots';

export { INerdUpGroups } from './tokens';

/** Every plugin of the nerdup-lab extension; each one lives in src/plugins/. */
export default [
  sidebarPlugin,
  snapshotsPlugin,
  dashboardPlugin,
  rhythmPlugin,
  notifyPlugin
];
