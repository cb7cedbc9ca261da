import { ServerConnection } from '@jupyterlab/services';

/** One recorded request: method, path below the API root, query, headers, body. */
export interface ICall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: any;
}

export type Handler = (call: ICall) => { status?: number; body?: unknown };

/**
 * A fake nerdup server behind ServerConnection's `fetch`: routes are
 * "METHOD /path" (path below /nerdup/api/v1); unknown routes answer 404 with JSON.
 */
export function fakeServer(routes: Record<string, Handler>): {
  settings: ServerConnection.ISettings;
  calls: ICall[];
  routes: Record<string, Handler>;
} {
  const calls: ICall[] = [];
  const fetchFn = async (input: RequestInfo, init?: RequestInit) => {
    const request = input as Request;
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/nerdup\/api\/v1/, '');
    const text = await request.text();
    const call: ICall = {
      method: request.method,
      path,
      query: url.searchParams,
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined
    };
    calls.push(call);
    const handler = routes[`${request.method} ${path}`];
    if (!handler) {
      return new Response(
        JSON.stringify({
          error: { code: 'not_found', message: `No route ${path}`, fields: {} }
        }),
        { status: 404 }
      );
    }
    const { status = 200, body } = handler(call);
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status
    });
  };
  const settings = ServerConnection.makeSettings({
    baseUrl: 'http://localhost:8888/',
    fetch: fetchFn as unknown as typeof fetch
  });
  return { settings, calls, routes };
}

/**
 * The answer to a stale write (If-Match names an old version): 409 "conflict", with
 * the record as it is now in `current`.
 */
export function stale(
  current: unknown,
  message = 'Someone changed this since you loaded it.'
): { status: number; body: unknown } {
  return {
    status: 409,
    body: { error: { code: 'conflict', message, fields: {}, current } }
  };
}

export const progress = (percent = 0) => ({
  done_weight: percent,
  total_weight: 100,
  tasks_done: 0,
  tasks_total: 0,
  fraction: percent / 100,
  percent,
  complete: percent >= 100,
  deadline_state: 'on_track'
});

export function group(id: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    title: `Group ${id}`,
    description: '',
    links: [],
    deadline: null,
    start_date: null,
    status: 'active',
    visibility: 'open',
    adoption_rule: 'organizer',
    created_at: null,
    created_by: 'alice',
    member_count: 1,
    my_role: 'organizer',
    progress: progress(),
    current_milestone: null,
    version: 1,
    members: [{ username: 'alice', role: 'organizer', version: 1 }],
    ...extra
  };
}

export function task(id: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    group_id: 1,
    milestone_id: 10,
    title: `Task ${id}`,
    description: '',
    weight: 1,
    status: 'todo',
    next_session: false,
    personal: false,
    owner: null,
    claimed_by: [],
    notebooks: [],
    progress: 0,
    created_at: null,
    created_by: 'alice',
    done_at: null,
    version: 3,
    ...extra
  };
}

/** A server with alice in group 1 (one milestone, one task) and group 2 open to join. */
export function groupServer() {
  let activityId = 5;
  const server = fakeServer({
    'GET /me': () => ({
      body: {
        user: { username: 'alice', display_name: 'Alice' },
        groups: [group(1)],
        tasks: [task(7, { claimed_by: ['alice'] })]
      }
    }),
    'GET /groups': call => ({
      body: {
        groups: [group(1), group(2, { my_role: null })].filter(g =>
          g.title.includes(call.query.get('q') ?? '')
        )
      }
    }),
    'GET /groups/1': () => ({ body: group(1) }),
    'GET /groups/2': () => ({ body: group(2, { my_role: null }) }),
    'GET /groups/1/milestones': () => ({
      body: {
        milestones: [
          {
            id: 10,
            group_id: 1,
            position: 0,
            title: 'Explore',
            goal: '',
            due: null,
            status: 'active',
            resources: [],
            retrospective: { obstacles: '', solutions: '' },
            progress: progress(),
            created_at: null,
            version: 1,
            tasks: [task(7)]
          }
        ]
      }
    }),
    'GET /groups/2/milestones': () => ({ body: { milestones: [] } }),
    'GET /groups/1/proposals': () => ({ body: { proposals: [] } }),
    'GET /groups/2/proposals': () => ({ body: { proposals: [] } }),
    'GET /groups/1/activity': () => ({
      body: {
        items: [
          {
            id: activityId,
            group_id: 1,
            actor: 'alice',
            kind: 'task.claimed',
            summary: 'took on',
            subject: {},
            created_at: '2026-01-01T00:00:00+00:00'
          }
        ],
        next: null
      }
    }),
    'GET /groups/2/activity': () => ({ body: { items: [], next: null } }),
    'GET /openapi.json': () => ({ body: { paths: { '/groups': {} } } })
  });
  return {
    ...server,
    bumpActivity: () => {
      activityId++;
    }
  };
}

/** The group's catch-up brief and showcase, both empty: what a quiet group answers. */
export function quietRhythm(
  server: { routes: Record<string, Handler> },
  groupId = 1
): void {
  server.routes[`GET /groups/${groupId}/catchup`] = () => ({
    body: {
      group_id: groupId,
      current_session: null,
      current_recap: null,
      next_session: null,
      last_session: null,
      recaps: [],
      unanswered: [],
      faq_count: 0
    }
  });
  server.routes[`GET /groups/${groupId}/showcase`] = () => ({
    body: { group_id: groupId, posts: [], reflections: [] }
  });
  server.routes['GET /me/calendar'] = () => ({
    body: { active: false, created_at: null }
  });
}
