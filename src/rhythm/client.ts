import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

import { API_ROOT, IRequestOptions, NerdUpApiError, requestAPI } from '../api';
import { ISnapshotSummary } from '../model/types';
import {
  IAgenda,
  IBlogOptions,
  IBlogWritten,
  ICalendarLink,
  ICalendarState,
  ICatchup,
  IMentoring,
  IOccurrence,
  IPost,
  IQuestion,
  IQuestionInput,
  IRecap,
  IReflection,
  IReflectionInput,
  ISessionInput,
  IShowcase,
  IStudySession,
  QuestionState
} from './types';

/** The REST calls of a group's rhythm: sessions, questions, reflections, publishing. */
export class RhythmClient {
  constructor(settings?: ServerConnection.ISettings) {
    this._settings = settings ?? ServerConnection.makeSettings();
  }

  // Sessions
  async sessions(groupId: number): Promise<IStudySession[]> {
    const found = await this._call<{ sessions: IStudySession[] }>(
      `groups/${groupId}/sessions`
    );
    return found.sessions;
  }
  schedule(groupId: number, data: ISessionInput): Promise<IStudySession> {
    return this._call(`groups/${groupId}/sessions`, {
      method: 'POST',
      body: data
    });
  }
  async community(days = 14): Promise<IOccurrence[]> {
    const found = await this._call<{ sessions: IOccurrence[] }>(
      'community/sessions',
      { query: { days } }
    );
    return found.sessions;
  }
  checkIn(sessionId: number): Promise<IOccurrence> {
    return this._call(`sessions/${sessionId}/checkin`, { method: 'POST' });
  }
  agenda(sessionId: number): Promise<IAgenda> {
    return this._call(`sessions/${sessionId}/agenda`);
  }
  pickTasks(sessionId: number, taskIds: number[]): Promise<IAgenda> {
    return this._call(`sessions/${sessionId}/agenda`, {
      method: 'POST',
      body: { task_ids: taskIds }
    });
  }
  recap(sessionId: number): Promise<IRecap> {
    return this._call(`sessions/${sessionId}/recap`);
  }
  editRecap(
    sessionId: number,
    version: number,
    body: string,
    occurrence?: string
  ): Promise<IRecap> {
    return this._call(`sessions/${sessionId}/recap`, {
      method: 'PUT',
      body: occurrence ? { body, occurrence } : { body },
      headers: { 'If-Match': `"${version}"` }
    });
  }
  catchup(groupId: number): Promise<ICatchup> {
    return this._call(`groups/${groupId}/catchup`);
  }
  /** Change a session (organizers); `version` is the one the form was filled from. */
  editSession(
    sessionId: number,
    version: number,
    data: Partial<ISessionInput>
  ): Promise<IStudySession> {
    return this._call(`sessions/${sessionId}`, {
      method: 'PATCH',
      body: data,
      headers: { 'If-Match': `"${version}"` }
    });
  }
  /** Cancel a session (organizers): a weekly one for every week. */
  async cancelSession(sessionId: number, version: number): Promise<void> {
    await this._call(`sessions/${sessionId}`, {
      method: 'DELETE',
      headers: { 'If-Match': `"${version}"` }
    });
  }

  // My calendar feed: every session of my groups, for a calendar app to subscribe to.
  calendarLink(): Promise<ICalendarState> {
    return this._call('me/calendar');
  }
  /** A new secret address (shown once); the one before stops working. */
  newCalendarLink(): Promise<ICalendarLink> {
    return this._call('me/calendar', { method: 'POST' });
  }
  async revokeCalendarLink(): Promise<void> {
    await this._call('me/calendar', { method: 'DELETE' });
  }

  // Questions and answers
  async questions(
    groupId: number,
    status?: QuestionState
  ): Promise<IQuestion[]> {
    const found = await this._call<{ questions: IQuestion[] }>(
      `groups/${groupId}/questions`,
      { query: { status } }
    );
    return found.questions;
  }
  question(questionId: number): Promise<IQuestion> {
    return this._call(`questions/${questionId}`);
  }
  ask(groupId: number, data: IQuestionInput): Promise<IQuestion> {
    return this._call(`groups/${groupId}/questions`, {
      method: 'POST',
      body: data
    });
  }
  answer(questionId: number, body: string): Promise<IQuestion> {
    return this._call(`questions/${questionId}/answers`, {
      method: 'POST',
      body: { body }
    });
  }
  upvote(
    target: 'question' | 'answer',
    id: number,
    up: boolean
  ): Promise<IQuestion> {
    return this._call(`${target}s/${id}/upvote`, {
      method: up ? 'PUT' : 'DELETE'
    });
  }
  accept(questionId: number, answerId: number | null): Promise<IQuestion> {
    return this._call(`questions/${questionId}/accept`, {
      method: 'PUT',
      body: { answer_id: answerId }
    });
  }
  resolve(questionId: number, resolved: boolean): Promise<IQuestion> {
    return this._call(`questions/${questionId}/resolved`, {
      method: resolved ? 'PUT' : 'DELETE'
    });
  }

  /** Across the groups the caller mentors: unanswered questions, stale milestones. */
  mentoring(): Promise<IMentoring> {
    return this._call('me/mentoring');
  }

  // Reflections, posts, showcase
  reflect(groupId: number, data: IReflectionInput): Promise<IReflection> {
    return this._call(`groups/${groupId}/reflections`, {
      method: 'POST',
      body: data
    });
  }
  sharePost(
    groupId: number,
    data: { title: string; url: string; snapshot_id?: number }
  ): Promise<IPost> {
    return this._call(`groups/${groupId}/posts`, {
      method: 'POST',
      body: data
    });
  }
  showcase(groupId: number): Promise<IShowcase> {
    return this._call(`groups/${groupId}/showcase`);
  }

  // Publishing
  writeBlogPost(
    snapshotId: number,
    options: IBlogOptions
  ): Promise<IBlogWritten> {
    return this._call(`snapshots/${snapshotId}/blog`, {
      method: 'POST',
      body: options
    });
  }
  /** URL that downloads the post (a zip for Markdown, the page for HTML). */
  blogDownloadUrl(snapshotId: number, options: IBlogOptions): string {
    const query = new URLSearchParams();
    query.set('format', options.format ?? 'markdown');
    if (options.hide_code) {
      query.set('hide_code', 'true');
    }
    if (options.hide_outputs) {
      query.set('hide_outputs', 'true');
    }
    return (
      URLExt.join(
        this._settings.baseUrl,
        API_ROOT,
        `snapshots/${snapshotId}/blog`
      ) + `?${query.toString()}`
    );
  }
  /** The group's snapshots, newest first (for choosing what goes on the slides). */
  async groupSnapshots(
    groupId: number,
    limit = 50
  ): Promise<ISnapshotSummary[]> {
    const found = await this._call<
      ISnapshotSummary[] | { items?: ISnapshotSummary[] }
    >(`groups/${groupId}/snapshots`, { query: { limit } });
    return Array.isArray(found) ? found : (found?.items ?? []);
  }
  /** The journey as reveal.js slides: one HTML file that loads nothing. */
  presentation(
    groupId: number,
    snapshotIds: number[],
    theme: 'light' | 'dark' = 'light'
  ): Promise<string> {
    // Written by hand: an empty `snapshot_ids` (no snapshot) must be sent, not dropped.
    const query = new URLSearchParams({
      snapshot_ids: snapshotIds.join(','),
      theme
    });
    return this._call(`groups/${groupId}/presentation?${query.toString()}`, {
      asText: true
    });
  }
  /**
   * The caller's portfolio: a .tar.gz of a git repository of their own snapshots across
   * their groups with a README. An empty portfolio is the server's 404 and its message.
   */
  async portfolio(): Promise<Blob> {
    const url = URLExt.join(this._settings.baseUrl, API_ROOT, 'me/portfolio');
    let response: Response;
    try {
      response = await ServerConnection.makeRequest(url, {}, this._settings);
    } catch {
      throw new NerdUpApiError(
        0,
        'network',
        'The Jupyter server could not be reached. Check that it is still running.'
      );
    }
    if (!response.ok) {
      const data = await response.json().catch(() => null);
      const error = data?.error;
      throw new NerdUpApiError(
        response.status,
        String(error?.code ?? 'error'),
        typeof error?.message === 'string'
          ? error.message
          : `The server answered ${response.status} ${response.statusText}.`,
        error?.fields ?? {}
      );
    }
    return response.blob();
  }
  /** Whether this server serves the read-only public pages (GET /status). */
  async publicPages(): Promise<boolean> {
    const found = await this._call<{ public_pages?: boolean }>('status');
    return found?.public_pages === true;
  }
  /** The public index of open groups, or one open group's page (no login needed). */
  publicUrl(groupId?: number): string {
    const tail = groupId === undefined ? '' : `/${groupId}`;
    return URLExt.join(this._settings.baseUrl, `nerdup/public/groups${tail}`);
  }
  /** URL of the group's journey report (one self-contained HTML file). */
  reportUrl(groupId: number): string {
    return URLExt.join(
      this._settings.baseUrl,
      API_ROOT,
      `groups/${groupId}/report`
    );
  }

  private _call<T>(path: string, options: IRequestOptions = {}): Promise<T> {
    return requestAPI<T>(path, options, this._settings);
  }

  private _settings: ServerConnection.ISettings;
}
