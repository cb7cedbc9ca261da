import * as React from 'react';

import { daysUntil } from '../model/derive';
import { useSidebar } from './context';

export interface IDeadlineProps {
  date: string | null;
  /** "Deadline" for a group, "Due" for a milestone. */
  kind?: 'deadline' | 'due';
  done?: boolean;
}

/** A date with a countdown: "Due 2026-12-01 · 3 days left". */
export function Deadline(props: IDeadlineProps): JSX.Element | null {
  const { trans } = useSidebar();
  const { date, kind = 'deadline', done = false } = props;
  if (!date) {
    return null;
  }
  const days = daysUntil(date);
  let left: string;
  let tone = 'ok';
  if (done) {
    left = trans.__('done');
  } else if (days > 1) {
    left = trans.__('%1 days left', days);
    tone = days <= 3 ? 'soon' : 'ok';
  } else if (days === 1) {
    left = trans.__('tomorrow');
    tone = 'soon';
  } else if (days === 0) {
    left = trans.__('today');
    tone = 'soon';
  } else {
    left = trans._n('%1 day overdue', '%1 days overdue', -days);
    tone = 'late';
  }
  const what =
    kind === 'due' ? trans.__('Due %1', date) : trans.__('Deadline %1', date);
  return (
    <span className={`jp-NerdUp-deadline jp-NerdUp-deadline-${tone}`}>
      <time dateTime={date}>{what}</time>
      {' · '}
      <span className="jp-NerdUp-countdown">{left}</span>
    </span>
  );
}
