/**
 * Galata's Playwright configuration, pointed at Debian's Chromium (no browser download is
 * possible here) and at a JupyterLab started with jupyter_server_test_config.py.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');
const chromium = require('./chromium');

// One database per run, named here so that a spec can seed it with the CLI as `make lab`
// does (navigator.spec.ts: the demo community). The lab's server and the workers inherit it
// from this, the main process.
if (!process.env.NERDUP_UI_DB_URL) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nerdup-ui-db-'));
  process.env.NERDUP_UI_DB_URL = `sqlite:///${path.join(dir, 'nerdup.sqlite')}`;
}

// Galata defaults to port 8888; NERDUP_UI_PORT lets two runs share a machine.
const port = process.env.NERDUP_UI_PORT || '8888';
const baseURL = `http://localhost:${port}`;

// The one-person lab of the work-loop walk (jupyter_server_person_config.py): nerdup's own
// identity provider behind a token, its own database, two ports above the main lab.
process.env.NERDUP_UI_PERSON_PORT ||= String(Number(port) + 2);
process.env.NERDUP_UI_PERSON_TOKEN ||= 'nerdup-walk-token';
if (!process.env.NERDUP_UI_PERSON_DB_URL) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nerdup-ui-person-db-'));
  process.env.NERDUP_UI_PERSON_DB_URL = `sqlite:///${path.join(dir, 'nerdup.sqlite')}`;
}
const personURL = `http://localhost:${process.env.NERDUP_UI_PERSON_PORT}`;
const WORK_LOOP = /workloop\.spec\.ts$/;

module.exports = {
  ...baseConfig,
  timeout: 90000,
  // Web-first assertions wait up to 15 s (Playwright's default is 5 s): on a loaded 2-core CI
  // machine one write through the lab server and the sidebar's re-render took longer than 5 s
  // (rhythm.spec's stale-save conflict). A wait on a condition, never a sleep: a passing
  // assertion returns as soon as it holds.
  expect: { timeout: 15000 },
  retries: 0,
  // Baselines named as before the projects came (no project in the name): the one-person
  // lab compares none, and each screen has one baseline per theme.
  snapshotPathTemplate: '{testDir}/{testFilePath}-snapshots/{arg}{-snapshotSuffix}{ext}',
  testIgnore: /hub\.spec\.ts$/, // its own project: playwright.hub.config.js
  workers: 1,
  projects: [
    { name: 'lab', testIgnore: [/hub\.spec\.ts$/, WORK_LOOP] },
    {
      name: 'one-person lab',
      testMatch: WORK_LOOP,
      // Logged in with the token as a person would, and JupyterLab's own user as the
      // server says (Galata would mock it).
      use: { baseURL: personURL, autoGoto: false, mockUser: false }
    }
  ],
  reporter: [
    ['list'],
    ['json', { outputFile: 'results.json' }],
    ['html', { open: 'never' }]
  ],
  use: {
    ...baseConfig.use,
    baseURL,
    // JupyterLab's service worker would answer fetches before page.route() sees them.
    serviceWorkers: 'block',
    headless: true,
    video: 'off',
    trace: 'off',
    launchOptions: chromium
  },
  webServer: [
    {
      command: 'jlpm start',
      url: `${baseURL}/lab`,
      timeout: 120 * 1000,
      reuseExistingServer: false
    },
    {
      command: 'jupyter lab --config jupyter_server_person_config.py',
      url: `${personURL}/api/status?token=${process.env.NERDUP_UI_PERSON_TOKEN}`,
      timeout: 120 * 1000,
      reuseExistingServer: false
    }
  ]
};
