import { ReadonlyPartialJSONValue } from '@lumino/coreutils';
import { ISignal } from '@lumino/signaling';

/** The four kinds of notification, each switched on by the user (all off at first). */
export type NotifyKind =
  'sessionSoon' | 'answerToMyQuestion' | 'taskAssigned' | 'proposalToVote';

/** Each kind's setting in schema/plugin.json (the settings of `nerdup-lab:plugin`). */
export const SETTING_NAMES: Readonly<Record<NotifyKind, string>> = {
  sessionSoon: 'notifySessionSoon',
  answerToMyQuestion: 'notifyAnswerToMyQuestion',
  taskAssigned: 'notifyTaskAssigned',
  proposalToVote: 'notifyProposalToVote'
};

/** Which kinds the user asked for. */
export type NotifySettings = Readonly<Record<NotifyKind, boolean>>;

/** Opt-in: before the settings are read (or without a settings registry), none. */
export const NO_NOTIFICATIONS: NotifySettings = {
  sessionSoon: false,
  answerToMyQuestion: false,
  taskAssigned: false,
  proposalToVote: false
};

/** What is read of `ISettingRegistry.ISettings`. */
export interface ISettingsSource {
  get(key: string): { composite: ReadonlyPartialJSONValue | undefined };
  readonly changed: ISignal<unknown, void>;
}

/** The settings as they are now: a kind is on only when its value is `true`. */
export function readNotifySettings(
  settings: Pick<ISettingsSource, 'get'>
): NotifySettings {
  const on = (kind: NotifyKind) =>
    settings.get(SETTING_NAMES[kind]).composite === true;
  return {
    sessionSoon: on('sessionSoon'),
    answerToMyQuestion: on('answerToMyQuestion'),
    taskAssigned: on('taskAssigned'),
    proposalToVote: on('proposalToVote')
  };
}

/**
 * Call `apply` with the settings now and again whenever the user changes them (the
 * Settings Editor saves: no reload needed). Returns the function that stops following.
 */
export function followNotifySettings(
  settings: ISettingsSource,
  apply: (value: NotifySettings) => void
): () => void {
  const read = () => apply(readNotifySettings(settings));
  read();
  settings.changed.connect(read);
  return () => {
    settings.changed.disconnect(read);
  };
}
