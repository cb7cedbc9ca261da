/**
 * A React root for component tests, and the sidebar's model and context around what
 * they render; shared by the .spec.tsx files (this module is no spec itself: jest runs
 * only files ending .spec.ts or .spec.tsx).
 */
import * as React from 'react';

import { nullTranslator } from '@jupyterlab/translation';

import { ISidebarContext, SidebarContext } from '../components/context';
import { GroupsClient } from '../model/client';
import { GroupsModel } from '../model/groups';
import { groupServer, quietRhythm } from './fakeserver';

// No @types/react-dom in this project: the two functions used, typed here.
interface IRoot {
  render(element: React.ReactNode): void;
  unmount(): void;
}
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { createRoot } = require('react-dom/client') as {
  createRoot: (node: Element) => IRoot;
};
// eslint-disable-next-line @typescript-eslint/no-var-requires
export const { act } = require('react') as {
  act: (fn: () => void | Promise<void>) => Promise<void>;
};

export interface ITestRoot {
  /** The element React renders into, in the document; a new one for each test. */
  readonly host: HTMLDivElement;
  /** Render `element` into the host, inside act(). */
  render(element: React.ReactNode): Promise<void>;
  /** Unmount what is shown and start a fresh root on the same host. */
  remount(): Promise<void>;
}

/**
 * A React root on a host element for each test of the calling describe block: made
 * before each test, unmounted and removed after it (before the block's own afterEach).
 */
export function testRoot(): ITestRoot {
  let host: HTMLDivElement;
  let root: IRoot;

  beforeAll(() => {
    (globalThis as any).IS_REACT_ACT_ENVIRONMENT = true;
  });

  beforeEach(() => {
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
  });

  afterEach(async () => {
    await act(() => root.unmount());
    host.remove();
  });

  return {
    get host() {
      return host;
    },
    render: element => act(() => root.render(element)),
    async remount() {
      await act(() => root.unmount());
      root = createRoot(host);
    }
  };
}

/** Do `fn`, then let pending requests answer and React re-render, all inside act(). */
export async function settle(fn: () => void = () => undefined): Promise<void> {
  await act(async () => {
    fn();
    for (let i = 0; i < 10; i++) {
      await new Promise(resolve => setTimeout(resolve, 0));
    }
  });
}

/** A sidebar model on a fresh fake server (alice in group 1), with /me already loaded. */
export async function sidebarModel(): Promise<{
  server: ReturnType<typeof groupServer>;
  model: GroupsModel;
}> {
  const server = groupServer();
  const model = new GroupsModel({ client: new GroupsClient(server.settings) });
  await model.refreshMe();
  return { server, model };
}

/** `element` as the sidebar shows it: inside a SidebarContext around `model`. */
export function inSidebar(
  model: GroupsModel,
  element: React.ReactNode,
  extra: Partial<ISidebarContext> = {}
): React.ReactElement {
  const context: ISidebarContext = {
    model,
    trans: nullTranslator.load('nerdup_lab'),
    rendermime: null,
    openNotebookPath: () => null,
    openPath: () => undefined,
    ...extra
  };
  return React.createElement(
    SidebarContext.Provider,
    { value: context },
    element
  );
}

/**
 * A sidebar model on group 1 of a fresh fake server whose rhythm sections answer empty
 * (sessions, questions, catch-up, showcase), with the options a group room is drawn with.
 */
export async function roomModel(): Promise<{
  server: ReturnType<typeof groupServer>;
  model: GroupsModel;
  options: {
    groupId: number;
    context: ISidebarContext;
    execute: () => boolean;
    commands: { openSnapshot: string; restoreSnapshot: string };
  };
}> {
  const { server, model } = await sidebarModel();
  quietRhythm(server);
  server.routes['GET /groups/1/sessions'] = () => ({ body: { sessions: [] } });
  server.routes['GET /groups/1/questions'] = () => ({
    body: { questions: [] }
  });
  const options = {
    groupId: 1,
    context: {
      model,
      trans: nullTranslator.load('nerdup_lab'),
      rendermime: null,
      openNotebookPath: () => null,
      openPath: () => undefined
    },
    execute: () => true,
    commands: { openSnapshot: 'open', restoreSnapshot: 'restore' }
  };
  return { server, model, options };
}
