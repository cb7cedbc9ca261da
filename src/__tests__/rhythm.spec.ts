import { ServerConnection } from '@jupyterlab/services';

import { NerdUpApiError } from '../api';
import { RhythmClient } from '../rhythm/client';

interface ISent {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  ifMatch: string | null;
}

function clientAnswering(
  status: number,
  body: string
): { client: RhythmClient; sent: ISent[] } {
  const sent: ISent[] = [];
  const fetchMock = jest.fn(async (input: RequestInfo) => {
    const request = input as Request;
    const url = new URL(request.url);
    const text = await request.text();
    sent.push({
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      body: text ? JSON.parse(text) : undefined,
      ifMatch: request.headers.get('If-Match')
    });
    return new Response(body, { status, statusText: 'X' });
  });
  const settings = ServerConnection.makeSettings({
    baseUrl: 'http://localhost:8888/lab-base/',
    fetch: fetchMock as unknown as typeof fetch
  });
  return { client: new RhythmClient(settings), sent };
}

describe('RhythmClient', () => {
  it('checks in with a POST to the session', async () => {
    const { client, sent } = clientAnswering(200, '{"attendees": ["bob"]}');
    await expect(client.checkIn(7)).resolves.toEqual({ attendees: ['bob'] });
    expect(sent[0]).toMatchObject({
      method: 'POST',
      path: '/lab-base/nerdup/api/v1/sessions/7/checkin'
    });
  });

  it('turns a closed check-in window into a NerdUpApiError 409', async () => {
    const { client } = clientAnswering(
      409,
      '{"error": {"code": "conflict", "message": "Check-in is open from 15 minutes before", "fields": {}}}'
    );
    const call = client.checkIn(7);
    await expect(call).rejects.toBeInstanceOf(NerdUpApiError);
    await expect(call).rejects.toMatchObject({ status: 409 });
  });

  it('asks, answers, upvotes, accepts and resolves with the right verbs', async () => {
    const { client, sent } = clientAnswering(200, '{}');
    await client.ask(3, { title: 'Why NaN?', body: '*help*' });
    await client.answer(11, 'Use fillna');
    await client.upvote('answer', 21, true);
    await client.upvote('question', 11, false);
    await client.accept(11, 21);
    await client.resolve(11, true);
    await client.resolve(11, false);
    expect(
      sent.map(
        s => `${s.method} ${s.path.replace('/lab-base/nerdup/api/v1/', '')}`
      )
    ).toEqual([
      'POST groups/3/questions',
      'POST questions/11/answers',
      'PUT answers/21/upvote',
      'DELETE questions/11/upvote',
      'PUT questions/11/accept',
      'PUT questions/11/resolved',
      'DELETE questions/11/resolved'
    ]);
    expect(sent[0].body).toEqual({ title: 'Why NaN?', body: '*help*' });
    expect(sent[4].body).toEqual({ answer_id: 21 });
  });

  it('edits a recap with its version as If-Match', async () => {
    const { client, sent } = clientAnswering(200, '{}');
    await client.editRecap(5, 0, 'We met.');
    expect(sent[0]).toMatchObject({ method: 'PUT', ifMatch: '"0"' });
    expect(sent[0].body).toEqual({ body: 'We met.' });
  });

  it('changes and cancels a session with its version as If-Match', async () => {
    const { client, sent } = clientAnswering(200, '{}');
    await client.editSession(3, 4, { place: 'Café' });
    await client.cancelSession(3, 5);
    expect(sent.map(s => [s.method, s.path, s.ifMatch, s.body])).toEqual([
      ['PATCH', '/lab-base/nerdup/api/v1/sessions/3', '"4"', { place: 'Café' }],
      ['DELETE', '/lab-base/nerdup/api/v1/sessions/3', '"5"', undefined]
    ]);
  });

  it('unwraps lists and passes the status filter', async () => {
    const { client, sent } = clientAnswering(200, '{"questions": [{"id": 1}]}');
    await expect(client.questions(3, 'open')).resolves.toEqual([{ id: 1 }]);
    expect(sent[0].query.get('status')).toBe('open');
  });

  it('builds download URLs under the base URL', () => {
    const { client } = clientAnswering(200, '{}');
    const url = new URL(
      client.blogDownloadUrl(9, { format: 'html', hide_code: true })
    );
    expect(url.pathname).toBe('/lab-base/nerdup/api/v1/snapshots/9/blog');
    expect(url.searchParams.get('format')).toBe('html');
    expect(url.searchParams.get('hide_code')).toBe('true');
    expect(url.searchParams.has('hide_outputs')).toBe(false);
    expect(client.reportUrl(3)).toBe(
      'http://localhost:8888/lab-base/nerdup/api/v1/groups/3/report'
    );
  });

  it('writes a blog post into the workspace with its options', async () => {
    const { client, sent } = clientAnswering(
      201,
      '{"path": "posts/eda.md", "files": [], "format": "markdown"}'
    );
    const written = await client.writeBlogPost(9, { directory: 'posts' });
    expect(written.path).toBe('posts/eda.md');
    expect(sent[0]).toMatchObject({
      method: 'POST',
      path: '/lab-base/nerdup/api/v1/snapshots/9/blog',
      body: { directory: 'posts' }
    });
  });
});
