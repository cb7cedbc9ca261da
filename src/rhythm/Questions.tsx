import * as React from 'react';

import {
  addIcon,
  Button,
  caretUpIcon,
  checkIcon
} from '@jupyterlab/ui-components';

import { useSidebar } from '../components/context';
import { InlineForm } from '../components/InlineForm';
import { Markdown } from '../components/Markdown';
import { Person } from '../components/Person';
import { actingRole } from '../model/derive';
import { IGroupView } from '../model/types';
import { useAskAbout } from './askabout';
import { useQuestionFocus } from './focus';
import { IRhythm } from './useRhythm';
import { IAnswer, IQuestion } from './types';

export interface IQuestionsProps {
  view: IGroupView;
  rhythm: IRhythm;
}

/** The group's questions: ask, answer, upvote, accept an answer, mark resolved. */
export function Questions(props: IQuestionsProps): JSX.Element {
  const { trans, model } = useSidebar();
  const { view, rhythm } = props;
  const [about, setAbout] = useAskAbout(model, view.group.id);
  const [asking, setAsking] = React.useState(about !== null);
  React.useEffect(() => {
    if (about !== null) {
      setAsking(true);
    }
  }, [about]);
  const member = actingRole(view.group) !== null;
  const aboutTask =
    about?.task_id === undefined
      ? undefined
      : view.milestones
          .flatMap(m => m.tasks ?? [])
          .find(t => t.id === about.task_id);
  const aboutCell =
    about?.snapshot_id !== undefined && about.cell_id ? about : null;
  const open = rhythm.data.questions.filter(q => q.status !== 'resolved');
  const faq = rhythm.data.questions.filter(q => q.status === 'resolved');
  return (
    <section
      className="jp-NerdUp-section jp-NerdUp-questions"
      aria-labelledby="jp-NerdUp-q-h"
    >
      <h3 id="jp-NerdUp-q-h" className="jp-NerdUp-sectionTitle">
        {trans.__('Questions')}
      </h3>
      {open.length === 0 && (
        <p className="jp-NerdUp-empty">{trans.__('No open question.')}</p>
      )}
      <ul className="jp-NerdUp-questionList">
        {open.map(q => (
          <QuestionItem key={q.id} question={q} view={view} rhythm={rhythm} />
        ))}
      </ul>
      {member &&
        (asking ? (
          <>
            {(aboutTask || aboutCell) && (
              <p className="jp-NerdUp-questionAnchor jp-NerdUp-askAbout">
                {aboutTask
                  ? trans.__('About the task “%1”', aboutTask.title)
                  : trans.__(
                      'About %1 (snapshot #%2, committed for this question)',
                      aboutCell?.cell_label ?? trans.__('a cell'),
                      aboutCell?.snapshot_id ?? ''
                    )}{' '}
                <button
                  className="jp-NerdUp-linkButton"
                  onClick={() => setAbout(null)}
                >
                  {trans.__('Ask about the group instead')}
                </button>
              </p>
            )}
            <InlineForm
              label={
                aboutTask
                  ? trans.__('Ask the group about “%1”', aboutTask.title)
                  : aboutCell
                    ? trans.__(
                        'Ask the group about %1',
                        aboutCell.cell_label ?? trans.__('a cell')
                      )
                    : trans.__('Ask the group')
              }
              submitLabel={trans.__('Ask')}
              fields={[
                { name: 'title', label: trans.__('Question') },
                {
                  name: 'body',
                  label: trans.__('Details (markdown)'),
                  type: 'textarea'
                }
              ]}
              onSubmit={async values => {
                const made = await rhythm.act(
                  () =>
                    rhythm.client.ask(view.group.id, {
                      title: String(values.title ?? ''),
                      body: values.body ? String(values.body) : undefined,
                      ...(aboutTask ? { task_id: aboutTask.id } : {}),
                      ...(aboutCell
                        ? {
                            snapshot_id: aboutCell.snapshot_id,
                            cell_id: aboutCell.cell_id
                          }
                        : {})
                    }),
                  true
                );
                if (made !== null) {
                  setAbout(null);
                }
                return made !== null;
              }}
              onCancel={() => {
                setAsking(false);
                setAbout(null);
              }}
            />
          </>
        ) : (
          <Button small minimal onClick={() => setAsking(true)}>
            <addIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
            {trans.__('Ask a question')}
          </Button>
        ))}
      {faq.length > 0 && (
        <details className="jp-NerdUp-faq">
          <summary>{trans.__('FAQ (%1)', faq.length)}</summary>
          <ul className="jp-NerdUp-questionList">
            {faq.map(q => (
              <QuestionItem
                key={q.id}
                question={q}
                view={view}
                rhythm={rhythm}
              />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function stateLabel(
  trans: ReturnType<typeof useSidebar>['trans'],
  status: IQuestion['status']
): string {
  switch (status) {
    case 'open':
      return trans.__('unanswered');
    case 'answered':
      return trans.__('answered');
    case 'accepted':
      return trans.__('accepted');
    default:
      return trans.__('resolved');
  }
}

function QuestionItem(props: {
  question: IQuestion;
  view: IGroupView;
  rhythm: IRhythm;
}): JSX.Element {
  const { trans, model } = useSidebar();
  const { question, view, rhythm } = props;
  const [expanded, setExpanded] = React.useState(false);
  const [answering, setAnswering] = React.useState(false);
  // Opened from the Mentoring section: expanded, focused and highlighted.
  const focus = useQuestionFocus(model, question.id, () => setExpanded(true));
  const me = model.username ?? '';
  const role = actingRole(view.group);
  const mayDecide =
    role !== null && (role === 'organizer' || question.author === me);
  const mayAnswer = role !== null && role !== 'follower';
  const upvoted = question.upvoted_by.includes(me);
  return (
    <li
      className={`jp-NerdUp-question${focus.highlighted ? ' jp-mod-highlighted' : ''}`}
      data-question-id={question.id}
      data-status={question.status}
      onBlur={focus.onBlur}
    >
      <div className="jp-NerdUp-questionHead">
        <button
          ref={focus.ref}
          className="jp-NerdUp-linkButton jp-NerdUp-questionTitle"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {question.title}
        </button>
        <span className={`jp-NerdUp-badge jp-NerdUp-q-${question.status}`}>
          {stateLabel(trans, question.status)}
        </span>
      </div>
      <div className="jp-NerdUp-questionMeta">
        {trans.__('asked by')} <Person name={question.author} /> ·{' '}
        {trans._n('%1 answer', '%1 answers', question.answer_count)}
        {role !== null && (
          <UpvoteButton
            kind="question"
            id={question.id}
            upvoted={upvoted}
            count={question.upvotes}
            rhythm={rhythm}
          />
        )}
      </div>
      <QuestionAnchor question={question} view={view} />
      {expanded && (
        <div className="jp-NerdUp-questionBody">
          <Markdown source={question.body} />
          <ul className="jp-NerdUp-answers">
            {question.answers.map(a => (
              <AnswerItem
                key={a.id}
                answer={a}
                question={question}
                mayDecide={mayDecide}
                rhythm={rhythm}
              />
            ))}
          </ul>
          {mayAnswer &&
            question.status !== 'resolved' &&
            (answering ? (
              <InlineForm
                label={trans.__('Your answer')}
                submitLabel={trans.__('Answer')}
                fields={[
                  {
                    name: 'body',
                    label: trans.__('Answer (markdown)'),
                    type: 'textarea'
                  }
                ]}
                onSubmit={async values => {
                  const made = await rhythm.act(
                    () =>
                      rhythm.client.answer(
                        question.id,
                        String(values.body ?? '')
                      ),
                    true
                  );
                  return made !== null;
                }}
                onCancel={() => setAnswering(false)}
              />
            ) : (
              <Button small minimal onClick={() => setAnswering(true)}>
                {trans.__('Answer')}
              </Button>
            ))}
          {mayDecide && (
            <Button
              small
              minimal
              onClick={() =>
                void rhythm.act(() =>
                  rhythm.client.resolve(
                    question.id,
                    question.status !== 'resolved'
                  )
                )
              }
            >
              {question.status === 'resolved'
                ? trans.__('Reopen')
                : trans.__('Mark resolved')}
            </Button>
          )}
        </div>
      )}
    </li>
  );
}

/**
 * What a question is about, when its asker anchored it: a task of the plan (by its title),
 * a snapshot or one of its cells (opened read-only in the snapshot viewer).
 */
export function QuestionAnchor(props: {
  question: IQuestion;
  view: IGroupView;
}): JSX.Element | null {
  const { trans, openSnapshot } = useSidebar();
  const { task_id, snapshot_id, cell_id } = props.question.anchor ?? {};
  if (!task_id && !snapshot_id) {
    return null;
  }
  const task = task_id
    ? props.view.milestones
        .flatMap(m => m.tasks ?? [])
        .find(t => t.id === task_id)
    : undefined;
  const snapshotLabel = cell_id
    ? trans.__('a cell of snapshot #%1', snapshot_id ?? '')
    : trans.__('snapshot #%1', snapshot_id ?? '');
  return (
    <div className="jp-NerdUp-questionAnchor">
      {task_id && (
        <span>
          {task
            ? trans.__('About the task “%1”', task.title)
            : trans.__('About a task no longer in the plan')}
        </span>
      )}
      {snapshot_id && (
        <span>
          {task_id ? ' · ' : trans.__('About') + ' '}
          {openSnapshot ? (
            <button
              className="jp-NerdUp-linkButton"
              onClick={() =>
                openSnapshot(snapshot_id, false, cell_id ?? undefined)
              }
              title={
                cell_id
                  ? trans.__(
                      'Open snapshot #%1 read-only at the cell',
                      snapshot_id
                    )
                  : trans.__('Open snapshot #%1 read-only', snapshot_id)
              }
            >
              {snapshotLabel}
            </button>
          ) : (
            snapshotLabel
          )}
        </span>
      )}
    </div>
  );
}

function AnswerItem(props: {
  answer: IAnswer;
  question: IQuestion;
  mayDecide: boolean;
  rhythm: IRhythm;
}): JSX.Element {
  const { trans, model } = useSidebar();
  const { answer, question, mayDecide, rhythm } = props;
  const me = model.username ?? '';
  const upvoted = answer.upvoted_by.includes(me);
  return (
    <li
      className={`jp-NerdUp-answer${answer.accepted ? ' jp-mod-accepted' : ''}`}
      data-answer-id={answer.id}
    >
      <Markdown source={answer.body} />
      <div className="jp-NerdUp-questionMeta">
        {trans.__('by')} <Person name={answer.author} />
        {answer.accepted && (
          <span className="jp-NerdUp-badge jp-NerdUp-q-accepted">
            <checkIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
            {trans.__('accepted')}
          </span>
        )}
        <UpvoteButton
          kind="answer"
          id={answer.id}
          upvoted={upvoted}
          count={answer.upvotes}
          rhythm={rhythm}
        />
        {mayDecide && !answer.accepted && question.status !== 'resolved' && (
          <Button
            small
            minimal
            onClick={() =>
              void rhythm.act(() =>
                rhythm.client.accept(question.id, answer.id)
              )
            }
          >
            {trans.__('Accept')}
          </Button>
        )}
      </div>
    </li>
  );
}

/** The upvote toggle of a question or an answer: pressed while the user's vote stands. */
function UpvoteButton(props: {
  kind: 'question' | 'answer';
  id: number;
  upvoted: boolean;
  count: number;
  rhythm: IRhythm;
}): JSX.Element {
  const { trans } = useSidebar();
  const { kind, id, upvoted, count, rhythm } = props;
  const label = upvoted ? trans.__('Take back upvote') : trans.__('Upvote');
  return (
    <Button
      small
      minimal
      title={label}
      aria-label={label}
      aria-pressed={upvoted}
      onClick={() =>
        void rhythm.act(() => rhythm.client.upvote(kind, id, !upvoted))
      }
    >
      <caretUpIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
      {count}
    </Button>
  );
}
