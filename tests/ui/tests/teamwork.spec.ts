import { expect, test } from '@jupyterlab/galata';
import { Page } from '@playwright/test';

import { api, consoleErrors, openSidebar, shootThemes } from './helpers';

/** Requests made as Bea, the teammate (the test server's identity provider reads this). */
const BEA = { 'X-Nerdup-Test-User': 'bea' };

/** The console errors and the uncaught errors and rejections of the page from now on. */
function problems(page: Page): string[] {
  const found = consoleErrors(page);
  page.on('pageerror', error => found.push(`uncaught: ${error.message}`));
  return found;
}

/**
 * A group of mine with a stage and a task, which Bea joined and where she committed a
 * notebook of her own (a heading and a code cell with a known id).
 */
async function groupWithBeasWork(
  page: Page,
  title: string
): Promise<{ groupId: number; path: string; taskId: number }> {
  const group = await api(page, 'POST', '/groups', {
    title,
    description: 'We look at the data together.'
  });
  const stage = await api(page, 'POST', `/groups/${group.id}/milestones`, {
    title: 'Explore the data',
    status: 'active'
  });
  const task = await api(page, 'POST', `/milestones/${stage.id}/tasks`, {
    title: 'Plot the price distribution'
  });
  await api(
    page,
    'POST',
    `/groups/${group.id}/members`,
    { role: 'participant' },
    BEA
  );
  const path = `bea-eda-${group.id}.ipynb`;
  await api(
    page,
    'PUT',
    `/api/contents/${path}`,
    {
      type: 'notebook',
      format: 'json',
      content: {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {
          kernelspec: {
            name: 'python3',
            display_name: 'Python 3 (ipykernel)',
            language: 'python'
          }
        },
        cells: [
          {
            cell_type: 'markdown',
            id: 'intro',
            metadata: {},
            source: "# Bea's look at the prices"
          },
          {
            cell_type: 'code',
            id: 'histogram',
            metadata: {},
            execution_count: 1,
            source: 'prices.hist(bins=30)',
            outputs: [
              {
                output_type: 'stream',
                name: 'stdout',
                text: 'a long tail above 500k\n'
              }
            ]
          }
        ]
      }
    },
    BEA
  );
  await api(
    page,
    'POST',
    `/groups/${group.id}/snapshots`,
    { path, message: 'the price histogram', task_id: task.id },
    BEA
  );
  return { groupId: group.id, path, taskId: task.id };
}

test("a member opens a teammate's work: catch-up, activity, group notebooks", async ({
  page
}) => {
  test.setTimeout(180_000);
  const errors = problems(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  const title = `Price watchers ${Date.now() % 100000}`;
  const { groupId, path } = await groupWithBeasWork(page, title);
  await page.reload();
  await openSidebar(page);
  await page
    .locator('#nerdup-sidebar')
    .getByRole('button', { name: `Open ${title} in the main area` })
    .click();
  const room = page.locator(`#nerdup-group-${groupId}`);
  const panel = room.getByRole('tabpanel');
  const viewer = page.locator('.jp-NerdUp-viewer:visible');
  const roomTab = page.getByRole('tab', { name: title, exact: true });

  // The catch-up: Bea's snapshot opens read-only in the snapshot viewer...
  const latest = panel.getByRole('list', { name: 'Latest snapshots' });
  await expect(latest).toContainText('the price histogram');
  await latest.getByRole('button', { name: path }).click();
  await expect(viewer.locator('h1')).toHaveText(/Bea's look at the prices/);
  await expect(viewer).toContainText('a long tail above 500k');
  await expect(viewer).toContainText(`Read-only snapshot`);
  await shootThemes(page, 'teamwork-viewer', viewer);

  // ...and then a copy of it in my workspace, a notebook of my own.
  await roomTab.click();
  await latest
    .getByRole('button', { name: 'Open a copy in my workspace' })
    .click();
  await page
    .locator('.jp-Dialog')
    .getByRole('button', { name: 'Restore as new file' })
    .click();
  const copyTab = page
    .locator('.lm-DockPanel-tabBar .lm-TabBar-tab')
    .filter({ hasText: /bea-eda.*snapshot/ });
  await expect(copyTab).toBeVisible();
  await expect(
    page.locator('.jp-NotebookPanel:visible .jp-Cell').first()
  ).toContainText("Bea's look at the prices");

  // The Activity section: the commit in the feed opens the same snapshot.
  await roomTab.click();
  await room.getByRole('tab', { name: 'Activity' }).click();
  const feed = panel.getByRole('list', { name: 'Recent activity' });
  const commit = feed
    .locator('li')
    .filter({ hasText: 'committed a snapshot' })
    .first();
  // People by their display name (#15): Bea (her identity's display name), never the
  // username "bea" nor a 32-hex id; I am "you".
  await expect(
    commit.locator('.jp-NerdUp-actor', { hasText: /^Bea$/ })
  ).toBeVisible();
  expect(await feed.innerText()).not.toMatch(/\b[0-9a-f]{32}\b/);
  await shootThemes(page, 'teamwork-activity-names', feed);
  await commit.getByRole('button', { name: path }).click();
  await expect(viewer.locator('h1')).toHaveText(/Bea's look at the prices/);

  // Notebooks: Bea's notebook becomes a group notebook; her latest version opens.
  await roomTab.click();
  await room.getByRole('tab', { name: 'Notebooks' }).click();
  const everyone = panel.getByRole('list', {
    name: "Everyone's latest snapshots"
  });
  const beas = everyone.locator('li.jp-NerdUp-memberWorkItem', {
    hasText: 'bea'
  });
  await expect(beas).toContainText('the price histogram');
  await beas.getByRole('button', { name: 'Mark as group notebook' }).click();
  const shared = panel.getByRole('list', { name: 'Group notebooks' });
  await expect(shared).toContainText(path);
  await expect(beas).toContainText('group notebook');
  await shootThemes(page, 'teamwork-notebooks', room);
  await shared.getByRole('button', { name: 'Open the latest of Bea' }).click();
  await expect(viewer.locator('h1')).toHaveText(/Bea's look at the prices/);
  const marked = await api(page, 'GET', `/groups/${groupId}/notebooks`);
  expect(marked.notebooks.map((n: { path: string }) => n.path)).toEqual([path]);

  expect(errors).toEqual([]);
});
