import * as React from 'react';

import { Button, HTMLSelect, InputGroup } from '@jupyterlab/ui-components';

import { NerdUpApiError } from '../api';
import { FormConflict, FormValues } from '../model/editing';
import { useSidebar } from './context';
import { FieldError, IFormErrors, NO_ERRORS } from './FieldError';

export interface IInlineField {
  name: string;
  label: string;
  type?: 'text' | 'date' | 'textarea' | 'checkbox' | 'number' | 'select';
  /** A select's choices, the first one shown first (and sent only when picked). */
  options?: { value: string; label: string }[];
}

export interface IInlineFormProps {
  /** Accessible name and heading of the form, e.g. "Add milestone". */
  label: string;
  submitLabel: string;
  fields: IInlineField[];
  /**
   * Resolves true when saved; throws NerdUpApiError(400) with field errors, a
   * FormConflict when someone changed the record meanwhile, or any error to show.
   */
  onSubmit: (values: FormValues) => Promise<boolean>;
  onCancel: () => void;
  /** Editing: the record's values. Every field is then submitted as it stands. */
  initial?: FormValues;
  /**
   * Inside a Dialog: no buttons of its own (the dialog's buttons call `submit`), and no
   * focus of its own: the dialog focuses the first field once it is shown. Both at once
   * moved the keyboard back to the first field while someone was typing in another (a
   * flaky browser test on a loaded machine: "2026-12-06 19:07Plotting night").
   */
  embedded?: boolean;
}

/** What a dialog holding the form may call. */
export interface IInlineFormHandle {
  /** Submit as the form's own button would; true when saved. */
  submit(): Promise<boolean>;
}

/**
 * A small form for adding (or editing) a milestone, task or proposal, with the API's
 * field errors and, when an edit was stale, the teammate's version next to the user's.
 */
export const InlineForm = React.forwardRef<IInlineFormHandle, IInlineFormProps>(
  (props, ref): JSX.Element => {
    const { trans } = useSidebar();
    const [values, setValues] = React.useState<FormValues>(props.initial ?? {});
    const [errors, setErrors] = React.useState<IFormErrors>(NO_ERRORS);
    const [conflict, setConflict] = React.useState<FormConflict | null>(null);
    const [busy, setBusy] = React.useState(false);
    const baseId = React.useMemo(
      () => `jp-NerdUp-f${Math.random().toString(36).slice(2, 8)}`,
      []
    );
    const set = (name: string, value: string | boolean) =>
      setValues(old => ({ ...old, [name]: value }));

    const collect = (): FormValues => {
      if (props.initial) {
        return { ...values };
      }
      const clean: FormValues = {};
      for (const field of props.fields) {
        const value = values[field.name];
        if (value !== undefined && value !== '') {
          clean[field.name] = value;
        } else if (
          field.type === 'date' ||
          field.type === 'checkbox' ||
          field.type === 'select'
        ) {
          continue;
        } else if (field === props.fields[0]) {
          clean[field.name] = ''; // let the server name a missing title
        }
      }
      return clean;
    };

    const run = async (): Promise<boolean> => {
      setBusy(true);
      try {
        if (await props.onSubmit(collect())) {
          if (!props.initial) {
            setValues({});
          }
          setErrors(NO_ERRORS);
          setConflict(null);
          if (!props.embedded) {
            props.onCancel();
          }
          return true;
        }
        return false;
      } catch (error) {
        if (error instanceof FormConflict) {
          setValues(error.values);
          setConflict(error);
          setErrors(NO_ERRORS);
        } else {
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
        }
        return false;
      } finally {
        setBusy(false);
      }
    };
    React.useImperativeHandle(ref, () => ({ submit: run }));

    const submit = (event: React.FormEvent) => {
      event.preventDefault();
      void run();
    };
    const keyDown = (event: React.KeyboardEvent) => {
      // In a dialog, the dialog handles Escape (cancel) itself.
      if (event.key === 'Escape' && !props.embedded) {
        event.preventDefault();
        props.onCancel();
      }
    };
    const shown = (field: IInlineField, value: string | boolean | undefined) =>
      field.type === 'checkbox'
        ? value
          ? trans.__('yes')
          : trans.__('no')
        : String(value ?? '') || trans.__('(empty)');

    return (
      <form
        className={`jp-NerdUp-form${props.embedded ? ' jp-NerdUp-dialogForm' : ' jp-NerdUp-inlineForm'}`}
        onSubmit={submit}
        onKeyDown={keyDown}
        aria-label={props.label}
        aria-busy={busy}
        noValidate
      >
        {errors.message && (
          <div className="jp-NerdUp-formError" role="alert">
            {errors.message}
          </div>
        )}
        {conflict && (
          <div className="jp-NerdUp-conflict" role="alert">
            <p className="jp-NerdUp-conflict-message">{conflict.message}</p>
            {conflict.changed.length > 0 ? (
              <dl
                className="jp-NerdUp-conflict-theirs"
                aria-label={trans.__('Their version')}
              >
                {props.fields
                  .filter(f => conflict.changed.includes(f.name))
                  .map(field => (
                    <React.Fragment key={field.name}>
                      <dt>{field.label}</dt>
                      <dd>
                        {shown(field, conflict.theirs[field.name])}
                        {conflict.clashes.includes(field.name) && (
                          <span className="jp-NerdUp-conflict-clash">
                            {trans.__(
                              'You changed this too: your text is kept below.'
                            )}
                          </span>
                        )}
                      </dd>
                    </React.Fragment>
                  ))}
              </dl>
            ) : (
              <p>{trans.__('Their change does not touch the fields here.')}</p>
            )}
            <p className="jp-NerdUp-hint">
              {trans.__(
                'Your changes are kept in the form. Save again to apply them on top of this version, or cancel to keep it as it is.'
              )}
            </p>
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
              {field.type === 'select' ? (
                <HTMLSelect
                  {...common}
                  value={String(
                    values[field.name] ?? field.options?.[0]?.value ?? ''
                  )}
                  onChange={e => set(field.name, e.currentTarget.value)}
                >
                  {(field.options ?? []).map(option => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </HTMLSelect>
              ) : field.type === 'textarea' ? (
                <textarea
                  {...common}
                  className="jp-NerdUp-textarea"
                  rows={props.embedded ? 4 : 2}
                  value={String(values[field.name] ?? '')}
                  onChange={e => set(field.name, e.target.value)}
                />
              ) : (
                <InputGroup
                  {...common}
                  type={field.type ?? 'text'}
                  autoFocus={index === 0 && !props.embedded}
                  value={String(values[field.name] ?? '')}
                  onChange={e => set(field.name, e.target.value)}
                />
              )}
              <FieldError id={`${id}-error`} message={error} />
            </React.Fragment>
          );
        })}
        {!props.embedded && (
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
        )}
      </form>
    );
  }
);
