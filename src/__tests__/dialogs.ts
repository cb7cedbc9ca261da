/**
 * Driving a JupyterLab Dialog in jsdom as a user would: find it, type into its fields,
 * press its buttons, wait for it to change (this module is no spec itself).
 */
import { Dialog } from '@jupyterlab/apputils';

export { until } from './until';

/** The open dialog, if any. */
export const dialog = (): HTMLElement | null =>
  document.querySelector<HTMLElement>('.jp-Dialog');

/** The dialog's button with this text. */
export const dialogButton = (label: string): HTMLButtonElement | undefined =>
  [...document.querySelectorAll<HTMLButtonElement>('.jp-Dialog-button')].find(
    b => b.textContent?.trim() === label
  );

/** The field a label (with exactly this text) names, inside the dialog. */
export function field<T extends HTMLElement = HTMLInputElement>(
  label: string
): T {
  const labelNode = [...dialog()!.querySelectorAll('label')].find(
    l => l.textContent === label
  );
  if (!labelNode) {
    throw new Error(`no field "${label}" in ${dialog()?.outerHTML}`);
  }
  // A label names the field by its id, or holds it (a checkbox).
  return (
    labelNode.htmlFor
      ? document.getElementById(labelNode.htmlFor)
      : labelNode.querySelector('input, select, textarea')
  ) as T;
}

/** Type into a React-controlled field as a user would. */
export function type(target: Element | null, value: string): void {
  const input = target as HTMLInputElement;
  const proto = Object.getPrototypeOf(input);
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Close whatever dialog a test left open (a dialog waits for the one before it). */
export function closeDialogs(): void {
  // Cancel, as a user would: `Dialog.flush()` alone disposes them, which rejects the
  // promise the code under test awaits, an unhandled rejection once the test is over.
  Dialog.tracker.forEach(d => d.reject());
  Dialog.flush();
  document.querySelectorAll('.jp-Dialog').forEach(d => d.remove());
}
