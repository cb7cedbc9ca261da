import * as React from 'react';

import { useSidebar } from '../components/context';
import { RhythmClient } from './client';
import { ICatchup, IQuestion, IShowcase, IStudySession } from './types';

/** What the rhythm sections show of the open group. */
export interface IRhythmData {
  sessions: IStudySession[];
  questions: IQuestion[];
  catchup: ICatchup | null;
  showcase: IShowcase | null;
}

const EMPTY: IRhythmData = {
  sessions: [],
  questions: [],
  catchup: null,
  showcase: null
};

export interface IRhythm {
  data: IRhythmData;
  client: RhythmClient;
  /** Run a write, then reload; failures become a notice (form errors re-throw). */
  act: <T>(write: () => Promise<T>, rethrow?: boolean) => Promise<T | null>;
  reload: () => Promise<void>;
}

/**
 * Loads the group's sessions, questions, catch-up brief and showcase, and reloads them
 * whenever the group view changes (every write anyone makes arrives as an activity
 * event, which refreshes the view).
 */
export function useRhythm(groupId: number, briefOnly = false): IRhythm {
  const { model } = useSidebar();
  const client = React.useMemo(
    () => new RhythmClient(model.client.settings),
    [model]
  );
  const [data, setData] = React.useState<IRhythmData>(EMPTY);
  const alive = React.useRef(true);

  const reload = React.useCallback(async () => {
    try {
      const [sessions, questions, catchup, showcase] = await Promise.all([
        briefOnly ? [] : client.sessions(groupId),
        briefOnly ? [] : client.questions(groupId),
        client.catchup(groupId),
        briefOnly ? null : client.showcase(groupId)
      ]);
      if (alive.current) {
        setData({ sessions, questions, catchup, showcase });
      }
    } catch (error) {
      void model.reportFailure(error);
    }
  }, [client, groupId, model, briefOnly]);

  React.useEffect(() => {
    alive.current = true;
    void reload();
    const onChange = () => void reload();
    model.currentChanged.connect(onChange);
    return () => {
      alive.current = false;
      model.currentChanged.disconnect(onChange);
    };
  }, [reload, model]);

  const act = React.useCallback(
    async <T>(write: () => Promise<T>, rethrow = false): Promise<T | null> => {
      try {
        const result = await write();
        await reload();
        return result;
      } catch (error) {
        if (rethrow) {
          throw error;
        }
        void model.reportFailure(error);
        await reload();
        return null;
      }
    },
    [reload, model]
  );
  return { data, client, act, reload };
}
