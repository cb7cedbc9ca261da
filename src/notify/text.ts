import { TranslationBundle } from '@jupyterlab/translation';

import type { SectionId } from '../workspace/sections';
import type { IOccurrence } from '../rhythm/types';
import type { IMatch } from './rules';

/** A notification's words, and where its one action leads. */
export interface INoticeText {
  message: string;
  /** The action's label. */
  action: string;
  /** The section of the group's room the action opens. */
  section: SectionId;
}

/** JupyterLab cuts a notification at 140 characters: titles are kept shorter. */
const TITLE_MAX = 50;
const GROUP_MAX = 30;
const NAME_MAX = 24;

/** A title short enough for a notification, whole words where it can. */
export function shortTitle(title: string, max = TITLE_MAX): string {
  const text = title.trim().replace(/\s+/g, ' ');
  if (text.length <= max) {
    return text;
  }
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut) + '…';
}

/** What a notification about an activity says; `name` is the actor as shown. */
export function matchText(
  match: IMatch,
  groupTitle: string,
  name: string,
  trans: TranslationBundle
): INoticeText {
  const title = shortTitle(match.title);
  const group = shortTitle(groupTitle, GROUP_MAX);
  const who = shortTitle(name, NAME_MAX);
  switch (match.kind) {
    case 'answerToMyQuestion':
      return {
        message: trans.__('%1 answered your question “%2”.', who, title),
        action: trans.__('Read the answer'),
        section: 'questions'
      };
    case 'taskAssigned':
      return {
        message: trans.__(
          '%1 gave everyone in %2 a task, you too: “%3”.',
          who,
          group,
          title
        ),
        action: trans.__('Open the plan'),
        section: 'plan'
      };
    case 'proposalToVote':
      return {
        message: trans.__(
          '%1 proposed “%2” in %3: your vote counts.',
          who,
          title,
          group
        ),
        action: trans.__('Vote'),
        section: 'plan'
      };
  }
}

/** What the reminder of a session that starts in `minutes` minutes says. */
export function sessionText(
  occurrence: IOccurrence,
  groupTitle: string,
  minutes: number,
  trans: TranslationBundle
): INoticeText {
  const group = shortTitle(groupTitle, GROUP_MAX);
  const title = shortTitle(occurrence.title);
  return {
    message: title
      ? trans._n(
          'The session “%2” of %3 starts in %1 minute.',
          'The session “%2” of %3 starts in %1 minutes.',
          minutes,
          title,
          group
        )
      : trans._n(
          'A session of %2 starts in %1 minute.',
          'A session of %2 starts in %1 minutes.',
          minutes,
          group
        ),
    action: trans.__('Open group'),
    section: 'sessions'
  };
}
