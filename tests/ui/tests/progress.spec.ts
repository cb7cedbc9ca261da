import { expect, test } from '@jupyterlab/galata';

import { api, consoleErrors, openGroup, shootThemes } from './helpers';

/** A request as a teammate (the test server names them by this header). */
const as = (name: string) => ({ 'X-Nerdup-Test-User': name });

test('a learning club round: everyone does their part, the dashboard counts it', async ({
  page
}) => {
  test.setTimeout(150_000);
  const errors = consoleErrors(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  const title = 'Progress round';
  const start = new Date(Date.now() - 3 * 864e5).toISOString().slice(0, 10);
  // Members-only, so the group stays out of other tests' directory.
  const group = await api(page, 'POST', '/groups', {
    title,
    visibility: 'members',
    start_date: start,
    template: 'learning-club-round'
  });
  for (const name of ['ada', 'ben', 'cleo']) {
    await api(page, 'POST', `/groups/${group.id}/members`, {
      username: name,
      role: 'participant'
    });
  }
  const { milestones } = await api(
    page,
    'GET',
    `/groups/${group.id}/milestones`
  );
  const [first, second] = milestones;
  const goal = first.tasks.find(
    (t: any) => t.title === 'Pick your own small goal'
  );
  const kickoff = first.tasks.find((t: any) => t.per_member === false);
  expect(goal.per_member).toBe(true);
  // Two of the four doers (me, ada, ben, cleo) did their part; the kick-off is done.
  await api(page, 'POST', `/tasks/${goal.id}/completion`, undefined, as('ada'));
  await api(page, 'POST', `/tasks/${goal.id}/completion`, undefined, as('ben'));
  await api(
    page,
    'PATCH',
    `/tasks/${kickoff.id}`,
    { status: 'done' },
    {
      'If-Match': `"${kickoff.version}"`
    }
  );
  const work = second.tasks[0];
  await api(page, 'POST', `/tasks/${work.id}/completion`, undefined, as('ada'));

  // The plan shows "2 of 4 done"; I do my part from the row.
  await page.evaluate(async id => {
    await (window as any).jupyterapp.commands.execute('nerdup:open-group', {
      groupId: id,
      section: 'plan'
    });
  }, group.id);
  const room = page.locator(`#nerdup-group-${group.id}`);
  const row = room.locator(`[data-task-id="${goal.id}"]`);
  await expect(row).toContainText('2 of 4 done');
  await expect(row).toContainText('everyone does this one');
  await row.getByRole('button', { name: 'I did my part' }).click();
  await expect(row).toContainText('3 of 4 done');
  await expect(row.getByRole('button', { name: 'Undo my part' })).toBeVisible();
  await shootThemes(page, 'progress-everyone-task', row);

  // The server's figures: the kick-off (1) + 3/4 of the goal (1) + 1/4 of the work (3).
  const progress = await api(page, 'GET', `/groups/${group.id}/progress`);
  expect(progress.group.done_weight).toBe(2.5);

  // The dashboard draws the server's series: the same numbers, two requests.
  const { view } = await openGroup(page, title);
  await expect(view).toBeVisible();
  const requests: string[] = [];
  page.on('request', r => {
    if (r.url().includes('/nerdup/api/v1/')) {
      requests.push(new URL(r.url()).pathname.replace(/.*\/api\/v1/, ''));
    }
  });
  await page.evaluate(async () => {
    await (window as any).jupyterapp.commands.execute('nerdup:open-dashboard');
  });
  const dashboard = page.locator('[data-testid="nerdup-dashboard"]');
  await expect(
    dashboard.getByRole('heading', { name: `Progress of ${title}` })
  ).toBeVisible();
  const total = progress.group.total_weight;
  await expect(dashboard.locator('.jp-NerdUp-dashSummary')).toContainText(
    `${progress.group.percent}% done · ${progress.group.tasks_done} of ${progress.group.tasks_total} tasks`
  );
  await expect(dashboard.locator('svg.jp-NerdUp-burnup')).toHaveAttribute(
    'aria-label',
    new RegExp(`Burn-up: 2.5 of ${total} weight done`)
  );
  await expect(dashboard.locator('.jp-NerdUp-milestoneChart g')).toHaveCount(4);
  await expect(
    dashboard.locator('.jp-NerdUp-contributionChart g[aria-label^="ada:"]')
  ).toHaveAttribute('aria-label', 'ada: 0 snapshots, 2 tasks done');
  // Each member's own progress: ada did her part of two of the four tasks everyone does.
  const members = dashboard.locator('.jp-NerdUp-memberProgress');
  await expect(members.locator('tr[data-username="ada"]')).toContainText(
    '2 of 4 done'
  );
  await expect(members.locator('tr[data-username="cleo"]')).toContainText(
    '0 of 4 done'
  );
  await shootThemes(
    page,
    'progress-members',
    dashboard.locator('section[aria-labelledby="nerdup-dash-members"]')
  );
  expect(requests.filter(p => p.includes('/snapshots'))).toEqual([]);
  expect(requests).toContain(`/groups/${group.id}/progress/series`);
  await shootThemes(page, 'progress-dashboard', dashboard);

  expect(errors).toEqual([]);
});
