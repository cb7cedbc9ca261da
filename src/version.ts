// The lab extension's own version, from package.json at build time.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const pkg = require('../package.json') as { version: string };

export const FRONTEND_VERSION: string = pkg.version;

export interface IServerStatus {
  version: string;
  mode: 'embedded' | 'hub';
  storage: string;
  user: { username: string; display_name: string };
}

/** True when the server extension and this lab extension come from different releases. */
export function isVersionMismatch(
  serverVersion: string,
  frontendVersion: string = FRONTEND_VERSION
): boolean {
  return serverVersion !== frontendVersion;
}
