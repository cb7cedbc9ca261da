/**
 * Shapes of the records the nerdup REST API answers with (see schema/openapi.json and
 * nerdup_lab/core/serialize.py). Dates are `YYYY-MM-DD`, timestamps ISO 8601.
 */

export type Role = 'organizer' | 'participant' | 'follower' | 'mentor';
export type TaskStatus = 'todo' | 'doing' | 'done';
export type MilestoneStatus = 'planned' | 'active' | 'done';
export type DeadlineState = 'on_track' | 'due_soon' | 'overdue';
export type OutputPolicy = 'keep' | 'strip' | 'drop_large';

export interface IProgress {
  done_weight: number;
  total_weight: number;
  tasks_done: number;
  tasks_total: number;
  fraction: number;
  percent: number;
  /** Everything counted is done (the server's word: "100%" only then). */
  complete?: boolean;
  deadline_state?: DeadlineState;
}

export interface ILink {
  title: string;
  url: string;
}

export interface IMember {
  username: string;
  role: Role;
  /** An organizer who mentors the group too. */
  also_mentor?: boolean;
  joined_at: string | null;
  version: number;
}

export interface ITask {
  id: number;
  group_id: number;
  milestone_id: number;
  title: string;
  description: string;
  weight: number;
  status: TaskStatus;
  next_session: boolean;
  personal: boolean;
  /** "Everyone does this one": each member marks their own part done. */
  per_member?: boolean;
  /** Per-member tasks: who did their part, of how many doers ("3 of 5 done"). */
  completed_by?: string[];
  members_done?: number;
  members_total?: number;
  owner: string | null;
  claimed_by: string[];
  notebooks: string[];
  progress: number;
  created_at: string | null;
  created_by: string | null;
  done_at: string | null;
  version: number;
}

export interface IMilestone {
  id: number;
  group_id: number;
  position: number;
  title: string;
  goal: string;
  due: string | null;
  status: MilestoneStatus;
  resources: ILink[];
  retrospective: { obstacles: string; solutions: string };
  progress: IProgress;
  created_at: string | null;
  version: number;
  tasks?: ITask[];
}

export interface IGroup {
  id: number;
  title: string;
  description: string;
  links: ILink[];
  deadline: string | null;
  start_date: string | null;
  status: 'forming' | 'active' | 'finished' | 'archived';
  visibility: 'open' | 'members';
  adoption_rule: 'organizer' | 'majority';
  /**
   * How a person becomes a participant of an open group (#14): `anyone` joins at once,
   * `request` asks and an organizer accepts. Following is free either way.
   */
  join_rule?: JoinRule;
  /** The viewer's own pending request to join, or null. */
  my_join_request?: IJoinRequest | null;
  created_at: string | null;
  created_by: string | null;
  member_count: number;
  my_role: Role | null;
  /** I mentor the group: as its mentor, or as an organizer who mentors it too. */
  i_mentor?: boolean;
  progress: IProgress;
  current_milestone: IMilestone | null;
  version: number;
  /** Present on the detail view (GET /groups/{id}). */
  members?: IMember[];
  /** What the caller's role may do (detail view): action -> allow | own | deny. */
  permissions?: Partial<Record<string, 'allow' | 'own' | 'deny'>>;
}

export type JoinRule = 'anyone' | 'request';

/** A person's request to join a "by request" group (GET /groups/{id}/join-requests). */
export interface IJoinRequest {
  id: number;
  group_id: number;
  username: string;
  /** Plain text the person wrote when asking; may be empty. */
  message: string;
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface IVote {
  username: string;
  value: 'up' | 'down';
}

/** Where an adopted milestone proposal goes: after the current stage, after one, last. */
export type ProposalPlace = 'after_current' | 'after' | 'last';

export interface IProposal {
  id: number;
  group_id: number;
  /** A proposed milestone, or a proposed task for one milestone. */
  kind: 'milestone' | 'task';
  title: string;
  goal: string;
  due: string | null;
  place: ProposalPlace;
  after_milestone_id: number | null;
  /** A task proposal: its details, its milestone, whether it is for the next session. */
  description: string;
  for_milestone_id: number | null;
  next_session: boolean;
  /** An adopted task proposal: the task it became. */
  task_id: number | null;
  status: 'open' | 'adopted' | 'rejected';
  created_by: string;
  created_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
  milestone_id: number | null;
  votes: IVote[];
  tally: { up: number; down: number };
  version: number;
}

export interface IActivity {
  id: number;
  group_id: number;
  actor: string;
  kind: string;
  summary: string;
  subject: Record<string, unknown>;
  created_at: string;
}

export interface IActivityPage {
  items: IActivity[];
  next: number | null;
  /** Display names of the actors (#15). */
  people?: Record<string, { display_name: string }>;
}

export interface IMe {
  user: { username: string; display_name: string };
  groups: IGroup[];
  tasks: ITask[];
}

/** A shipped plan template (GET /templates). */
export interface ITemplateSummary {
  id: string;
  name: string;
  kind: string;
  summary: string;
  milestones: number;
  tasks: number;
  days: number;
}

export interface ISnapshotSummary {
  id: number | string;
  path?: string;
  message?: string;
  author?: string;
  created_at?: string;
  [key: string]: unknown;
}

/** Everything the sidebar shows of the group that is open in it. */
export interface IGroupView {
  group: IGroup;
  milestones: IMilestone[];
  proposals: IProposal[];
  activity: IActivity[];
  /** Latest snapshots, when the server offers a snapshot history (else empty). */
  snapshots: ISnapshotSummary[];
  /** Each task's newest snapshot and mine on it (see `taskWork` in derive.ts). */
  taskSnapshots: ISnapshotSummary[];
}

/** The payload of a nerdup activity event on the jupyter_server event bus. */
export interface IActivityEvent {
  group_id: number;
  activity_id: number;
  kind: string;
  actor: string;
  summary?: string;
  subject?: Record<string, unknown>;
}

export const ACTIVITY_SCHEMA_ID = 'https://events.nerdup-lab.org/activity/v1';
