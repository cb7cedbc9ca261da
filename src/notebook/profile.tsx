import * as React from 'react';

import { Dialog, ReactWidget, showDialog } from '@jupyterlab/apputils';
import { ServerConnection } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';

import { NerdUpApiError, requestAPI } from '../api';

/** Embedded mode's person, as GET/PUT /profile answer it. */
export interface IProfile {
  username: string;
  display_name: string;
  /** A `--jp-*` variable or #rrggbb; empty for JupyterLab's default colour. */
  color: string;
  /** False in JupyterHub mode: the Hub names the person. */
  editable: boolean;
}

/** The avatar colours offered: JupyterLab's collaborator palette (theme-aware). */
export const PROFILE_COLORS = [1, 2, 3, 4, 5, 6, 7].map(
  i => `var(--jp-collaborator-color${i})`
);

export function getProfile(
  settings?: ServerConnection.ISettings
): Promise<IProfile> {
  return requestAPI<IProfile>('profile', {}, settings);
}

export function saveProfile(
  changes: Partial<Pick<IProfile, 'display_name' | 'color'>>,
  settings?: ServerConnection.ISettings
): Promise<IProfile> {
  return requestAPI<IProfile>(
    'profile',
    { method: 'PUT', body: changes },
    settings
  );
}

interface IProfileFormProps {
  trans: TranslationBundle;
  initial: { display_name: string; color: string };
  error: string;
  onChange: (value: { display_name: string; color: string }) => void;
}

function ProfileForm(props: IProfileFormProps): JSX.Element {
  const { trans } = props;
  const [name, setName] = React.useState(props.initial.display_name);
  const [color, setColor] = React.useState(props.initial.color);
  React.useEffect(() => {
    props.onChange({ display_name: name, color });
  }, [name, color]);
  return (
    <div className="jp-NerdUp-profileForm">
      {props.error && (
        <p className="jp-NerdUp-error" role="alert">
          {props.error}
        </p>
      )}
      <label htmlFor="jp-NerdUp-profileName">{trans.__('Display name')}</label>
      <input
        id="jp-NerdUp-profileName"
        className="jp-mod-styled"
        value={name}
        maxLength={100}
        autoFocus
        onChange={e => setName(e.target.value)}
      />
      <fieldset className="jp-NerdUp-profileColors">
        <legend>{trans.__('Avatar colour')}</legend>
        {PROFILE_COLORS.map((c, i) => (
          <label key={c} title={trans.__('Colour %1', i + 1)}>
            <input
              type="radio"
              name="jp-NerdUp-profileColor"
              value={c}
              checked={color === c}
              onChange={() => setColor(c)}
              aria-label={trans.__('Colour %1', i + 1)}
            />
            <span
              className="jp-NerdUp-profileSwatch"
              style={{ background: c }}
            />
          </label>
        ))}
      </fieldset>
    </div>
  );
}

class ProfileBody extends ReactWidget {
  constructor(private readonly _props: Omit<IProfileFormProps, 'onChange'>) {
    super();
    this._value = { ..._props.initial };
  }

  getValue(): { display_name: string; color: string } {
    return this._value;
  }

  render(): JSX.Element {
    return <ProfileForm {...this._props} onChange={v => (this._value = v)} />;
  }

  private _value: { display_name: string; color: string };
}

/**
 * The small profile dialog of embedded mode (nerdup:edit-profile): display name and
 * avatar colour, stored by nerdup; a refused save reopens it with what was typed and the
 * server's words. Resolves with the saved profile, or null when cancelled.
 */
export async function editProfile(
  trans: TranslationBundle,
  settings?: ServerConnection.ISettings
): Promise<IProfile | null> {
  const profile = await getProfile(settings);
  if (!profile.editable) {
    await showDialog({
      title: trans.__('Your profile'),
      body: trans.__(
        'You are %1, as JupyterHub names you; change your name there.',
        profile.display_name
      ),
      buttons: [Dialog.okButton()]
    });
    return null;
  }
  let value = { display_name: profile.display_name, color: profile.color };
  let error = '';
  for (;;) {
    const body = new ProfileBody({ trans, initial: value, error });
    const result = await showDialog({
      title: trans.__('Your profile'),
      body,
      buttons: [
        Dialog.cancelButton(),
        Dialog.okButton({ label: trans.__('Save') })
      ]
    });
    if (!result.button.accept || result.value === null) {
      return null;
    }
    value = result.value;
    try {
      return await saveProfile(value, settings);
    } catch (err) {
      if (!(err instanceof NerdUpApiError) || err.status !== 400) {
        throw err;
      }
      error = err.message;
    }
  }
}
