import * as React from 'react';

import { TranslationBundle } from '@jupyterlab/translation';

import { noStageLabel } from '../model/derive';
import { DeadlineState, IGroup, IProgress } from '../model/types';
import { useSidebar } from './context';

/**
 * What stands where the stage would when no milestone is current: "Plan completed" only
 * when the server counts everything done; a group finished before that says so.
 */
export function planEndText(
  trans: TranslationBundle,
  group: Pick<IGroup, 'status' | 'progress'>,
  otherwise: string
): string {
  switch (noStageLabel(group)) {
    case 'complete':
      return trans.__('Plan completed');
    case 'finished':
      return trans.__('Finished · plan not completed');
    default:
      return otherwise;
  }
}

export interface IProgressBarProps {
  progress: IProgress;
  /** What the bar measures, for screen readers. */
  label: string;
  compact?: boolean;
}

/** A thin progress bar with "n%" and "done/total tasks" next to it. */
export function ProgressBar(props: IProgressBarProps): JSX.Element {
  const { trans } = useSidebar();
  const { progress, label, compact } = props;
  const percent = Math.max(0, Math.min(100, progress.percent));
  const state: DeadlineState = progress.deadline_state ?? 'on_track';
  return (
    <div
      className={`jp-NerdUp-progress jp-NerdUp-progress-${state}${compact ? ' jp-NerdUp-progress-compact' : ''}`}
    >
      <div
        className="jp-NerdUp-progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={trans.__(
          '%1% (%2 of %3 tasks done)',
          percent,
          progress.tasks_done,
          progress.tasks_total
        )}
      >
        <div
          className="jp-NerdUp-progress-fill"
          style={{ width: `${percent}%` }}
        />
      </div>
      <span className="jp-NerdUp-progress-text">
        {compact
          ? trans.__('%1%', percent)
          : trans.__(
              '%1% · %2/%3 tasks',
              percent,
              progress.tasks_done,
              progress.tasks_total
            )}
      </span>
    </div>
  );
}
