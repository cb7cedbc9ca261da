import * as React from 'react';

import { ISignal, Signal } from '@lumino/signaling';

/** How long a request waits for its question to show up (the group loads meanwhile). */
const PATIENCE_MS = 15000;

/**
 * A request to bring one question into view once its group is open in the sidebar: the
 * Mentoring section asks for it, the group's question list answers when the question is
 * on screen. One per sidebar model (see `questionFocus`).
 */
export class QuestionFocus {
  /** A question was asked for. */
  get requested(): ISignal<this, void> {
    return this._requested;
  }

  /** Ask for question `questionId` to be shown, scrolled to and highlighted. */
  request(questionId: number): void {
    this._pending = { questionId, until: Date.now() + PATIENCE_MS };
    this._requested.emit();
  }

  /** True, once, when `questionId` is the question asked for: the request is then done. */
  take(questionId: number): boolean {
    const pending = this._pending;
    if (!pending || pending.until < Date.now()) {
      this._pending = null;
      return false;
    }
    if (pending.questionId !== questionId) {
      return false;
    }
    this._pending = null;
    return true;
  }

  private _pending: { questionId: number; until: number } | null = null;
  private _requested = new Signal<this, void>(this);
}

const focuses = new WeakMap<object, QuestionFocus>();

/** The question focus of a sidebar, keyed by its model. */
export function questionFocus(model: object): QuestionFocus {
  let found = focuses.get(model);
  if (!found) {
    found = new QuestionFocus();
    focuses.set(model, found);
  }
  return found;
}

/**
 * For a question's title button: when this question is asked for, `onShow` runs (to
 * expand it), the button is focused and scrolled into view, and `highlighted` stays true
 * until focus leaves the question (call `onBlur` from the question's element).
 */
export function useQuestionFocus(
  model: object,
  questionId: number,
  onShow: () => void
): {
  ref: React.RefObject<HTMLButtonElement>;
  highlighted: boolean;
  onBlur: (event: React.FocusEvent<HTMLElement>) => void;
} {
  const ref = React.useRef<HTMLButtonElement>(null);
  const [highlighted, setHighlighted] = React.useState(false);
  const show = React.useRef(onShow);
  show.current = onShow;

  React.useEffect(() => {
    const focus = questionFocus(model);
    const check = () => {
      if (focus.take(questionId)) {
        show.current();
        setHighlighted(true);
      }
    };
    check();
    focus.requested.connect(check);
    return () => {
      focus.requested.disconnect(check);
    };
  }, [model, questionId]);

  React.useEffect(() => {
    const button = ref.current;
    if (highlighted && button) {
      button.focus({ preventScroll: true });
      // jsdom has no scrollIntoView.
      button.scrollIntoView?.({ block: 'center' });
    }
  }, [highlighted]);

  const onBlur = React.useCallback((event: React.FocusEvent<HTMLElement>) => {
    const next = event.relatedTarget as Node | null;
    if (!next || !event.currentTarget.contains(next)) {
      setHighlighted(false);
    }
  }, []);

  return { ref, highlighted, onBlur };
}
