import * as React from 'react';

import { Button, HTMLSelect, InputGroup } from '@jupyterlab/ui-components';

import { NerdUpApiError } from '../api';
import { ITemplateSummary } from '../model/types';
import { useSidebar } from './context';
import { FieldError, IFormErrors, NO_ERRORS } from './FieldError';

export interface INewGroupFormProps {
  onDone: () => void;
}

/** "New group": title, description, deadline, visibility, optional template. */
export function NewGroupForm(props: INewGroupFormProps): JSX.Element {
  const { model, trans } = useSidebar();
  const [title, setTitle] = React.useState('');
  const [description, setDescription] = React.useState('');
  const [deadline, setDeadline] = React.useState('');
  const [start, setStart] = React.useState('');
  const [visibility, setVisibility] = React.useState<'open' | 'members'>(
    'open'
  );
  const [template, setTemplate] = React.useState('');
  const [templates, setTemplates] = React.useState<ITemplateSummary[]>([]);
  const [errors, setErrors] = React.useState<IFormErrors>(NO_ERRORS);
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    let live = true;
    model.client
      .templates()
      .then(found => live && setTemplates(found ?? []))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [model]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await model.actions.createGroup(
        {
          title,
          description,
          deadline: deadline || null,
          start_date: start || null,
          visibility
        },
        template || undefined
      );
      props.onDone();
    } catch (error) {
      setErrors(
        error instanceof NerdUpApiError
          ? {
              message:
                Object.keys(error.fields).length > 0
                  ? trans.__('Please correct the marked fields.')
                  : error.message,
              fields: error.fields
            }
          : { message: String(error), fields: {} }
      );
      setBusy(false);
    }
  };

  const f = errors.fields;
  const chosen = templates.find(t => t.id === template);
  return (
    <form
      className="jp-NerdUp-form"
      onSubmit={submit}
      aria-label={trans.__('New group')}
      noValidate
    >
      <h3 className="jp-NerdUp-formTitle">{trans.__('New group')}</h3>
      {errors.message && (
        <div className="jp-NerdUp-formError" role="alert">
          {errors.message}
        </div>
      )}
      <label htmlFor="jp-NerdUp-ng-title">{trans.__('Title')}</label>
      <InputGroup
        id="jp-NerdUp-ng-title"
        value={title}
        autoFocus
        aria-invalid={!!f.title}
        aria-describedby="jp-NerdUp-ng-title-error"
        placeholder={trans.__('e.g. Kaggle house prices, autumn round')}
        onChange={e => setTitle(e.target.value)}
      />
      <FieldError id="jp-NerdUp-ng-title-error" message={f.title} />
      <label htmlFor="jp-NerdUp-ng-desc">
        {trans.__('Description (markdown)')}
      </label>
      <textarea
        id="jp-NerdUp-ng-desc"
        className="jp-NerdUp-textarea"
        rows={3}
        value={description}
        aria-invalid={!!f.description}
        aria-describedby="jp-NerdUp-ng-desc-error"
        onChange={e => setDescription(e.target.value)}
      />
      <FieldError id="jp-NerdUp-ng-desc-error" message={f.description} />
      <label htmlFor="jp-NerdUp-ng-start">{trans.__('First session')}</label>
      <InputGroup
        id="jp-NerdUp-ng-start"
        type="date"
        value={start}
        aria-invalid={!!f.start_date}
        aria-describedby="jp-NerdUp-ng-start-error"
        onChange={e => setStart(e.target.value)}
      />
      <FieldError id="jp-NerdUp-ng-start-error" message={f.start_date} />
      <label htmlFor="jp-NerdUp-ng-deadline">{trans.__('Deadline')}</label>
      <InputGroup
        id="jp-NerdUp-ng-deadline"
        type="date"
        value={deadline}
        aria-invalid={!!f.deadline}
        aria-describedby="jp-NerdUp-ng-deadline-error"
        onChange={e => setDeadline(e.target.value)}
      />
      <FieldError id="jp-NerdUp-ng-deadline-error" message={f.deadline} />
      <label htmlFor="jp-NerdUp-ng-vis">{trans.__('Who can find it')}</label>
      <HTMLSelect
        id="jp-NerdUp-ng-vis"
        value={visibility}
        onChange={e => setVisibility(e.target.value as 'open' | 'members')}
        options={[
          { value: 'open', label: trans.__('Everyone (open group)') },
          { value: 'members', label: trans.__('Members only') }
        ]}
      />
      {templates.length > 0 && (
        <>
          <label htmlFor="jp-NerdUp-ng-template">
            {trans.__('Start from template')}
          </label>
          <HTMLSelect
            id="jp-NerdUp-ng-template"
            value={template}
            onChange={e => setTemplate(e.target.value)}
            options={[
              { value: '', label: trans.__('Empty plan') },
              ...templates.map(t => ({
                value: t.id,
                label: trans.__(
                  '%1 (%2 milestones, %3 days)',
                  t.name,
                  t.milestones,
                  t.days
                )
              }))
            ]}
          />
          {chosen && <p className="jp-NerdUp-hint">{chosen.summary}</p>}
        </>
      )}
      <div className="jp-NerdUp-actions">
        <Button type="submit" className="jp-NerdUp-primary" disabled={busy}>
          {trans.__('Create group')}
        </Button>
        <Button type="button" minimal onClick={props.onDone}>
          {trans.__('Cancel')}
        </Button>
      </div>
    </form>
  );
}
