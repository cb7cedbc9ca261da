import { nullTranslator } from '@jupyterlab/translation';

import { editProfile, PROFILE_COLORS } from '../notebook/profile';
import {
  closeDialogs,
  dialog,
  dialogButton,
  field,
  type,
  until
} from './dialogs';
import { fakeServer } from './fakeserver';
import { act } from './reactroot';

const trans = nullTranslator.load('nerdup_lab');

describe('the profile dialog', () => {
  afterEach(() => closeDialogs());

  function server() {
    let stored = { display_name: 'root', color: '' };
    return fakeServer({
      'GET /profile': () => ({
        body: { username: 'root', ...stored, editable: true }
      }),
      'PUT /profile': call => {
        if (!call.body.display_name.trim()) {
          return {
            status: 400,
            body: {
              error: {
                code: 'bad_request',
                message: 'Give a name of at least one character.',
                fields: {
                  display_name: 'Give a name of at least one character.'
                }
              }
            }
          };
        }
        stored = { ...stored, ...call.body };
        return { body: { username: 'root', ...stored, editable: true } };
      }
    });
  }

  it('saves the typed name and the chosen colour', async () => {
    const fake = server();
    const done = editProfile(trans, fake.settings);
    const name = await until(() =>
      dialog() ? field<HTMLInputElement>('Display name') : null
    );
    expect(name.value).toBe('root');
    await act(() => type(name, 'Ada Lovelace'));
    const swatch = await until(() =>
      dialog()!.querySelector<HTMLInputElement>('input[aria-label="Colour 3"]')
    );
    await act(() => swatch.click());
    await act(() => dialogButton('Save')!.click());
    const saved = await done;
    expect(saved?.display_name).toBe('Ada Lovelace');
    const put = fake.calls.find(c => c.method === 'PUT')!;
    expect(put.body).toEqual({
      display_name: 'Ada Lovelace',
      color: PROFILE_COLORS[2]
    });
  });

  it('keeps what was typed and shows the server words on a refusal', async () => {
    const fake = server();
    const done = editProfile(trans, fake.settings);
    const name = await until(() =>
      dialog() ? field<HTMLInputElement>('Display name') : null
    );
    await act(() => type(name, '   '));
    await act(() => dialogButton('Save')!.click());
    const alert = await until(() => dialog()?.querySelector('[role=alert]'));
    expect(alert.textContent).toContain('at least one character');
    expect(field<HTMLInputElement>('Display name').value).toBe('   ');
    await act(() => dialogButton('Cancel')!.click());
    expect(await done).toBeNull();
  });
});
