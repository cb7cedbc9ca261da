import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import { rememberPeople } from './people';

/** Root of the REST API, relative to the server's base URL. */
export const API_ROOT = 'nerdup/api/v1';

/** A failed call, carrying the server's JSON error: what went wrong and what to do. */
export class NerdUpApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly current?: unknown
  ) {
    super(message);
    this.name = 'NerdUpApiError';
  }
}

export interface IRequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  /** Answer the body as text (a download), not as JSON; errors are still JSON. */
  asText?: boolean;
}

/**
 * Call the nerdup REST API through JupyterLab's ServerConnection (which adds the
 * XSRF token and the auth header), and turn error bodies into NerdUpApiError.
 */
export async function requestAPI<T>(
  path: string,
  options: IRequestOptions = {},
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): Promise<T> {
  let url = URLExt.join(settings.baseUrl, API_ROOT, path);
  const query = Object.entries(options.query ?? {}).filter(
    ([, v]) => v !== undefined && v !== ''
  );
  if (query.length > 0) {
    url +=
      '?' +
      query
        .map(
          ([k, v]) =>
            `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`
        )
        .join('&');
  }
  const init: RequestInit = {
    method: options.method ?? 'GET',
    headers: { ...(options.headers ?? {}) }
  };
  if (options.body !== undefined) {
    init.body = JSON.stringify(options.body);
    (init.headers as Record<string, string>)['Content-Type'] =
      'application/json';
  }
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(url, init, settings);
  } catch (error) {
    throw new NerdUpApiError(
      0,
      'network',
      'The Jupyter server could not be reached. Check that it is still running.'
    );
  }
  const text = await response.text();
  if (options.asText && response.ok) {
    return text as T;
  }
  let data: any = null;
  if (text.length > 0) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const error = data?.error;
    if (error && typeof error.message === 'string') {
      throw new NerdUpApiError(
        response.status,
        String(error.code ?? 'error'),
        error.message,
        error.fields ?? {},
        error.current
      );
    }
    if (response.status === 404) {
      throw new NerdUpApiError(
        404,
        'not_found',
        'The nerdup server extension did not answer. Is nerdup-lab installed and enabled on the server (jupyter server extension list)?'
      );
    }
    throw new NerdUpApiError(
      response.status,
      'error',
      `The server answered ${response.status} ${response.statusText}.`
    );
  }
  rememberPeople(data?.people);
  return data as T;
}
