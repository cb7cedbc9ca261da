import * as React from 'react';

import { Button, InputGroup } from '@jupyterlab/ui-components';

import { NerdUpApiError } from '../api';
import { useSidebar } from './context';
import { FieldError, IFormErrors, NO_ERRORS } from './FieldError';

export interface IInlineField {
  name: string;
  label: string;
  type?: 'text' | 'date' | 'textarea' | 'checkbox';
}

export interface IInlineFormProps {
  /** Accessible name and heading of the form, e.g. "Add milestone". */
  label: string;
  submitLabel: string;
  fields: IInlineField[];
  /** Resolves true when saved; throws NerdUpApiError(400) with field errors. */
  onSubmit: (values: Record<string, string | boolean>) => Promise<boolean>;
  onCancel: () => void;
}

/** A small form for adding a milestone, task or proposal, with the API's field errors. */
export function InlineForm(props: IInlineFormProps): JSX.Element {
  const { trans } = useSidebar();
  const [values, setValues] = React.useState<Record<string, string | boolean>>(
    {}
  );
  const [errors, setErrors] = React.useState<IFormErrors>(NO_ERRORS);
  const [busy, setBusy] = React.useState(false);
  const baseId = React.useMemo(
    () => `jp-NerdUp-f${Math.random().toString(36).slice(2, 8)}`,
    []
  );
  const set = (name: string, value: string | boolean) =>
    setValues(old => ({ ...old, [name]: value }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const clean: Record<string, string | boolean> = {};
      for (const field of props.fields) {
        const value = values[field.name];
        if (value !== undefined && value !== '') {
          clean[field.name] = value;
        } else if (field.type === 'date' || field.type === 'checkbox') {
          continue;
        } else if (field === props.fields[0]) {
          clean[field.name] = ''; // let the server name a missing title
        }
      }
      if (await props.onSubmit(clean)) {
        setValues({});
        setErrors(NO_ERRORS);
        props.onCancel();
      }
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
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="jp-NerdUp-form jp-NerdUp-inlineForm"
      onSubmit={submit}
      aria-label={props.label}
      noValidate
    >
      {errors.message && (
        <div className="jp-NerdUp-formError" role="alert">
          {errors.message}
        </div>
      )}
      {props.fields.map((field, index) => {
        const id = `${baseId}-${field.name}`;
        const error = errors.fields[field.name];
        const common = {
          id,
          'aria-invalid': !!error,
          'aria-describedby': `${id}-error`
        };
        if (field.type === 'checkbox') {
          return (
            <label key={field.name} className="jp-NerdUp-check">
              <input
                {...common}
                type="checkbox"
                checked={!!values[field.name]}
                onChange={e => set(field.name, e.target.checked)}
              />
              {field.label}
            </label>
          );
        }
        return (
          <React.Fragment key={field.name}>
            <label htmlFor={id}>{field.label}</label>
            {field.type === 'textarea' ? (
              <textarea
                {...common}
                className="jp-NerdUp-textarea"
                rows={2}
                value={String(values[field.name] ?? '')}
                onChange={e => set(field.name, e.target.value)}
              />
            ) : (
              <InputGroup
                {...common}
                type={field.type ?? 'text'}
                autoFocus={index === 0}
                value={String(values[field.name] ?? '')}
                onChange={e => set(field.name, e.target.value)}
              />
            )}
            <FieldError id={`${id}-error`} message={error} />
          </React.Fragment>
        );
      })}
      <div className="jp-NerdUp-actions">
        <Button
          type="submit"
          className="jp-NerdUp-primary"
          small
          disabled={busy}
        >
          {props.submitLabel}
        </Button>
        <Button type="button" small minimal onClick={props.onCancel}>
          {trans.__('Cancel')}
        </Button>
      </div>
    </form>
  );
}
