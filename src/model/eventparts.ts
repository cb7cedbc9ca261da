import { IActivityEvent } from './types';

/**
 * The parts of a group's view that the lab loads separately: the group's own record
 * (title, members, progress), its plan (milestones with their tasks), proposals, feed,
 * snapshots, and the rhythm sections (sessions, questions, catch-up brief, showcase).
 */
export type ViewPart =
  | 'group'
  | 'milestones'
  | 'proposals'
  | 'activity'
  | 'snapshots'
  | 'sessions'
  | 'questions'
  | 'catchup'
  | 'showcase';

/** What one kind of change can alter; the feed is not listed (see `feedFromEvents`). */
const BY_RESOURCE: Record<string, ViewPart[]> = {
  // A task's state, claims or completion move the plan and the group's progress.
  task: ['milestones', 'group'],
  milestone: ['milestones', 'group'],
  plan: ['milestones', 'group'],
  proposal: ['proposals'],
  vote: ['proposals'],
  snapshot: ['snapshots'],
  notebook: ['snapshots'],
  member: ['group'],
  // Asked, withdrawn or declined (#14): the asker's group record says so; an organiser's
  // People section reads the requests again when the feed moves.
  join_request: ['group'],
  hub_group: ['group'],
  group: ['group'],
  session: ['sessions', 'catchup'],
  checkin: ['sessions', 'catchup'],
  recap: ['sessions', 'catchup'],
  question: ['questions'],
  answer: ['questions'],
  reflection: ['showcase'],
  post: ['showcase']
};

/**
 * What an activity event (`<resource>.<verb>`) changes in the group's view; null when
 * its kind is unknown here, so everything is reloaded (a newer server's kinds stay safe).
 */
export function partsOf(kind: string): ViewPart[] | null {
  if (kind === 'proposal.adopted') {
    // An adopted proposal is a new milestone or task.
    return ['proposals', 'milestones', 'group'];
  }
  return BY_RESOURCE[kind.split('.')[0]] ?? null;
}

/** The union of what a burst of events changes; null when one of them is unknown. */
export function partsOfAll(
  events: readonly IActivityEvent[]
): Set<ViewPart> | null {
  const parts = new Set<ViewPart>();
  for (const event of events) {
    const found = partsOf(event.kind);
    if (found === null) {
      return null;
    }
    found.forEach(p => parts.add(p));
  }
  return parts;
}
