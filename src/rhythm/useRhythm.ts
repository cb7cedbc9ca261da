import * as React from 'react';

import { useSidebar } from '../components/context';
import { ViewPart } from '../model/eventparts';
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
  /** Fetch again (all, or only the parts named). */
  reload: (only?: ReadonlySet<ViewPart> | null) => Promise<void>;
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

  const reload = React.useCallback(
    async (only?: ReadonlySet<ViewPart> | null) => {
      // `only`: what a teammate's change touched (the model's lastChange); the rest stays.
      const wants = (part: ViewPart) => !only || only.has(part);
      try {
        const [sessions, questions, catchup, showcase] = await Promise.all([
          briefOnly || !wants('sessions') ? null : client.sessions(groupId),
          briefOnly || !wants('questions') ? null : client.questions(groupId),
          wants('catchup') ? client.catchup(groupId) : null,
          briefOnly || !wants('showcase') ? null : client.showcase(groupId)
        ]);
        if (alive.current) {
          setData(before => ({
            sessions: sessions ?? (briefOnly ? [] : before.sessions),
            questions: questions ?? (briefOnly ? [] : before.questions),
            catchup: catchup ?? before.catchup,
            showcase: showcase ?? (briefOnly ? null : before.showcase)
          }));
        }
      } catch (error) {
        void model.reportFailure(error);
      }
    },
    [client, groupId, model, briefOnly]
  );

  React.useEffect(() => {
    alive.current = true;
    void reload();
    const onChange = () => {
      const only = model.lastChange;
      // Nothing of the rhythm sections changed: nothing to fetch.
      if (
        only === null ||
        (['sessions', 'questions', 'catchup', 'showcase'] as const).some(p =>
          only.has(p)
        )
      ) {
        void reload(only);
      }
    };
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
