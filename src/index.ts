import { sidebarPlugin } from './plugins/sidebar';

export { INerdUpGroups } from './tokens';

/** Every plugin of the nerdup-lab extension; each one lives in src/plugins/. */
export default [sidebarPlugin];
