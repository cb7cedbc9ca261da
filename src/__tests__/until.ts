/**
 * Waiting in a jsdom test for what a user would wait for: a condition, looked at again
 * after every DOM change (this module is no spec itself).
 */
import { act } from './reactroot';

/**
 * A test that waits longer than this has failed: far beyond anything a passing test needs,
 * so a loaded machine never fails a test that would pass, and the error still names what
 * was awaited (jest's own timeout would not).
 */
const UNTIL_LIMIT_MS = 20000;

/**
 * The next DOM change, or the next timer turn when nothing changes (a condition on the
 * fake server's calls changes no DOM): a wait on the condition, not a fixed sleep.
 */
function nextChange(): Promise<void> {
  return new Promise(resolve => {
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const observer = new MutationObserver(done);
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true
    });
    const timer = setTimeout(done, 10);
  });
}

/**
 * Wait (inside act, so pending answers and React's renders run) until `find` gives
 * something, looking again after every DOM change.
 */
export async function until<T>(find: () => T | null | undefined): Promise<T> {
  const deadline = Date.now() + UNTIL_LIMIT_MS;
  for (;;) {
    const found = find();
    if (found) {
      return found;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `waited ${UNTIL_LIMIT_MS / 1000} s for ${find.toString()}: ${
          document.querySelector('.jp-Dialog')?.outerHTML ?? 'no dialog'
        }`
      );
    }
    await act(nextChange);
  }
}
