import * as React from 'react';

import { TranslationBundle } from '@jupyterlab/translation';

import { IMilestoneInfo } from './api';
import { IPalette } from './palette';
import { IContribution } from './series';

const W = 640;
const LABEL = 180;
/** Room right of the milestone bars for "100% · due Dec 24". */
const TAIL = 120;
const ROW = 28;

/** A label cut to fit the label column (the full text is in the tooltip). */
export function clip(text: string, max = 24): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function shortDay(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  return isNaN(t)
    ? date
    : new Date(t).toLocaleDateString(undefined, {
        month: 'short',
        day: 'numeric',
        timeZone: 'UTC'
      });
}

function stateColour(state: string | undefined, p: IPalette): string {
  return state === 'overdue'
    ? p.overdue
    : state === 'due_soon'
      ? p.dueSoon
      : p.onTrack;
}

/** One bar per milestone: share of its weight done, coloured by its deadline state. */
export function MilestoneChart(props: {
  milestones: IMilestoneInfo[];
  palette: IPalette;
  trans: TranslationBundle;
}): JSX.Element {
  const { milestones, palette: p, trans } = props;
  const width = W - LABEL - TAIL;
  const height = Math.max(ROW, milestones.length * ROW) + 4;
  return (
    <svg
      className="jp-NerdUp-chart jp-NerdUp-milestoneChart"
      viewBox={`0 0 ${W} ${height}`}
      role="img"
      aria-label={trans.__('Milestone completion')}
    >
      {milestones.length === 0 ? (
        <text x={0} y={18} style={{ fill: p.muted }} fontSize="12">
          {trans.__('No milestones yet.')}
        </text>
      ) : null}
      {milestones.map((m, i) => {
        const y = i * ROW + 4;
        const state = m.progress.deadline_state;
        const label = trans.__(
          '%1: %2% done (%3 of %4 tasks)%5',
          m.title,
          m.progress.percent,
          m.progress.tasks_done,
          m.progress.tasks_total,
          m.due ? trans.__(', due %1', m.due) : ''
        );
        return (
          <g key={m.id} aria-label={label}>
            <title>{label}</title>
            <text x={0} y={y + 15} style={{ fill: p.text }} fontSize="12">
              {clip(m.title)}
            </text>
            <rect
              x={LABEL}
              y={y + 3}
              width={width}
              height={ROW - 12}
              rx="3"
              style={{ fill: p.grid }}
            />
            <rect
              x={LABEL}
              y={y + 3}
              width={Math.max(0, Math.min(1, m.progress.fraction)) * width}
              height={ROW - 12}
              rx="3"
              style={{ fill: stateColour(state, p) }}
            />
            <text
              x={LABEL + width + 8}
              y={y + 15}
              style={{ fill: state === 'overdue' ? p.overdue : p.muted }}
              fontSize="12"
            >
              {m.due
                ? trans.__('%1% · due %2', m.progress.percent, shortDay(m.due))
                : `${m.progress.percent}%`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Snapshots and tasks done per member, as paired bars on a shared scale. */
export function ContributionChart(props: {
  rows: IContribution[];
  palette: IPalette;
  trans: TranslationBundle;
}): JSX.Element {
  const { rows, palette: p, trans } = props;
  const max = Math.max(1, ...rows.map(r => Math.max(r.snapshots, r.tasksDone)));
  const width = W - LABEL - 40;
  const height = Math.max(ROW, rows.length * (ROW + 6)) + 4;
  return (
    <svg
      className="jp-NerdUp-chart jp-NerdUp-contributionChart"
      viewBox={`0 0 ${W} ${height}`}
      role="img"
      aria-label={trans.__('Contributions per member')}
    >
      {rows.map((r, i) => {
        const y = i * (ROW + 6) + 4;
        const label = trans.__(
          '%1: %2 snapshots, %3 tasks done',
          r.username,
          r.snapshots,
          r.tasksDone
        );
        return (
          <g key={r.username} aria-label={label}>
            <title>{label}</title>
            <text x={0} y={y + 17} style={{ fill: p.text }} fontSize="12">
              {clip(r.username)}
            </text>
            <rect
              x={LABEL}
              y={y + 2}
              width={(r.snapshots / max) * width}
              height={11}
              rx="2"
              style={{ fill: p.snapshots }}
            />
            <text
              x={LABEL + (r.snapshots / max) * width + 4}
              y={y + 12}
              style={{ fill: p.muted }}
              fontSize="10"
            >
              {r.snapshots}
            </text>
            <rect
              x={LABEL}
              y={y + 15}
              width={(r.tasksDone / max) * width}
              height={11}
              rx="2"
              style={{ fill: p.tasks }}
            />
            <text
              x={LABEL + (r.tasksDone / max) * width + 4}
              y={y + 25}
              style={{ fill: p.muted }}
              fontSize="10"
            >
              {r.tasksDone}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A colour key: swatch and name per series. */
export function Legend(props: {
  items: Array<{ colour: string; label: string; dashed?: boolean }>;
}): JSX.Element {
  return (
    <ul className="jp-NerdUp-legend">
      {props.items.map(item => (
        <li key={item.label}>
          <svg width="18" height="10" aria-hidden="true">
            <line
              x1="0"
              x2="18"
              y1="5"
              y2="5"
              style={{ stroke: item.colour }}
              strokeWidth="3"
              strokeDasharray={item.dashed ? '4 3' : undefined}
            />
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
