import * as React from 'react';

import { MainAreaWidget } from '@jupyterlab/apputils';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import { ISignal, Signal } from '@lumino/signaling';

import { ISidebarContext, SidebarContext } from '../components/context';
import { nerdupIcon } from '../icons';
import { IGroupView } from '../model/types';
import { useRhythm } from '../rhythm/useRhythm';
import {
  isSectionId,
  rovingIndex,
  SectionId,
  sectionLabel,
  visibleSections
} from './sections';
import { Activity } from './sections/Activity';
import { Notebooks } from './sections/Notebooks';
import { Overview } from './sections/Overview';
import { People } from './sections/People';
import { Plan } from './sections/Plan';
import { Questions } from './sections/Questions';
import { Sessions } from './sections/Sessions';
import { Settings } from './sections/Settings';
import { Showcase } from './sections/Showcase';

export namespace GroupRoom {
  export interface IOptions {
    groupId: number;
    context: ISidebarContext;
    section?: SectionId;
    /** Runs a lab command when it is registered; false when it is not. */
    execute: (command: string, args: Record<string, unknown>) => boolean;
    commands: { openSnapshot: string; restoreSnapshot: string };
  }
}

/**
 * The content of a group's room: a section list (a vertical tablist) and the chosen
 * section. It renders the model's view of its group; the room's group is the model's
 * current group while the room is the active tab (the writes act on the current group).
 */
export class GroupRoom extends ReactWidget {
  constructor(options: GroupRoom.IOptions) {
    super();
    this.groupId = options.groupId;
    this._options = options;
    this._section = options.section ?? 'overview';
    this.addClass('jp-NerdUp-room');
    options.context.model.changed.connect(() => this.update(), this);
  }

  readonly groupId: number;

  get section(): SectionId {
    return this._section;
  }
  set section(section: SectionId) {
    if (section !== this._section) {
      this._section = section;
      this.update();
      this._sectionChanged.emit(section);
    }
  }

  /** Emitted when another section is chosen (the layout remembers it). */
  get sectionChanged(): ISignal<this, SectionId> {
    return this._sectionChanged;
  }

  /** Make the room's group the model's current one (loads it when needed). */
  focusGroup(): Promise<void> {
    const model = this._options.context.model;
    if (model.currentId === this.groupId && model.current) {
      return Promise.resolve();
    }
    return model.select(this.groupId);
  }

  protected onActivateRequest(msg: Message): void {
    super.onActivateRequest(msg);
    void this.focusGroup();
    this.node
      .querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')
      ?.focus();
  }

  render(): JSX.Element {
    const { context } = this._options;
    const view = context.model.view(this.groupId);
    return (
      <SidebarContext.Provider value={context}>
        {view ? (
          <Room
            view={view}
            section={this._section}
            onSection={s => (this.section = s)}
            options={this._options}
          />
        ) : (
          <p className="jp-NerdUp-empty">
            {context.trans.__('Loading the group…')}
          </p>
        )}
      </SidebarContext.Provider>
    );
  }

  private _options: GroupRoom.IOptions;
  private _section: SectionId;
  private _sectionChanged = new Signal<this, SectionId>(this);
}

export interface IRoomProps {
  view: IGroupView;
  section: SectionId;
  onSection: (section: SectionId) => void;
  options: GroupRoom.IOptions;
}

/** The room's section list and its chosen section (inside a SidebarContext). */
export function Room(props: IRoomProps): JSX.Element {
  const { trans } = props.options.context;
  const { view } = props;
  const group = view.group;
  const rhythm = useRhythm(group.id);
  const sections = visibleSections(group.my_role === 'organizer');
  const section = sections.includes(props.section) ? props.section : 'overview';
  const tabs = React.useRef<(HTMLButtonElement | null)[]>([]);
  const idBase = `jp-NerdUp-room-${group.id}`;

  const onKeyDown = (event: React.KeyboardEvent, index: number) => {
    const next = rovingIndex(event.key, index, sections.length);
    if (next === null) {
      return;
    }
    event.preventDefault();
    props.onSection(sections[next]);
    tabs.current[next]?.focus();
  };

  const sectionProps = { view, rhythm };
  let body: JSX.Element;
  switch (section) {
    case 'plan':
      body = <Plan {...sectionProps} />;
      break;
    case 'sessions':
      body = <Sessions {...sectionProps} />;
      break;
    case 'questions':
      body = <Questions {...sectionProps} />;
      break;
    case 'showcase':
      body = <Showcase {...sectionProps} />;
      break;
    case 'notebooks':
      body = (
        <Notebooks
          {...sectionProps}
          execute={props.options.execute}
          openSnapshot={props.options.commands.openSnapshot}
          restoreSnapshot={props.options.commands.restoreSnapshot}
        />
      );
      break;
    case 'activity':
      body = <Activity {...sectionProps} />;
      break;
    case 'people':
      body = <People {...sectionProps} />;
      break;
    case 'settings':
      body = <Settings {...sectionProps} />;
      break;
    default:
      body = <Overview {...sectionProps} />;
  }

  return (
    <div className="jp-NerdUp-roomLayout" data-group-id={group.id}>
      <nav className="jp-NerdUp-roomNav">
        <h2
          className="jp-NerdUp-roomTitle jp-NerdUp-ellipsis"
          title={group.title}
        >
          {group.title}
        </h2>
        <div
          role="tablist"
          aria-orientation="vertical"
          aria-label={trans.__('Sections of %1', group.title)}
          className="jp-NerdUp-roomTabs"
        >
          {sections.map((id, index) => (
            <button
              key={id}
              ref={node => {
                tabs.current[index] = node;
              }}
              role="tab"
              id={`${idBase}-tab-${id}`}
              aria-selected={id === section}
              aria-controls={`${idBase}-panel`}
              tabIndex={id === section ? 0 : -1}
              className={
                'jp-NerdUp-roomTab' +
                (id === section ? ' jp-NerdUp-roomTab-active' : '')
              }
              onClick={() => props.onSection(id)}
              onKeyDown={e => onKeyDown(e, index)}
            >
              {sectionLabel(trans, id)}
            </button>
          ))}
        </div>
      </nav>
      <div
        role="tabpanel"
        id={`${idBase}-panel`}
        aria-labelledby={`${idBase}-tab-${section}`}
        className="jp-NerdUp-panel jp-NerdUp-roomPanel"
        tabIndex={0}
      >
        {body}
      </div>
    </div>
  );
}

/** The room as a main-area tab. */
export class GroupWorkspace extends MainAreaWidget<GroupRoom> {
  constructor(options: GroupRoom.IOptions) {
    const content = new GroupRoom(options);
    super({ content });
    const { model, trans } = options.context;
    this.id = `nerdup-group-${options.groupId}`;
    this.addClass('jp-NerdUp-workspace');
    this.title.icon = nerdupIcon;
    this.title.closable = true;
    const retitle = () => {
      const view = model.view(options.groupId);
      this.title.label = view?.group.title ?? trans.__('Study group');
      this.title.caption = trans.__('Study group: %1', this.title.label);
    };
    retitle();
    model.changed.connect(retitle, this);
  }

  get groupId(): number {
    return this.content.groupId;
  }
}

export { isSectionId };
