/**
 * JupyterHub mode in the browser: alice logs in to a real JupyterHub, her JupyterLab opens,
 * and the Study groups sidebar lists the group that lives in the nerdup hub service.
 * Run with `jlpm playwright test -c playwright.hub.config.js`.
 */
import { expect, test } from '@playwright/test';

const SEED_GROUP = 'Hub demo: house prices'; // made by scripts/run_hub.py --seed

test('a hub user sees the sidebar populated from the nerdup service', async ({
  page
}) => {
  await page.goto('/hub/login');
  await page.locator('input[name="username"]').fill('alice');
  await page.locator('input[name="password"]').fill('any password');
  await page
    .locator('input[type="submit"], button[type="submit"]')
    .first()
    .click();
  await page.waitForURL(/\/hub\/(home|spawn|spawn-pending)|\/user\/alice\//);

  await page.goto('/user/alice/lab');
  await page
    .locator('#jupyterlab-splash')
    .waitFor({ state: 'detached', timeout: 120000 });
  const tab = page.locator('.lm-TabBar-tab[data-id="nerdup-sidebar"]');
  await tab.click();
  const sidebar = page.locator('#nerdup-sidebar');
  await expect(sidebar).toBeVisible();
  await expect(sidebar.getByRole('heading', { name: SEED_GROUP })).toBeVisible({
    timeout: 30000
  });
  await sidebar.screenshot({
    path: 'test-results/screenshots/hub-sidebar.png'
  });

  // The extension reports hub mode, with the service reachable.
  const status = await page.evaluate(async () => {
    // Cookie-authenticated API requests to a single-user server carry the XSRF token.
    const xsrf = document.cookie.match(/(?:^|; )_xsrf=([^;]*)/)?.[1] ?? '';
    const response = await fetch('/user/alice/nerdup/api/v1/status', {
      headers: { 'X-XSRFToken': decodeURIComponent(xsrf) }
    });
    return response.json();
  });
  expect(status.mode).toBe('hub');
  expect(status.hub.reachable).toBe(true);
});
