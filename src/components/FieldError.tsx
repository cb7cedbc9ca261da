import * as React from 'react';

export interface IFieldErrorProps {
  id: string;
  message?: string;
}

/** The API's message for one form field, announced to screen readers. */
export function FieldError(props: IFieldErrorProps): JSX.Element | null {
  if (!props.message) {
    return null;
  }
  return (
    <div id={props.id} className="jp-NerdUp-fieldError" role="alert">
      {props.message}
    </div>
  );
}

/** Field errors and the overall message of a failed form submission. */
export interface IFormErrors {
  message: string | null;
  fields: Record<string, string>;
}

export const NO_ERRORS: IFormErrors = { message: null, fields: {} };
