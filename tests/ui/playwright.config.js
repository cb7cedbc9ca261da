/**
 * Galata's Playwright configuration, pointed at Debian's Chromium (no browser download is
 * possible here) and at a JupyterLab started with jupyter_server_test_config.py.
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');
const chromium = require('./chromium');

// Galata defaults to port 8888; NERDUP_UI_PORT lets two runs share a machine.
const port = process.env.NERDUP_UI_PORT || '8888';
const baseURL = `http://localhost:${port}`;

module.exports = {
  ...baseConfig,
  timeout: 90000,
  retries: 0,
  testIgnore: /hub\.spec\.ts$/, // its own project: playwright.hub.config.js
  workers: 1,
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
  webServer: {
    command: 'jlpm start',
    url: `${baseURL}/lab`,
    timeout: 120 * 1000,
    reuseExistingServer: false
  }
};
