import { expect, test } from '@jupyterlab/galata';
import { Locator, Page, request } from '@playwright/test';

import {
  api,
  consoleErrors,
  openGroup,
  openRoom,
  shootThemes
} from './helpers';

/** A screenshot of `target` in the light and the dark theme. */
const shoot = (page: Page, name: string, target: Locator) =>
  shootThemes(page, `rhythm-${name}`, target);

const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { language_info: { name: 'python' } },
  cells: [
    {
      cell_type: 'markdown',
      id: 'intro',
      metadata: {},
      source: '# What the reviews say\nA first look.'
    },
    {
      cell_type: 'code',
      id: 'load',
      metadata: { tags: ['hide-input'] },
      execution_count: 1,
      source: 'df = load_reviews()',
      outputs: [
        { output_type: 'stream', name: 'stdout', text: '568454 rows\n' }
      ]
    }
  ]
};

/** A group with a session going on now, a task, and a committed snapshot. */
async function makeGroup(page: Page, title: string): Promise<number> {
  const group = await api(page, 'POST', '/groups', {
    title,
    description: 'Co-coding on Thursdays.'
  });
  const milestone = await api(page, 'POST', `/groups/${group.id}/milestones`, {
    title: 'Explore the reviews',
    status: 'active'
  });
  await api(page, 'POST', `/milestones/${milestone.id}/tasks`, {
    title: 'Plot review lengths',
    next_session: true
  });
  const started = new Date(Date.now() - 5 * 60e3).toISOString();
  await api(page, 'POST', `/groups/${group.id}/sessions`, {
    title: 'Thursday co-coding',
    starts_at: started,
    duration_minutes: 120,
    recurrence: 'weekly',
    place: 'Library, room 2',
    link: 'https://meet.example.org/club'
  });
  await api(page, 'PUT', '/api/contents/reviews.ipynb', {
    type: 'notebook',
    format: 'json',
    content: NOTEBOOK
  });
  await api(page, 'POST', `/groups/${group.id}/snapshots`, {
    path: 'reviews.ipynb',
    message: 'first look'
  });
  return group.id;
}

test.describe.serial('The rhythm of a group', () => {
  test('check in, ask and answer, export a post', async ({ page }) => {
    const errors = consoleErrors(page);
    await page.setViewportSize({ width: 1280, height: 1100 });
    await makeGroup(page, 'Fine food club');
    const { sidebar, nav, view, section } = await openGroup(
      page,
      'Fine food club'
    );
    await expect(
      view.getByRole('heading', { name: 'Fine food club' })
    ).toBeVisible();

    // Check-in: one click while the session's window is open.
    await section('Sessions');
    const sessions = view.locator('.jp-NerdUp-sessions');
    await expect(sessions.getByText('Thursday co-coding')).toBeVisible();
    await expect(sessions.getByText('Plot review lengths')).toBeVisible();
    await sessions.getByRole('button', { name: 'Check in' }).click();
    await expect(
      sessions.getByRole('button', { name: 'Checked in' })
    ).toBeDisabled();
    await expect(sessions.locator('.jp-NerdUp-attendees')).toContainText(
      'Present:'
    );
    await shoot(page, 'sessions', sessions);

    // At the end of a session: pick tasks for the next one, then edit the recap.
    await sessions
      .getByRole('button', { name: 'Plan the next session' })
      .click();
    const picker = sessions.getByRole('group', {
      name: 'Tasks for the next session'
    });
    await expect(picker.getByLabel('Plot review lengths')).toBeChecked();
    await picker
      .getByRole('button', { name: 'Put on the next agenda' })
      .click();
    await expect(picker).toHaveCount(0);
    // The session is still going on: its recap is tonight's, not the last session's.
    await section('Overview');
    const recap = view
      .locator('.jp-NerdUp-recap')
      .filter({ hasText: "Tonight's recap" });
    await recap.locator('summary').click();
    await expect(recap).toContainText('Who came:');
    await recap.getByRole('button', { name: 'Edit recap' }).click();
    await recap
      .getByLabel('Recap (markdown)')
      .fill('We plotted **review lengths** together.');
    await recap.getByRole('button', { name: 'Save recap' }).click();
    await expect(recap.locator('strong')).toHaveText('review lengths');
    await shoot(page, 'brief', view.locator('.jp-NerdUp-rhythmBrief'));

    // Ask, then answer, accept and resolve: it moves to the FAQ.
    await section('Questions');
    const questions = view.locator('.jp-NerdUp-questions');
    await questions.getByRole('button', { name: 'Ask a question' }).click();
    const ask = questions.getByRole('form', { name: 'Ask the group' });
    await ask
      .getByLabel('Question', { exact: true })
      .fill('Why are scores skewed?');
    await ask
      .getByLabel('Details (markdown)')
      .fill(
        'Most reviews are **5 stars**. <img src=x onerror="window.__xss=1">'
      );
    await ask.getByRole('button', { name: 'Ask', exact: true }).click();
    const item = questions.locator('.jp-NerdUp-question').first();
    await expect(item).toHaveAttribute('data-status', 'open');
    await section('Overview');
    await expect(view.locator('.jp-NerdUp-unanswered')).toContainText(
      'Why are scores skewed?'
    );
    await section('Questions');
    await item.getByRole('button', { name: 'Why are scores skewed?' }).click();
    await expect(item.locator('.jp-NerdUp-questionBody strong')).toHaveText(
      '5 stars'
    );
    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    await item.getByRole('button', { name: 'Answer', exact: true }).click();
    const answer = item.getByRole('form', { name: 'Your answer' });
    await answer
      .getByLabel('Answer (markdown)')
      .fill('Happy customers review more: *selection bias*.');
    await answer.getByRole('button', { name: 'Answer', exact: true }).click();
    await expect(item).toHaveAttribute('data-status', 'answered');
    await item.locator('.jp-NerdUp-answer button[title="Upvote"]').click();
    await item.getByRole('button', { name: 'Accept' }).click();
    await expect(item).toHaveAttribute('data-status', 'accepted');
    await expect(item.locator('.jp-NerdUp-answer.jp-mod-accepted')).toHaveCount(
      1
    );
    await shoot(page, 'questions', questions);
    await item.getByRole('button', { name: 'Mark resolved' }).click();
    await expect(questions.getByText('FAQ (1)')).toBeVisible();
    await section('Overview');
    await expect(view.locator('.jp-NerdUp-unanswered')).toHaveCount(0);

    // Export the snapshot as a blog post into the workspace.
    await section('Showcase');
    const showcase = view.locator('.jp-NerdUp-showcase');
    await showcase.getByRole('button', { name: 'Export as blog post' }).click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog.getByText('Markdown, images as files')).toBeVisible();
    await shoot(page, 'export-dialog', dialog.locator('.jp-Dialog-content'));
    await dialog.getByRole('button', { name: 'Export' }).click();
    await expect(page.getByRole('tab', { name: /reviews\.md/ })).toBeVisible();
    const written = await api(page, 'GET', '/api/contents/posts/reviews.md');
    expect(written.content).toContain('# What the reviews say');
    expect(written.content).toContain('568454 rows');
    expect(written.content).not.toContain('load_reviews');

    // Exporting again asks before replacing: back in the room (the post took the front).
    await openRoom(page, nav, 'Fine food club');
    await showcase.getByRole('button', { name: 'Export as blog post' }).click();
    await page
      .locator('.jp-Dialog')
      .getByRole('button', { name: 'Export' })
      .click();
    const replace = page.locator('.jp-Dialog');
    await expect(replace.getByText('Replace the existing post?')).toBeVisible();
    await replace.getByRole('button', { name: 'Keep it' }).click();

    await shoot(page, 'showcase', showcase);

    // The community view: upcoming sessions of every open group, in the directory.
    await sidebar.getByRole('button', { name: 'Back to all groups' }).click();
    const community = sidebar.locator('.jp-NerdUp-community');
    await expect(community).toContainText('Fine food club');
    await expect(community).toContainText('Thursday co-coding');
    await shoot(page, 'community', community);
    // The 409 is the expected answer to the second export (files exist).
    const unexpected = errors.filter(
      e => !e.includes('favicon') && !e.includes('409 (Conflict)')
    );
    expect(unexpected).toEqual([]);
  });
  test('an organizer edits a session (a stale save kept) and cancels it', async ({
    page
  }) => {
    const errors = consoleErrors(page);
    await page.setViewportSize({ width: 1280, height: 1000 });
    const group = await api(page, 'POST', '/groups', {
      title: 'Board game coders',
      visibility: 'members'
    });
    const session = await api(page, 'POST', `/groups/${group.id}/sessions`, {
      title: 'Board games night',
      starts_at: new Date(Date.now() + 2 * 864e5).toISOString(),
      place: 'Library, room 2'
    });
    const { view, section } = await openGroup(page, 'Board game coders');
    await section('Sessions');
    const sessions = view.locator('.jp-NerdUp-sessions');
    await expect(sessions.getByText('Board games night')).toBeVisible();
    await shoot(page, 'session-actions', sessions);

    // Edit: a dialog prefilled with the schedule form's fields, from the keyboard.
    await sessions
      .getByRole('button', { name: 'Edit session Board games night' })
      .focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('Edit session “Board games night”');
    await expect(dialog.getByLabel('Place')).toHaveValue('Library, room 2');
    await expect(dialog.getByLabel('Every week')).not.toBeChecked();
    // The dialog puts the focus on its first field once it is shown: typing before that
    // lands (on a loaded machine) in that field instead ("2026-12-05 17:09Plotting night").
    await expect(dialog.getByLabel('Starts (date and time)')).toBeFocused();
    await dialog.getByLabel('Title').fill('Plotting night');
    await dialog.getByLabel('Place').fill('Café Central');
    await shoot(page, 'session-edit', dialog.locator('.jp-Dialog-content'));

    // Meanwhile another organizer adds the online link: the save is stale, and the
    // dialog says so inline, with their link and the text typed here.
    await api(
      page,
      'PATCH',
      `/sessions/${session.id}`,
      { link: 'https://meet.example.org/board' },
      { 'If-Match': `"${session.version}"` }
    );
    await dialog.getByRole('button', { name: 'Save' }).click();
    const conflict = dialog.locator('.jp-NerdUp-conflict');
    await expect(conflict).toContainText('Someone else changed this session');
    await expect(conflict).toContainText('https://meet.example.org/board');
    await expect(dialog.getByLabel('Title')).toHaveValue('Plotting night');
    await expect(dialog.getByLabel('Place')).toHaveValue('Café Central');
    await shoot(page, 'session-stale', dialog.locator('.jp-Dialog-content'));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    const item = sessions.locator('.jp-NerdUp-session');
    await expect(item).toContainText('Plotting night');
    await expect(item).toContainText('Café Central');
    await expect(item.getByRole('link', { name: 'Join online' })).toBeVisible();

    // Cancel: a confirmation naming the session and its date; keeping it is the default.
    await sessions
      .getByRole('button', { name: 'Cancel session Plotting night' })
      .click();
    const confirm = page.locator('.jp-Dialog');
    await expect(confirm).toContainText('Cancel session “Plotting night” on');
    await shoot(page, 'session-cancel', confirm.locator('.jp-Dialog-content'));
    await confirm.getByRole('button', { name: 'Cancel session' }).click();
    await expect(confirm).toHaveCount(0);
    await expect(sessions).toContainText('No session scheduled.');
    await expect(sessions.locator('.jp-NerdUp-session')).toHaveCount(0);
    const left = await api(page, 'GET', `/groups/${group.id}/sessions`);
    expect(left.sessions).toEqual([]);
    // The 409 is the expected answer to the stale save.
    expect(
      errors.filter(
        e => !e.includes('favicon') && !e.includes('409 (Conflict)')
      )
    ).toEqual([]);
  });

  test('a member subscribes to their sessions in a calendar app, then stops the link', async ({
    page,
    baseURL
  }) => {
    const errors = consoleErrors(page);
    await page.setViewportSize({ width: 1280, height: 1000 });
    const group = await api(page, 'POST', '/groups', {
      title: 'Calendar coders',
      visibility: 'members'
    });
    await api(page, 'POST', `/groups/${group.id}/sessions`, {
      title: 'Sofia evening',
      starts_at: new Date(Date.now() + 3 * 864e5).toISOString(),
      timezone: 'Europe/Sofia',
      recurrence: 'weekly'
    });
    const { view, section } = await openGroup(page, 'Calendar coders');
    await section('Sessions');
    const sessions = view.locator('.jp-NerdUp-sessions');
    await expect(sessions.getByText('Sofia evening')).toBeVisible();
    await sessions
      .getByRole('button', { name: 'Subscribe in my calendar' })
      .click();
    const address = sessions.locator('.jp-NerdUp-calendarAddress input');
    await expect(address).toHaveValue(
      new RegExp(`^${baseURL}/nerdup/api/v1/calendar/feeds/[^/]+\\.ics$`)
    );
    await shoot(page, 'calendar-link', sessions);
    const url = await address.inputValue();

    // A calendar app has no login: a fresh client with no cookie and no token.
    const app = await request.newContext();
    const feed = await app.get(url);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toContain('text/calendar');
    const text = await feed.text();
    expect(text).toContain('SUMMARY:Sofia evening');
    expect(text).toContain('TZID=Europe/Sofia');

    // Stopping it asks first; afterwards the address answers 404.
    await sessions.getByRole('button', { name: 'Stop the link' }).click();
    const confirm = page.locator('.jp-Dialog');
    await expect(confirm).toContainText('Stop your calendar link?');
    await confirm.getByRole('button', { name: 'Stop the link' }).click();
    await expect(confirm).toHaveCount(0);
    await expect(
      sessions.getByRole('button', { name: 'Subscribe in my calendar' })
    ).toBeVisible();
    expect((await app.get(url)).status()).toBe(404);
    await app.dispose();
    expect(errors.filter(e => !e.includes('favicon'))).toEqual([]);
  });
});
