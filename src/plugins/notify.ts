import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { CommandIDs } from '../commands';
import { GroupsClient } from '../model/client';
import type { EventStream } from '../model/live';
import {
  followNotifySettings,
  Notifier,
  personName,
  restRecords
} from '../notify';
import { RhythmClient } from '../rhythm/client';
import { questionFocus } from '../rhythm/focus';
import { INerdUpGroups } from '../tokens';
import { PLUGIN_ID } from './sidebar';

/** The coming sessions are read for this many days ahead (the API's smallest window). */
const SESSION_DAYS = 1;

/**
 * Notifications in JupyterLab's notification centre, each kind switched on in the
 * settings (`notifySessionSoon`, `notifyAnswerToMyQuestion`, `notifyTaskAssigned`,
 * `notifyProposalToVote`; all off until then). Each one opens its place in the group's
 * room.
 */
export const notifyPlugin: JupyterFrontEndPlugin<void> = {
  id: 'nerdup-lab:notify',
  description:
    'Opt-in notifications: a session soon, an answer to my question, a task for me, a proposal to vote on.',
  autoStart: true,
  requires: [INerdUpGroups],
  optional: [ITranslator, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    groups: INerdUpGroups,
    translator: ITranslator | null,
    registry: ISettingRegistry | null
  ): void => {
    if (!registry) {
      // Every kind is opt-in: without settings there is nothing to switch on.
      return;
    }
    const trans = (translator ?? nullTranslator).load('nerdup_lab');
    const client = new GroupsClient();
    const rhythm = new RhythmClient();
    const notifier = new Notifier({
      groups,
      stream: (app.serviceManager.events?.stream ?? null) as EventStream | null,
      records: restRecords(client, rhythm),
      upcoming: () => rhythm.community(SESSION_DAYS),
      trans,
      name: (username, groupId) => personName(client, username, groupId),
      open: (groupId, section, match) => {
        if (match?.kind === 'answerToMyQuestion') {
          // The room's question list unfolds and highlights it.
          questionFocus(groups).request(match.recordId);
        }
        void app.commands.execute(CommandIDs.openGroup, { groupId, section });
      }
    });
    void registry
      .load(PLUGIN_ID)
      .then(settings => {
        followNotifySettings(settings, value => {
          notifier.settings = value;
        });
      })
      .catch(error =>
        console.warn('nerdup-lab: notification settings not loaded', error)
      );
  }
};
