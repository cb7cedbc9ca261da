/**
 * What was shown already, so a notification comes once: once per session occurrence
 * (not again after a reload within its 15 minutes) and once per activity (not again in a
 * second tab of the same lab). Kept in the browser's localStorage, which its tabs share
 * and a reload keeps, under a key of the signed-in user (a JupyterHub serves its users
 * from one origin); each entry expires, so the list stays short.
 */
export interface IShown {
  /** Whether `key` was shown (in this tab or another). */
  has(key: string): boolean;
  /** Note `key` as shown until `keepUntil` (ms since the epoch); false when it was. */
  claim(key: string, keepUntil: number): boolean;
}

const PREFIX = 'nerdup-lab:notified:';

/** Read and write the store; null when the browser offers none (or forbids it). */
function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export class ShownStore implements IShown {
  /**
   * @param username - whose store (its key in localStorage).
   * @param now - the clock (tests).
   */
  constructor(
    username: string,
    private readonly _now: () => number = Date.now
  ) {
    this._key = PREFIX + username;
  }

  has(key: string): boolean {
    return this._read().has(key);
  }

  claim(key: string, keepUntil: number): boolean {
    const entries = this._read();
    if (entries.has(key)) {
      return false;
    }
    entries.set(key, keepUntil);
    this._write(entries);
    return true;
  }

  /** The entries not yet expired, from storage (another tab may have added some). */
  private _read(): Map<string, number> {
    const now = this._now();
    let raw: unknown = null;
    const store = storage();
    if (store) {
      try {
        raw = JSON.parse(store.getItem(this._key) ?? 'null');
      } catch {
        raw = null;
      }
    }
    const stored =
      raw && typeof raw === 'object' && !Array.isArray(raw)
        ? Object.entries(raw as Record<string, unknown>)
        : [];
    const entries = new Map<string, number>();
    for (const [key, until] of [...this._memory, ...stored]) {
      if (typeof until === 'number' && until > now) {
        entries.set(key, until);
      }
    }
    return entries;
  }

  private _write(entries: Map<string, number>): void {
    this._memory = entries;
    const store = storage();
    if (!store) {
      return;
    }
    try {
      store.setItem(this._key, JSON.stringify(Object.fromEntries(entries)));
    } catch {
      // Full or forbidden: this tab still remembers (in memory).
    }
  }

  private readonly _key: string;
  /** This tab's entries: enough without storage, or when writing to it failed. */
  private _memory = new Map<string, number>();
}
