/**
 * People by their display name (#15). Answers that name people carry a `people` map
 * `{username: {display_name}}`; `requestAPI` remembers every map it sees here, and
 * `displayName` is the one function the lab renders a person's name with, so a raw
 * username or a 32-hex id never shows where a person is meant.
 */

export interface IPerson {
  display_name: string;
}

export type People = Record<string, IPerson>;

const known = new Map<string, IPerson>();

/** Keep the display names of an answer's `people` map (anything else is ignored). */
export function rememberPeople(people: unknown): void {
  if (people === null || typeof people !== 'object' || Array.isArray(people)) {
    return;
  }
  for (const [username, person] of Object.entries(people as People)) {
    const name = person?.display_name;
    if (typeof name === 'string' && name.trim() !== '') {
      known.set(username, { display_name: name });
    }
  }
}

/**
 * The name to show for `username`: the display name from `people` when given, else the
 * one last seen in an answer, else the username itself (better than nothing).
 */
export function displayName(
  username: string | null | undefined,
  people?: People | null
): string {
  if (!username) {
    return '';
  }
  const own = people?.[username]?.display_name;
  if (typeof own === 'string' && own.trim() !== '') {
    return own;
  }
  return known.get(username)?.display_name ?? username;
}

/** Forget every remembered name (tests). */
export function forgetPeople(): void {
  known.clear();
}
