import * as React from 'react';

import { TranslationBundle } from '@jupyterlab/translation';
import { Button, launchIcon } from '@jupyterlab/ui-components';

import { useSidebar } from '../components/context';
import { InlineForm } from '../components/InlineForm';
import { Markdown } from '../components/Markdown';
import { SnapshotLinks } from '../components/SnapshotLinks';
import { actingRole, currentMilestone } from '../model/derive';
import { IGroupView } from '../model/types';
import { exportBlogPost } from './blogexport';
import { exportPortfolio } from './portfolio';
import { presentJourney } from './present';
import { PublicLinks } from './PublicLinks';
import { IRhythm } from './useRhythm';
import { IReflection } from './types';

export interface IShowcaseProps {
  view: IGroupView;
  rhythm: IRhythm;
}

/** Writing about the journey: reflections, linked posts, blog export, the report. */
export function Showcase(props: IShowcaseProps): JSX.Element {
  const { trans, openPath, model } = useSidebar();
  const { view, rhythm } = props;
  const [form, setForm] = React.useState<'reflect' | 'post' | null>(null);
  // Writing is for members of a group that is not archived; the report only reads.
  const role = actingRole(view.group);
  const shown = rhythm.data.showcase;
  const milestone = currentMilestone(view.milestones);
  // Organizers and mentors present at any time; every member once the group is finished.
  const finished =
    view.group.status === 'finished' || view.group.status === 'archived';
  const presenter =
    view.group.my_role === 'organizer' ||
    view.group.my_role === 'mentor' ||
    (view.group.my_role !== null && finished);
  return (
    <section
      className="jp-NerdUp-section jp-NerdUp-showcase"
      aria-labelledby="jp-NerdUp-show-h"
    >
      <h3 id="jp-NerdUp-show-h" className="jp-NerdUp-sectionTitle">
        {trans.__('Showcase')}
      </h3>
      {shown && shown.posts.length === 0 && shown.reflections.length === 0 && (
        <p className="jp-NerdUp-empty">
          {trans.__('No posts or reflections yet.')}
        </p>
      )}
      <ul className="jp-NerdUp-posts">
        {shown?.posts.map(p => (
          <li key={p.id}>
            <a href={p.url} target="_blank" rel="noopener noreferrer">
              {p.title}
            </a>{' '}
            <span className="jp-NerdUp-actor">
              {trans.__('by %1', p.author)}
            </span>
            {p.snapshot_id !== null && (
              <div>
                <SnapshotLinks
                  snapshotId={p.snapshot_id}
                  label={trans.__('The snapshot it is about')}
                />
              </div>
            )}
          </li>
        ))}
      </ul>
      {shown?.reflections.slice(0, 5).map(r => (
        <ReflectionItem
          key={r.id}
          reflection={r}
          stage={
            view.milestones.find(m => m.id === r.milestone_id)?.title ?? null
          }
        />
      ))}
      {role !== null && form === 'reflect' && (
        <InlineForm
          label={
            milestone
              ? trans.__('Reflect on the stage “%1”', milestone.title)
              : trans.__('Reflect on this round')
          }
          submitLabel={trans.__('Post reflection')}
          fields={[
            { name: 'did', label: trans.__('What I did'), type: 'textarea' },
            {
              name: 'learned',
              label: trans.__('What I learned'),
              type: 'textarea'
            },
            { name: 'hard', label: trans.__('What was hard'), type: 'textarea' }
          ]}
          onSubmit={async values => {
            const made = await rhythm.act(
              () =>
                rhythm.client.reflect(view.group.id, {
                  milestone_id: milestone?.id ?? null,
                  round: milestone ? undefined : view.group.title,
                  did: String(values.did ?? ''),
                  learned: String(values.learned ?? ''),
                  hard: String(values.hard ?? '')
                }),
              true
            );
            return made !== null;
          }}
          onCancel={() => setForm(null)}
        />
      )}
      {role !== null && form === 'post' && (
        <InlineForm
          label={trans.__('Link a blog post')}
          submitLabel={trans.__('Share')}
          fields={[
            { name: 'title', label: trans.__('Title') },
            { name: 'url', label: trans.__('URL') }
          ]}
          onSubmit={async values => {
            const made = await rhythm.act(
              () =>
                rhythm.client.sharePost(view.group.id, {
                  title: String(values.title ?? ''),
                  url: String(values.url ?? '')
                }),
              true
            );
            return made !== null;
          }}
          onCancel={() => setForm(null)}
        />
      )}
      {(role !== null || presenter) && form === null && (
        <div className="jp-NerdUp-buttonRow">
          {role !== null && (
            <>
              <Button small minimal onClick={() => setForm('reflect')}>
                {trans.__('Write a reflection')}
              </Button>
              <Button small minimal onClick={() => setForm('post')}>
                {trans.__('Link a post')}
              </Button>
              <Button
                small
                minimal
                className="jp-NerdUp-exportPortfolio"
                title={trans.__(
                  'My own snapshots of all my groups, with a README of groups, tasks and posts, as a git repository'
                )}
                onClick={() =>
                  void exportPortfolio(rhythm.client, trans).catch(error =>
                    model.reportFailure(error)
                  )
                }
              >
                {trans.__('Export my portfolio')}
              </Button>
            </>
          )}
          {presenter && (
            <Button
              small
              className="jp-NerdUp-present"
              onClick={() =>
                void presentJourney({
                  groupId: view.group.id,
                  trans,
                  client: rhythm.client
                }).catch(error => model.reportFailure(error))
              }
            >
              {trans.__('Present')}
            </Button>
          )}
          {presenter && (
            <a
              className="jp-NerdUp-linkButton"
              href={rhythm.client.reportUrl(view.group.id)}
              download
            >
              <launchIcon.react tag="span" className="jp-NerdUp-inlineIcon" />
              {trans.__('Journey report')}
            </a>
          )}
        </div>
      )}
      <PublicLinks
        groupId={view.group.id}
        open={view.group.visibility === 'open'}
        client={rhythm.client}
        trans={trans}
      />
      {view.snapshots.length > 0 && (
        <>
          <h4 className="jp-NerdUp-subTitle">
            {trans.__('Write about a snapshot')}
          </h4>
          <ul className="jp-NerdUp-snapshots">
            {view.snapshots.slice(0, 3).map(s => (
              <li key={String(s.id)}>
                <SnapshotLinks
                  snapshotId={Number(s.id)}
                  path={s.path ? String(s.path) : null}
                />{' '}
                <Button
                  small
                  minimal
                  className="jp-NerdUp-exportPost"
                  onClick={() =>
                    void exportBlogPost({
                      snapshotId: Number(s.id),
                      trans,
                      client: rhythm.client,
                      openPath
                    }).catch(error => model.reportFailure(error))
                  }
                >
                  {trans.__('Export as blog post')}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** What a reflection is about: its stage (by title), else its round, in full. */
export function reflectionAbout(
  trans: TranslationBundle,
  name: string,
  reflection: IReflection,
  stage: string | null
): string {
  if (stage) {
    return trans.__('%1 on the stage “%2”', name, stage);
  }
  if (reflection.round) {
    return trans.__('%1 on %2', name, reflection.round);
  }
  return name;
}

function ReflectionItem(props: {
  reflection: IReflection;
  stage: string | null;
}): JSX.Element {
  const { trans } = useSidebar();
  const r = props.reflection;
  return (
    <blockquote className="jp-NerdUp-reflection">
      <div className="jp-NerdUp-reflectionHead">
        {reflectionAbout(trans, r.author, r, props.stage)}
      </div>
      {r.did && (
        <>
          <em>{trans.__('What I did')}</em>
          <Markdown source={r.did} />
        </>
      )}
      {r.learned && (
        <>
          <em>{trans.__('What I learned')}</em>
          <Markdown source={r.learned} />
        </>
      )}
      {r.hard && (
        <>
          <em>{trans.__('What was hard')}</em>
          <Markdown source={r.hard} />
        </>
      )}
    </blockquote>
  );
}
