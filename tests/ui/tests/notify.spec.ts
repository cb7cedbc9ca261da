import { expect, galata, test } from '@jupyterlab/galata';

import { api, API, consoleErrors, openDirectory, SHOTS } from './helpers';

const GROUP = 'Notify circle';
const QUESTION = 'Why is my merge empty?';

// The person turned "Tell me when my question is answered" on (Settings > Study groups).
test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'nerdup-lab:plugin': { notifyAnswerToMyQuestion: true }
  }
});

test('a teammate answers my question: the lab tells me, and its action opens the question', async ({
  page
}) => {
  const errors = consoleErrors(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  // Members-only: the event bus then carries ids only, and the lab reads the rest.
  const group = await api(page, 'POST', '/groups', {
    title: GROUP,
    visibility: 'members'
  });
  const question = await api(page, 'POST', `/groups/${group.id}/questions`, {
    title: QUESTION
  });

  const sidebar = await openDirectory(page);
  await sidebar
    .locator('.jp-NerdUp-cards')
    .getByRole('button', { name: GROUP, exact: true })
    .click();
  const nav = sidebar.locator('.jp-NerdUp-navigator');
  await expect(nav.getByRole('heading', { name: GROUP })).toBeVisible();
  await expect(nav).toContainText('1 member');
  // The lab hears the event bus: a member added (here through the API) shows in the
  // navigator without a reload. Only then does the teammate answer.
  await api(page, 'POST', `/groups/${group.id}/members`, {
    username: 'bea',
    role: 'participant'
  });
  await expect(nav).toContainText('2 members');

  const answered = await page.request.post(
    `${API}/questions/${question.id}/answers`,
    {
      data: { body: 'Check that both keys have the same type.' },
      headers: { 'X-Nerdup-Test-User': 'bea' }
    }
  );
  expect(answered.status()).toBe(201);

  const toast = page
    .locator('.Toastify__toast')
    .filter({ hasText: 'answered your question' });
  await expect(toast).toContainText(
    `Bea answered your question “${QUESTION}”.`
  );
  await expect(toast).toBeVisible();
  // Toastify slides a toast in from the right; once wholly in view, a person reads it.
  await expect(toast).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: `${SHOTS}/notify-answer.png` });
  await toast.getByRole('button', { name: 'Read the answer' }).click();

  const room = page.locator(
    `.jp-NerdUp-roomLayout[data-group-id="${group.id}"]`
  );
  await expect(room.getByRole('tab', { selected: true })).toHaveText(
    'Questions'
  );
  const item = room.locator(
    `.jp-NerdUp-question[data-question-id="${question.id}"]`
  );
  await expect(item).toHaveClass(/jp-mod-highlighted/);
  await expect(item).toContainText('Check that both keys have the same type.');
  expect(errors).toEqual([]);
});
