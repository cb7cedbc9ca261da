import type { GroupsClient } from '../model/client';
import { displayName } from '../people';
import type { RhythmClient } from '../rhythm/client';
import type { IRecords } from './rules';

/** How far back the feed is read for an event that came with ids only. */
const FEED_PAGE = 50;

/** The records the rules read, over the existing REST clients. */
export function restRecords(
  client: GroupsClient,
  rhythm: RhythmClient
): IRecords {
  return {
    question: id => rhythm.question(id),
    task: id => client.getTask(id),
    proposal: id => client.getProposal(id),
    activity: async (groupId, activityId) => {
      const page = await client.activity(groupId, FEED_PAGE);
      return page.items.find(a => a.id === activityId) ?? null;
    }
  };
}

/**
 * A person's display name; for a name not seen yet, the group's detail is read first (it
 * names its members, and the API remembers every name it sees).
 */
export async function personName(
  client: GroupsClient,
  username: string,
  groupId: number
): Promise<string> {
  if (displayName(username) === username) {
    await client.getGroup(groupId).catch(() => null);
  }
  return displayName(username);
}
