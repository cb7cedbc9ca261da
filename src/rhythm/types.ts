import { ITask } from '../model/types';

/** One occurrence of a co-coding session (weekly rules are expanded by the server). */
export interface IOccurrence {
  session_id: number;
  group_id: number;
  title: string;
  start: string;
  end: string;
  /** Check-in is open from here (15 minutes before the start) until `end`. */
  checkin_opens: string;
  checkin_open: boolean;
  place: string;
  link: string;
  group_title?: string;
  attendees?: string[];
}

export interface IStudySession {
  id: number;
  group_id: number;
  title: string;
  starts_at: string;
  /** IANA zone whose wall clock a weekly session keeps. */
  timezone: string;
  duration_minutes: number;
  place: string;
  link: string;
  recurrence: 'none' | 'weekly';
  repeat_until: string | null;
  version: number;
  next: IOccurrence | null;
  upcoming: IOccurrence[];
}

export interface ISessionInput {
  title?: string;
  starts_at: string;
  timezone?: string;
  duration_minutes?: number;
  place?: string;
  link?: string;
  recurrence?: 'none' | 'weekly';
  repeat_until?: string | null;
}

export interface IAgendaTask extends ITask {
  source: 'picked' | 'rolled_over' | 'next_session';
}

export interface IAgenda {
  occurrence: IOccurrence;
  tasks: IAgendaTask[];
}

export interface IRecap {
  occurrence: IOccurrence;
  facts: {
    attendees: string[];
    tasks_done: { id: number; title: string }[];
    snapshots: {
      id: number;
      path: string;
      author: string;
      message: string;
      link: string;
    }[];
    open_questions: { id: number; title: string }[];
  };
  generated: string;
  body: string;
  edited: boolean;
  edited_by: string | null;
  version: number;
}

export interface IQuestionSummary {
  id: number;
  group_id: number;
  title: string;
  author: string;
  created_at: string;
}

/** A milestone of a mentored group with no activity for `stale_after_days` days. */
export interface IStaleMilestone {
  id: number;
  group_id: number;
  title: string;
  status: string;
  /** Whole days since anything happened to it (its real age). */
  quiet_days?: number;
}

/** A claim whose claimer committed nothing in the group for a while. */
export interface IStalledClaim {
  task_id: number;
  milestone_id: number;
  title: string;
  username: string;
  claimed_at: string;
  last_snapshot_at: string | null;
  quiet_days: number;
}

/** A doer of a task everyone does who has not done their part, once its stage is due. */
export interface IStalledPart {
  task_id: number;
  milestone_id: number;
  title: string;
  username: string;
  /** The stage's due date (YYYY-MM-DD), null when it has none. */
  due: string | null;
  last_snapshot_at: string | null;
  quiet_days: number;
}

/** One group the caller mentors, with what needs a mentor's eye (GET /me/mentoring). */
export interface IMentoredGroup {
  group_id: number;
  title: string;
  unanswered: IQuestionSummary[];
  stale_milestones: IStaleMilestone[];
  stalled_claims?: IStalledClaim[];
  stalled_parts?: IStalledPart[];
}

export interface IMentoring {
  stale_after_days: number;
  /** Empty when the caller mentors no group. */
  groups: IMentoredGroup[];
  /** The askers by their display names. */
  people?: Record<string, { display_name: string }>;
}

export interface ICatchup {
  group_id: number;
  /** The occurrence going on, with tonight's picks. */
  current_session: (IOccurrence & { agenda: IAgendaTask[] }) | null;
  /** The recap of the occurrence going on, written at the session's end. */
  current_recap: IRecap | null;
  /** The next occurrence that has not started, with the picks for it. */
  next_session: (IOccurrence & { agenda: IAgendaTask[] }) | null;
  /** The recap of the last occurrence that ended (never the one going on). */
  last_session: IRecap | null;
  recaps: IRecap[];
  unanswered: IQuestionSummary[];
  faq_count: number;
}

export type QuestionState = 'open' | 'answered' | 'accepted' | 'resolved';

export interface IAnswer {
  id: number;
  question_id: number;
  body: string;
  author: string;
  accepted: boolean;
  upvotes: number;
  upvoted_by: string[];
  version: number;
}

export interface IQuestion {
  id: number;
  group_id: number;
  title: string;
  body: string;
  author: string;
  anchor: {
    task_id: number | null;
    snapshot_id: number | null;
    cell_id: string | null;
  };
  status: QuestionState;
  accepted_answer_id: number | null;
  answer_count: number;
  upvotes: number;
  upvoted_by: string[];
  version: number;
  answers: IAnswer[];
}

export interface IQuestionInput {
  title: string;
  body?: string;
  task_id?: number | null;
  snapshot_id?: number | null;
  cell_id?: string | null;
}

export interface IReflection {
  id: number;
  group_id: number;
  milestone_id: number | null;
  round: string;
  author: string;
  did: string;
  learned: string;
  hard: string;
  version: number;
}

export interface IReflectionInput {
  milestone_id?: number | null;
  round?: string;
  did?: string;
  learned?: string;
  hard?: string;
}

export interface IPost {
  id: number;
  group_id: number;
  author: string;
  title: string;
  url: string;
  snapshot_id: number | null;
}

export interface IShowcase {
  group_id: number;
  posts: IPost[];
  reflections: IReflection[];
}

export interface IBlogOptions {
  format?: 'markdown' | 'html';
  hide_code?: boolean;
  hide_outputs?: boolean;
  hide_cell_tags?: string[];
  hide_input_tags?: string[];
  hide_output_tags?: string[];
  directory?: string;
  overwrite?: boolean;
}

export interface IBlogWritten {
  path: string;
  files: string[];
  format: string;
}

/** Whether I have a live calendar feed address (GET /me/calendar). */
export interface ICalendarState {
  active: boolean;
  created_at: string | null;
}

/** A new feed address, shown this once (POST /me/calendar). */
export interface ICalendarLink extends ICalendarState {
  token: string;
  url: string;
  /** The feed from the server's root; joined to the browser's address it is right behind a proxy. */
  path: string;
}
