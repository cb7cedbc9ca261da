import * as React from 'react';

import { nullTranslator } from '@jupyterlab/translation';

import { HubGroupClient, IHubGroupLink } from '../hubgroups/client';
import { HubGroupLink } from '../hubgroups/HubGroupLink';
import { type } from './dialogs';
import { fakeServer } from './fakeserver';
import { act, settle, testRoot } from './reactroot';

const trans = nullTranslator.load('nerdup_lab');

function link(overrides: Partial<IHubGroupLink> = {}): IHubGroupLink {
  return {
    group_id: 3,
    linked: false,
    hub_group: null,
    linked_by: null,
    linked_at: null,
    synced_at: null,
    synced_by: null,
    imported: [],
    ...overrides
  };
}

const NEEDS_HUB = {
  status: 409,
  body: {
    error: {
      code: 'needs_jupyterhub',
      message: 'Linking a JupyterHub group needs JupyterHub mode.',
      fields: {}
    }
  }
};

describe('HubGroupLink', () => {
  const root = testRoot();

  async function show(
    server: ReturnType<typeof fakeServer>,
    isOrganizer: boolean,
    confirm?: () => Promise<boolean>
  ): Promise<void> {
    const client = new HubGroupClient(server.settings);
    await root.render(
      <HubGroupLink
        groupId={3}
        groupTitle="Pandas club"
        isOrganizer={isOrganizer}
        client={client}
        trans={trans}
        confirm={confirm}
      />
    );
    await settle(); // the GET resolves, React re-renders
  }

  it('shows nothing on a server without JupyterHub', async () => {
    const server = fakeServer({
      'GET /groups/3/hub-group': () => ({ body: link({ available: false }) })
    });
    await show(server, true);
    expect(root.host.querySelector('.jp-NerdUp-hubGroup')).toBeNull();
    // A 409 needs_jupyterhub, as the writes answer there, shows nothing either.
    server.routes['GET /groups/3/hub-group'] = () => NEEDS_HUB;
    await root.remount();
    await show(server, true);
    expect(root.host.querySelector('.jp-NerdUp-hubGroup')).toBeNull();
  });

  it('shows members where the link imports from, without actions for members', async () => {
    const server = fakeServer({
      'GET /groups/3/hub-group': () => ({
        body: link({
          linked: true,
          hub_group: 'cohort-2026',
          synced_at: '2026-11-21T08:00:00Z',
          synced_by: 'alice'
        })
      })
    });
    await show(server, false);
    expect(root.host.textContent).toContain('cohort-2026');
    expect(root.host.textContent).toContain('by alice');
    expect(root.host.querySelector('form')).toBeNull();
    expect(root.host.textContent).not.toContain('Import again');
  });

  it('lets an organizer link a group and says who joined', async () => {
    const server = fakeServer({
      'GET /groups/3/hub-group': () => ({ body: link() }),
      'PUT /groups/3/hub-group': call => ({
        body: {
          ...link({ linked: true, hub_group: call.body.name }),
          added: ['bob', 'carol'],
          removed: []
        }
      })
    });
    await show(server, true);
    const input = root.host.querySelector('input') as HTMLInputElement;
    expect(input).not.toBeNull();
    // React listens to the native input event; set the value the way a user's typing does.
    await act(() => type(input, 'cohort-2026'));
    await settle(() =>
      (root.host.querySelector('form') as HTMLFormElement).requestSubmit()
    );
    const put = server.calls.find(c => c.method === 'PUT');
    expect(put?.body).toEqual({ name: 'cohort-2026' });
    expect(root.host.textContent).toContain('joined: bob, carol');
    expect(root.host.textContent).toContain('Import again');
  });

  it('shows the service message inline when the Hub has no such group', async () => {
    const server = fakeServer({
      'GET /groups/3/hub-group': () => ({ body: link() }),
      'PUT /groups/3/hub-group': () => ({
        status: 404,
        body: {
          error: {
            code: 'not_found',
            message: 'JupyterHub has no group “nope”.',
            fields: {}
          }
        }
      })
    });
    await show(server, true);
    const input = root.host.querySelector('input') as HTMLInputElement;
    await act(() => type(input, 'nope'));
    await settle(() =>
      (root.host.querySelector('form') as HTMLFormElement).requestSubmit()
    );
    expect(root.host.querySelector('[role="alert"]')?.textContent).toBe(
      'JupyterHub has no group “nope”.'
    );
    expect(input.value).toBe('nope'); // what the organizer typed stays
  });

  it('unlinks only after the organizer confirms', async () => {
    let linked = true;
    const server = fakeServer({
      'GET /groups/3/hub-group': () => ({
        body: linked ? link({ linked: true, hub_group: 'cohort' }) : link()
      }),
      'DELETE /groups/3/hub-group': () => {
        linked = false;
        return { status: 204 };
      }
    });
    let answer = false;
    await show(server, true, async () => answer);
    const unlinkButton = () =>
      Array.from(root.host.querySelectorAll('button')).find(b =>
        b.textContent?.includes('Unlink')
      ) as HTMLButtonElement;
    await settle(() => unlinkButton().click());
    expect(server.calls.some(c => c.method === 'DELETE')).toBe(false);
    answer = true;
    await settle(() => unlinkButton().click());
    expect(server.calls.some(c => c.method === 'DELETE')).toBe(true);
    expect(root.host.querySelector('form')).not.toBeNull(); // can link again
  });
});
