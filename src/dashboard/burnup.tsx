import * as React from 'react';

import { TranslationBundle } from '@jupyterlab/translation';

import { IPalette } from './palette';
import { IBurnUp, IPoint } from './series';

const W = 640;
const H = 260;
const PAD = { left: 44, right: 16, top: 16, bottom: 32 };

function day(t: number): string {
  return new Date(t).toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric'
  });
}

/** Evenly spaced whole-number ticks from 0 to max (at most 5). */
export function yTicks(max: number): number[] {
  const step = Math.max(1, Math.ceil(max / 4));
  const ticks: number[] = [];
  for (let v = 0; v <= max; v += step) {
    ticks.push(v);
  }
  return ticks;
}

/** Step path through the points, carried on to `until`. */
function stepPath(
  points: IPoint[],
  x: (t: number) => number,
  y: (v: number) => number,
  until: number
): string {
  let d = `M${x(points[0].t)},${y(points[0].v)}`;
  for (let i = 1; i < points.length; i++) {
    d += ` H${x(points[i].t)} V${y(points[i].v)}`;
  }
  return d + ` H${x(until)}`;
}

/** Progress over time (burn-up) against scope, the ideal pace and the deadline. */
export function BurnUpChart(props: {
  data: IBurnUp;
  palette: IPalette;
  trans: TranslationBundle;
}): JSX.Element {
  const { data, palette: p, trans } = props;
  const x = (t: number) =>
    PAD.left +
    ((t - data.start) / Math.max(1, data.end - data.start)) *
      (W - PAD.left - PAD.right);
  const y = (v: number) =>
    H - PAD.bottom - (v / data.max) * (H - PAD.top - PAD.bottom);
  const done = data.done[data.done.length - 1].v;
  const scope = data.scope[data.scope.length - 1].v;
  const summary = trans.__(
    'Burn-up: %1 of %2 weight done; deadline %3.',
    done,
    scope,
    data.deadline !== null ? day(data.deadline) : trans.__('none')
  );
  const doneUntil = Math.min(data.today, data.end);
  return (
    <svg
      className="jp-NerdUp-chart jp-NerdUp-burnup"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={summary}
    >
      <title>{summary}</title>
      {yTicks(data.max).map(v => (
        <g key={v}>
          <line
            x1={PAD.left}
            x2={W - PAD.right}
            y1={y(v)}
            y2={y(v)}
            style={{ stroke: p.grid }}
          />
          <text
            x={PAD.left - 6}
            y={y(v) + 4}
            textAnchor="end"
            style={{ fill: p.muted }}
            fontSize="11"
          >
            {v}
          </text>
        </g>
      ))}
      <text x={PAD.left} y={H - 10} style={{ fill: p.muted }} fontSize="11">
        {day(data.start)}
      </text>
      <text
        x={W - PAD.right}
        y={H - 10}
        textAnchor="end"
        style={{ fill: p.muted }}
        fontSize="11"
      >
        {day(data.end)}
      </text>
      {data.ideal ? (
        <line
          x1={x(data.ideal[0].t)}
          y1={y(data.ideal[0].v)}
          x2={x(data.ideal[1].t)}
          y2={y(data.ideal[1].v)}
          style={{ stroke: p.ideal }}
          strokeDasharray="2 4"
          strokeWidth="1.5"
        />
      ) : null}
      <path
        d={stepPath(data.scope, x, y, data.end)}
        fill="none"
        style={{ stroke: p.scope }}
        strokeDasharray="6 4"
        strokeWidth="1.5"
      />
      <path
        d={
          stepPath(data.done, x, y, doneUntil) + ` V${y(0)} H${x(data.start)} Z`
        }
        style={{ fill: p.done }}
        fillOpacity="0.15"
        stroke="none"
      />
      <path
        d={stepPath(data.done, x, y, doneUntil)}
        fill="none"
        style={{ stroke: p.done }}
        strokeWidth="2.5"
      />
      <line
        x1={x(data.today)}
        x2={x(data.today)}
        y1={PAD.top}
        y2={H - PAD.bottom}
        style={{ stroke: p.today }}
      />
      <text
        x={x(data.today) + 4}
        y={PAD.top + 10}
        style={{ fill: p.today }}
        fontSize="11"
      >
        {trans.__('today')}
      </text>
      {data.deadline !== null ? (
        <g>
          <line
            x1={x(data.deadline)}
            x2={x(data.deadline)}
            y1={PAD.top}
            y2={H - PAD.bottom}
            style={{ stroke: p.deadline }}
            strokeWidth="2"
          />
          <text
            x={x(data.deadline) - 4}
            y={PAD.top + 24}
            textAnchor="end"
            style={{ fill: p.deadline }}
            fontSize="11"
          >
            {trans.__('deadline %1', day(data.deadline))}
          </text>
        </g>
      ) : null}
    </svg>
  );
}
