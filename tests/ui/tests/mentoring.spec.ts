import { expect, test } from '@jupyterlab/galata';
import { execFileSync } from 'child_process';

import {
  api,
  consoleErrors,
  openGroup,
  openSidebar,
  shootThemes
} from './helpers';

const GROUP = 'Regression reading circle';
const QUESTION = 'Why does the residual plot fan out?';

test.describe.serial('Mentoring', () => {
  test('a mentor sees an unanswered question and opens it in its group', async ({
    page
  }) => {
    const errors = consoleErrors(page);
    await page.setViewportSize({ width: 1280, height: 1000 });
    const me: string = (await api(page, 'GET', '/me')).user.username;
    // The name people see: jupyter-server's own identity of this browser.
    const { identity } = await api(page, 'GET', '/api/me');

    // The test's only user starts the group (a mentorship stream of their own), asks,
    // makes bob a second organizer, and then, through the lab, stays its organizer and
    // mentors it too (#16: a mentor may also organise).
    const group = await api(page, 'POST', '/groups', {
      title: GROUP,
      description: 'Chapter by chapter, with notebooks.'
    });
    await api(page, 'POST', `/groups/${group.id}/milestones`, {
      title: 'Linear models',
      status: 'active'
    });
    await api(page, 'POST', `/groups/${group.id}/questions`, {
      title: 'Which chapter do we read first?'
    });
    await api(page, 'POST', `/groups/${group.id}/questions`, {
      title: QUESTION,
      body: 'The spread grows with the **fitted value**.'
    });
    await api(page, 'POST', `/groups/${group.id}/members`, {
      username: 'bob',
      role: 'organizer'
    });
    const room = await openGroup(page, GROUP);
    await room.section('Settings');
    const mine = room.view.getByRole('checkbox', {
      name: `${me} mentors the group too`
    });
    await mine.click(); // saved at once; the box shows what the server stored
    await expect(mine).toBeChecked();
    await shootThemes(
      page,
      'mentoring-organizer-mentors',
      room.view.locator('.jp-NerdUp-settingsMembers')
    );
    await room.sidebar
      .getByRole('button', { name: 'Back to all groups' })
      .click();

    await openSidebar(page);
    const sidebar = page.locator('#nerdup-sidebar');
    const mentoring = sidebar.getByRole('region', { name: 'Mentoring' });
    const open = mentoring.getByRole('button', {
      name: `Open question “${QUESTION}” in ${GROUP}`
    });
    await expect(open).toBeVisible();
    await expect(
      mentoring.locator('.jp-NerdUp-mentoringItem', { hasText: QUESTION })
    ).toContainText(`${GROUP} · asked by ${identity.display_name}`);
    // A milestone made a minute ago is not stale (14 days by default).
    await expect(
      mentoring.getByRole('list', { name: 'Stale milestones' })
    ).toHaveCount(0);
    await shootThemes(page, 'mentoring-directory', sidebar);

    // Keyboard: focus the question's link and press Enter.
    await open.focus();
    await page.keyboard.press('Enter');
    // The question in the group's room, in its Questions section.
    const view = page.locator('.jp-NerdUp-roomLayout');
    await expect(view.getByRole('heading', { name: GROUP })).toBeVisible();
    await expect(
      view.getByRole('tab', { name: 'Questions', exact: true })
    ).toHaveAttribute('aria-selected', 'true');
    const asked = view.locator('.jp-NerdUp-question', { hasText: QUESTION });
    await expect(asked).toHaveClass(/jp-mod-highlighted/);
    await expect(asked.getByRole('button', { name: QUESTION })).toBeFocused();
    await expect(asked.locator('strong')).toHaveText('fitted value');
    await expect(
      view.locator('.jp-NerdUp-question', { hasText: 'Which chapter' })
    ).not.toHaveClass(/jp-mod-highlighted/);
    await shootThemes(
      page,
      'mentoring-question',
      view.locator('.jp-NerdUp-questions')
    );

    // Three weeks on: Bea, a participant, claimed a task and has not done her part of the
    // reading everyone does (the walk's past moved back 21 days in the database, as time
    // cannot pass in a test). The mentor sees it as work that stalled, by person.
    const stage = (await api(page, 'GET', `/groups/${group.id}/milestones`))
      .milestones[0];
    const bob = { 'X-Nerdup-Test-User': 'bob' };
    const bea = { 'X-Nerdup-Test-User': 'bea' };
    await api(
      page,
      'POST',
      `/groups/${group.id}/members`,
      { role: 'participant' },
      bea
    );
    await api(
      page,
      'POST',
      `/milestones/${stage.id}/tasks`,
      { title: 'Read chapter 3', per_member: true },
      bob
    );
    const fit = await api(
      page,
      'POST',
      `/milestones/${stage.id}/tasks`,
      { title: 'Fit the first model' },
      bob
    );
    await api(page, 'POST', `/tasks/${fit.id}/claim`, undefined, bea);
    execFileSync('python', [
      'backdate.py',
      process.env.NERDUP_UI_DB_URL!,
      String(group.id),
      '21'
    ]);
    // Back in the directory, where the Mentoring section is.
    await sidebar.getByRole('button', { name: 'Back to all groups' }).click();
    const stalled = mentoring.getByRole('list', { name: 'Stalled work' });
    // The organisers (bob, and the mentor herself, who organises too) are doers of the
    // reading as well, as the group's progress counts them.
    const items = stalled.locator('li');
    await expect(items).toHaveCount(4);
    await expect(items.first()).toHaveText(
      `Bea claimed “Fit the first model”${GROUP} · claimed 21 days ago, no snapshot since`
    );
    for (const who of ['Bea', 'Bob', identity.display_name]) {
      await expect(
        stalled.getByText(`${who} has not done their part of “Read chapter 3”`)
      ).toHaveCount(1);
    }
    await shootThemes(page, 'mentoring-stalled', mentoring);

    // Leaving the group (in People): no longer a mentor anywhere, the section goes away.
    await view.getByRole('tab', { name: 'People', exact: true }).click();
    await view.getByRole('button', { name: 'Leave group' }).click();
    await page
      .locator('.jp-Dialog')
      .getByRole('button', { name: 'Leave group' })
      .click();
    await expect(sidebar.locator('.jp-NerdUp-directory')).toBeVisible();
    await expect(
      sidebar
        .locator('.jp-NerdUp-cards')
        .getByRole('button', { name: GROUP, exact: true })
    ).toBeVisible();
    await expect(mentoring).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});
