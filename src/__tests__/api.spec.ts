import { ServerConnection } from '@jupyterlab/services';

import { NerdUpApiError, requestAPI } from '../api';

function settingsAnswering(
  status: number,
  body: string
): ServerConnection.ISettings {
  const fetchMock = jest.fn(
    async (_input: RequestInfo, _init?: RequestInit) => {
      return new Response(body, { status, statusText: 'X' });
    }
  );
  return ServerConnection.makeSettings({
    baseUrl: 'http://localhost:8888/',
    fetch: fetchMock as unknown as typeof fetch
  });
}

describe('requestAPI', () => {
  it('returns the parsed JSON of a successful answer', async () => {
    const settings = settingsAnswering(200, '{"version": "0.1.0"}');
    await expect(requestAPI('status', {}, settings)).resolves.toEqual({
      version: '0.1.0'
    });
  });

  it('builds the URL under the API root with the query string', async () => {
    const settings = settingsAnswering(200, '[]');
    await requestAPI(
      'groups',
      { query: { q: 'food reviews', empty: '' } },
      settings
    );
    const fetchMock = settings.fetch as unknown as jest.Mock;
    const url = new URL((fetchMock.mock.calls[0][0] as Request).url);
    expect(url.pathname).toBe('/nerdup/api/v1/groups');
    expect(url.searchParams.get('q')).toBe('food reviews');
    expect(url.searchParams.has('empty')).toBe(false);
  });

  it('turns the server error body into a NerdUpApiError with field errors', async () => {
    const settings = settingsAnswering(
      400,
      '{"error": {"code": "invalid", "message": "Fix the title.", "fields": {"title": "required"}}}'
    );
    const call = requestAPI('groups', { method: 'POST', body: {} }, settings);
    await expect(call).rejects.toBeInstanceOf(NerdUpApiError);
    await expect(call).rejects.toMatchObject({
      status: 400,
      code: 'invalid',
      message: 'Fix the title.',
      fields: { title: 'required' }
    });
  });

  it('explains a 404 without a JSON body as a missing server extension', async () => {
    const settings = settingsAnswering(404, '<html>not found</html>');
    await expect(requestAPI('status', {}, settings)).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('jupyter server extension list')
    });
  });

  it('reports a network failure in words', async () => {
    const settings = ServerConnection.makeSettings({
      baseUrl: 'http://localhost:8888/',
      fetch: (() =>
        Promise.reject(
          new TypeError('Failed to fetch')
        )) as unknown as typeof fetch
    });
    await expect(requestAPI('status', {}, settings)).rejects.toMatchObject({
      status: 0,
      code: 'network'
    });
  });
});
