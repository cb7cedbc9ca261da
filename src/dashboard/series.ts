import type { IProgressSeries, ISeriesPoint } from './api';

/** A point of a step series: at time `t` (ms since epoch) the value became `v`. */
export interface IPoint {
  t: number;
  v: number;
}

/**
 * The burn-up as the chart draws it: the server's series (GET /groups/{id}/progress/series,
 * computed by nerdup_lab/core/progress.py like every other progress figure) on a time axis.
 */
export interface IBurnUp {
  /** Done weight over time. */
  done: IPoint[];
  /** Total planned weight over time (the scope grows as tasks are added). */
  scope: IPoint[];
  /** From nothing at the start to the planned weight at the deadline. */
  ideal: [IPoint, IPoint] | null;
  start: number;
  /** The later of the deadline, the last completion and now. */
  end: number;
  deadline: number | null;
  today: number;
  /** Largest value on either series, for the y axis. */
  max: number;
}

export interface IContribution {
  username: string;
  snapshots: number;
  tasksDone: number;
}

function time(value: string): number {
  // Dates without a time are days in UTC ("2026-12-01").
  return Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
}

function points(items: readonly ISeriesPoint[]): IPoint[] {
  return items.map(p => ({ t: time(p.at), v: p.value }));
}

/** The server's series on the chart's time axis; nothing is recounted here. */
export function burnUpOf(series: IProgressSeries, now = Date.now()): IBurnUp {
  const done = points(series.done);
  const scope = points(series.scope);
  const ideal = series.ideal ? points(series.ideal) : null;
  return {
    done,
    scope,
    ideal: ideal && ideal.length === 2 ? [ideal[0], ideal[1]] : null,
    start: time(series.start),
    end: time(series.end),
    deadline: series.deadline ? time(series.deadline) : null,
    today: now,
    max: Math.max(1, series.total_weight, series.done_weight)
  };
}

/** The server's contributions per person, in its order. */
export function contributionsOf(series: IProgressSeries): IContribution[] {
  return series.contributions.map(c => ({
    username: c.username,
    snapshots: c.snapshots,
    tasksDone: c.tasks_done
  }));
}
