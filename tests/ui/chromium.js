/**
 * Debian's Chromium, as both Playwright configs launch it: Playwright cannot download its
 * own browser here, and without the background-networking flags Chromium keeps trying
 * hosts this machine cannot reach.
 */
module.exports = {
  executablePath: process.env.NERDUP_CHROMIUM || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync'
  ]
};
