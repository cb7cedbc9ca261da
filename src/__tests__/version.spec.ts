import { FRONTEND_VERSION, isVersionMismatch } from '../version';

describe('isVersionMismatch', () => {
  it('reads the lab extension version from package.json', () => {
    expect(FRONTEND_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('accepts the same release on both sides', () => {
    expect(isVersionMismatch(FRONTEND_VERSION)).toBe(false);
  });

  it('flags a server from another release', () => {
    expect(isVersionMismatch('0.0.1', '0.1.0')).toBe(true);
  });
});
