/**
 * The JupyterHub browser test: its own Playwright project, because the page is a real
 * JupyterHub (login form, then the user's server), not galata's single JupyterLab.
 * `scripts/run_hub.py --seed` starts the Hub with the nerdup service and gives alice a group.
 */
const chromium = require('./chromium');

const port = process.env.NERDUP_HUB_UI_PORT || '8895';
const baseURL = `http://127.0.0.1:${port}`;

module.exports = {
  testDir: './tests',
  testMatch: /hub\.spec\.ts$/,
  timeout: 180000,
  retries: 0,
  workers: 1,
  outputDir: 'test-results/hub',
  reporter: [
    ['list'],
    ['json', { outputFile: 'test-results/hub-results.json' }],
    ['html', { open: 'never', outputFolder: 'test-results/hub-report' }]
  ],
  use: {
    baseURL,
    headless: true,
    video: 'off',
    trace: 'off',
    launchOptions: chromium
  },
  webServer: {
    command: `rm -rf test-results/hub-data && python ../../scripts/run_hub.py test-results/hub-data --port ${port} --seed`,
    url: `${baseURL}/hub/health`,
    timeout: 240 * 1000,
    reuseExistingServer: false,
    // run_hub.py stops the Hub, its proxy and the users' servers on SIGINT.
    gracefulShutdown: { signal: 'SIGINT', timeout: 30000 }
  }
};
