import { FRONTEND_VERSION, isVersionMismatch } from '../version';

/** package.json's version, read by the test itself rather than through the module under test. */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const PACKAGE_VERSION: string = require('../../package.json').version;

describe('isVersionMismatch', () => {
  it('reads the lab extension version from package.json', () => {
    expect(PACKAGE_VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(FRONTEND_VERSION).toBe(PACKAGE_VERSION);
  });

  it('accepts a server of the same release as this lab extension', () => {
    expect(isVersionMismatch(PACKAGE_VERSION)).toBe(false);
    expect(isVersionMismatch('0.3.1', '0.3.1')).toBe(false);
  });

  it('flags a server from another release', () => {
    expect(isVersionMismatch('0.0.1', '0.1.0')).toBe(true);
    expect(isVersionMismatch('0.1.0', '0.1.1')).toBe(true);
    expect(isVersionMismatch(`${PACKAGE_VERSION}.1`)).toBe(true);
  });
});
