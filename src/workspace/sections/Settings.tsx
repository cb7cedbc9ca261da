import * as React from 'react';

import { Dialog, showDialog } from '@jupyterlab/apputils';
import { Button, HTMLSelect } from '@jupyterlab/ui-components';

import { NerdUpApiError } from '../../api';
import { useSidebar } from '../../components/context';
import { roleLabel } from '../../components/GroupCard';
import { Person } from '../../components/Person';
import { HubGroupClient } from '../../hubgroups/client';
import { HubGroupLink } from '../../hubgroups/HubGroupLink';
import { IGroupInput } from '../../model/client';
import { IGroup, IMilestone, Role } from '../../model/types';
import { moveItem } from '../sections';
import { ISectionProps } from './Overview';

const ROLES: Role[] = ['organizer', 'participant', 'mentor', 'follower'];

type Run = (write: () => Promise<unknown>) => Promise<boolean>;

/** The failure of a write in words, with the server's field errors. */
function describe(error: unknown): {
  text: string;
  fields: Record<string, string>;
} {
  if (error instanceof NerdUpApiError) {
    return { text: error.message, fields: error.fields };
  }
  return { text: String(error), fields: {} };
}

/** For organisers: the group's details, its people, the plan's order, closing a stage. */
export function Settings(props: ISectionProps): JSX.Element {
  const { model, trans } = useSidebar();
  const { group, milestones } = props.view;
  const [error, setError] = React.useState<string | null>(null);
  const [fields, setFields] = React.useState<Record<string, string>>({});
  const hubGroups = React.useMemo(
    () => new HubGroupClient(model.client.settings),
    [model]
  );
  const run: Run = async write => {
    try {
      await write();
      setError(null);
      setFields({});
      await model.refreshCurrent();
      await model.refreshMe();
      return true;
    } catch (e) {
      const failure = describe(e);
      setError(failure.text);
      setFields(failure.fields);
      return false;
    }
  };
  return (
    <div className="jp-NerdUp-roomSettings">
      {error && (
        <div className="jp-NerdUp-notice jp-NerdUp-notice-error" role="alert">
          {error}
        </div>
      )}
      <GroupDetails group={group} run={run} fields={fields} />
      <Members group={group} run={run} />
      <Order group={group} milestones={milestones} run={run} />
      <CloseStage milestones={milestones} run={run} />
      <HubGroupLink
        groupId={group.id}
        groupTitle={group.title}
        isOrganizer={group.my_role === 'organizer'}
        client={hubGroups}
        trans={trans}
        revision={group.version}
        onChanged={() => void model.refreshCurrent()}
      />
    </div>
  );
}

function GroupDetails(props: {
  group: IGroup;
  run: Run;
  fields: Record<string, string>;
}): JSX.Element {
  const { model, trans } = useSidebar();
  const { group, fields } = props;
  const initial = React.useCallback(
    () => ({
      title: group.title,
      description: group.description,
      deadline: group.deadline ?? '',
      visibility: group.visibility,
      adoption_rule: group.adoption_rule,
      join_rule: group.join_rule ?? 'anyone',
      status: group.status
    }),
    [group]
  );
  const [values, setValues] = React.useState(initial);
  const [saved, setSaved] = React.useState(false);
  // A teammate's change (a new version) shows when nothing is being typed.
  const [version, setVersion] = React.useState(group.version);
  if (group.version !== version) {
    setVersion(group.version);
    setValues(initial());
  }
  const set = (key: keyof ReturnType<typeof initial>) => (value: string) => {
    setSaved(false);
    setValues(v => ({ ...v, [key]: value }));
  };
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const data: IGroupInput = {
      title: values.title,
      description: values.description,
      deadline: values.deadline || null,
      visibility: values.visibility as IGroupInput['visibility'],
      adoption_rule: values.adoption_rule as IGroupInput['adoption_rule'],
      join_rule: values.join_rule as IGroupInput['join_rule'],
      status: values.status as IGroupInput['status']
    };
    const ok = await props.run(() =>
      model.client.updateGroup(group.id, group.version, data)
    );
    setSaved(ok);
  };
  const id = (name: string) => `jp-NerdUp-settings-${group.id}-${name}`;
  const error = (name: string) =>
    fields[name] ? (
      <span className="jp-NerdUp-fieldError" role="alert">
        {fields[name]}
      </span>
    ) : null;
  const statuses: { value: IGroup['status']; label: string }[] = [
    { value: 'forming', label: trans.__('Forming: finding people and a plan') },
    { value: 'active', label: trans.__('Active: working on the plan') },
    { value: 'finished', label: trans.__('Finished') },
    { value: 'archived', label: trans.__('Archived: read-only') }
  ];
  return (
    <section className="jp-NerdUp-section">
      <h3 className="jp-NerdUp-sectionTitle">{trans.__('The group')}</h3>
      <form
        className="jp-NerdUp-settingsForm"
        aria-label={trans.__('The group')}
        onSubmit={e => void save(e)}
      >
        <label htmlFor={id('title')}>{trans.__('Title')}</label>
        <input
          id={id('title')}
          className="jp-mod-styled"
          value={values.title}
          onChange={e => set('title')(e.target.value)}
        />
        {error('title')}
        <label htmlFor={id('description')}>
          {trans.__('Description (Markdown works)')}
        </label>
        <textarea
          id={id('description')}
          className="jp-mod-styled"
          rows={4}
          value={values.description}
          onChange={e => set('description')(e.target.value)}
        />
        {error('description')}
        <label htmlFor={id('deadline')}>{trans.__('Deadline')}</label>
        <input
          id={id('deadline')}
          type="date"
          className="jp-mod-styled"
          value={values.deadline}
          onChange={e => set('deadline')(e.target.value)}
        />
        {error('deadline')}
        <label htmlFor={id('visibility')}>{trans.__('Who can see it')}</label>
        <HTMLSelect
          id={id('visibility')}
          value={values.visibility}
          onChange={e => set('visibility')(e.target.value)}
          options={[
            {
              value: 'open',
              label: trans.__('Everyone (listed in the directory)')
            },
            { value: 'members', label: trans.__('Members only') }
          ]}
        />
        <label htmlFor={id('join')}>{trans.__('How people join')}</label>
        <HTMLSelect
          id={id('join')}
          value={values.join_rule}
          disabled={values.visibility !== 'open'}
          aria-describedby={id('join-hint')}
          onChange={e => set('join_rule')(e.target.value)}
          options={[
            {
              value: 'anyone',
              label: trans.__('Anyone joins as a participant')
            },
            {
              value: 'request',
              label: trans.__('By request: an organiser accepts each person')
            }
          ]}
        />
        <span id={id('join-hint')} className="jp-NerdUp-hint">
          {values.visibility === 'open'
            ? trans.__('Following the group is free either way.')
            : trans.__(
                'A members-only group is joined when an organiser adds the person.'
              )}
        </span>
        {error('join_rule')}
        <label htmlFor={id('adoption')}>
          {trans.__('How proposals are adopted')}
        </label>
        <HTMLSelect
          id={id('adoption')}
          value={values.adoption_rule}
          onChange={e => set('adoption_rule')(e.target.value)}
          options={[
            { value: 'organizer', label: trans.__('An organiser decides') },
            {
              value: 'majority',
              label: trans.__('A majority of participants decides')
            }
          ]}
        />
        <label htmlFor={id('status')}>{trans.__('Where the group is')}</label>
        <HTMLSelect
          id={id('status')}
          value={values.status}
          onChange={e => set('status')(e.target.value)}
          options={
            group.status === 'archived'
              ? [
                  statuses[3],
                  { value: 'active', label: trans.__('Back from the archive') }
                ]
              : statuses
          }
        />
        {error('status')}
        <div className="jp-NerdUp-actions">
          <Button type="submit">{trans.__('Save changes')}</Button>
          {saved && (
            <span role="status" className="jp-NerdUp-muted">
              {trans.__('Saved.')}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}

function Members(props: { group: IGroup; run: Run }): JSX.Element {
  const { model, trans } = useSidebar();
  const { group, run } = props;
  const [name, setName] = React.useState('');
  const [role, setRole] = React.useState<Role>('participant');
  const members = group.members ?? [];
  const remove = async (username: string) => {
    const result = await showDialog({
      title: trans.__('Remove %1 from “%2”?', username, group.title),
      body: trans.__(
        'Their claims on tasks are given back; what they did stays in the history.'
      ),
      buttons: [
        Dialog.cancelButton({ label: trans.__('Keep') }),
        Dialog.warnButton({ label: trans.__('Remove') })
      ]
    });
    if (result.button.accept) {
      await run(() => model.client.leave(group.id, username));
    }
  };
  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      return;
    }
    if (await run(() => model.client.addMember(group.id, name.trim(), role))) {
      setName('');
    }
  };
  const addId = `jp-NerdUp-settings-${group.id}-add`;
  return (
    <section className="jp-NerdUp-section">
      <h3 className="jp-NerdUp-sectionTitle">{trans.__('People')}</h3>
      <ul
        className="jp-NerdUp-settingsMembers"
        aria-label={trans.__('Members')}
      >
        {members.map(m => (
          <li key={m.username} className="jp-NerdUp-settingsMember">
            <span className="jp-NerdUp-ellipsis">
              <Person name={m.username} />
            </span>
            <HTMLSelect
              aria-label={trans.__('Role of %1', m.username)}
              value={m.role}
              onChange={e =>
                void run(() =>
                  model.client.changeRole(
                    group.id,
                    m.username,
                    e.target.value as Role,
                    m.version
                  )
                )
              }
              options={ROLES.map(r => ({
                value: r,
                label: roleLabel(trans, r)
              }))}
            />
            {m.role !== 'organizer' ? (
              <span />
            ) : (
              <label className="jp-NerdUp-alsoMentor">
                <input
                  type="checkbox"
                  checked={!!m.also_mentor}
                  aria-label={trans.__('%1 mentors the group too', m.username)}
                  onChange={e => {
                    const value = e.target.checked;
                    void run(() =>
                      model.client.setAlsoMentor(
                        group.id,
                        m.username,
                        value,
                        m.version
                      )
                    );
                  }}
                />
                {trans.__('mentors too')}
              </label>
            )}
            <Button
              small
              minimal
              aria-label={trans.__('Remove %1', m.username)}
              onClick={() => void remove(m.username)}
            >
              {trans.__('Remove')}
            </Button>
          </li>
        ))}
      </ul>
      <form
        className="jp-NerdUp-settingsAdd"
        aria-label={trans.__('Add a person')}
        onSubmit={e => void add(e)}
      >
        <label htmlFor={addId}>{trans.__('Add a person by user name')}</label>
        <input
          id={addId}
          className="jp-mod-styled"
          value={name}
          onChange={e => setName(e.target.value)}
        />
        <HTMLSelect
          aria-label={trans.__('Role of the new member')}
          value={role}
          onChange={e => setRole(e.target.value as Role)}
          options={ROLES.map(r => ({ value: r, label: roleLabel(trans, r) }))}
        />
        <Button type="submit">{trans.__('Add')}</Button>
      </form>
    </section>
  );
}

function Order(props: {
  group: IGroup;
  milestones: IMilestone[];
  run: Run;
}): JSX.Element {
  const { model, trans } = useSidebar();
  const { group, milestones, run } = props;
  const ids = milestones.map(m => m.id);
  const move = (index: number, by: number) =>
    void run(() =>
      model.client.reorderMilestones(group.id, moveItem(ids, index, by))
    );
  return (
    <section className="jp-NerdUp-section">
      <h3 className="jp-NerdUp-sectionTitle">
        {trans.__('Order of the plan')}
      </h3>
      {milestones.length === 0 ? (
        <p className="jp-NerdUp-empty">
          {trans.__('The plan has no stage yet.')}
        </p>
      ) : (
        <ol
          className="jp-NerdUp-settingsOrder"
          aria-label={trans.__('Stages in order')}
        >
          {milestones.map((m, i) => (
            <li key={m.id}>
              <span className="jp-NerdUp-ellipsis" title={m.title}>
                {m.title}
              </span>
              <Button
                small
                minimal
                disabled={i === 0}
                aria-label={trans.__('Move %1 up', m.title)}
                onClick={() => move(i, -1)}
              >
                {trans.__('Up')}
              </Button>
              <Button
                small
                minimal
                disabled={i === milestones.length - 1}
                aria-label={trans.__('Move %1 down', m.title)}
                onClick={() => move(i, 1)}
              >
                {trans.__('Down')}
              </Button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function CloseStage(props: {
  milestones: IMilestone[];
  run: Run;
}): JSX.Element | null {
  const { model, trans } = useSidebar();
  const open = props.milestones.filter(m => m.status !== 'done');
  const [chosen, setChosen] = React.useState<number | null>(null);
  const [obstacles, setObstacles] = React.useState('');
  const [solutions, setSolutions] = React.useState('');
  if (open.length === 0) {
    return null;
  }
  const stage = open.find(m => m.id === chosen) ?? open[0];
  const close = async (event: React.FormEvent) => {
    event.preventDefault();
    const ok = await props.run(() =>
      model.client.updateMilestone(stage.id, stage.version, {
        status: 'done',
        retrospective: { obstacles, solutions }
      })
    );
    if (ok) {
      setObstacles('');
      setSolutions('');
      setChosen(null);
    }
  };
  const base = 'jp-NerdUp-settings-close';
  return (
    <section className="jp-NerdUp-section">
      <h3 className="jp-NerdUp-sectionTitle">{trans.__('Close a stage')}</h3>
      <form
        className="jp-NerdUp-settingsForm"
        aria-label={trans.__('Close a stage')}
        onSubmit={e => void close(e)}
      >
        <label htmlFor={`${base}-stage`}>{trans.__('Stage')}</label>
        <HTMLSelect
          id={`${base}-stage`}
          value={String(stage.id)}
          onChange={e => setChosen(Number(e.target.value))}
          options={open.map(m => ({ value: String(m.id), label: m.title }))}
        />
        <label htmlFor={`${base}-obstacles`}>
          {trans.__('What stood in the way')}
        </label>
        <textarea
          id={`${base}-obstacles`}
          className="jp-mod-styled"
          rows={3}
          value={obstacles}
          onChange={e => setObstacles(e.target.value)}
        />
        <label htmlFor={`${base}-solutions`}>
          {trans.__('How we solved it')}
        </label>
        <textarea
          id={`${base}-solutions`}
          className="jp-mod-styled"
          rows={3}
          value={solutions}
          onChange={e => setSolutions(e.target.value)}
        />
        <div className="jp-NerdUp-actions">
          <Button type="submit">{trans.__('Close the stage')}</Button>
        </div>
      </form>
    </section>
  );
}
