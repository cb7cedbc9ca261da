import * as React from 'react';

import { ServerConnection } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';
import { Button, ReactWidget, refreshIcon } from '@jupyterlab/ui-components';

import { NerdUpApiError } from '../api';
import { ContributionChart, Legend, MilestoneChart } from './bars';
import { BurnUpChart } from './burnup';
import { IDashboardData, loadDashboard } from './data';
import { MemberProgressTable } from './members';
import { IPalette, readPalette } from './palette';

const PALETTE = readPalette();

/**
 * The progress dashboard of a group in the main area: burn-up against the deadline,
 * milestone completion, contributions per member. Colours are the theme's CSS
 * variables, so the charts follow a theme switch by themselves.
 */
export class DashboardWidget extends ReactWidget {
  constructor(
    private readonly trans: TranslationBundle,
    private readonly settings?: ServerConnection.ISettings
  ) {
    super();
    this.addClass('jp-NerdUp-dashboard');
    this.node.tabIndex = 0;
    this.node.setAttribute('aria-label', trans.__('Progress dashboard'));
  }

  get groupId(): number | null {
    return this._groupId;
  }

  /** Show (or reload) the dashboard of a group. */
  async showGroup(groupId: number | null): Promise<void> {
    if (groupId !== this._groupId) {
      this._data = null;
    }
    this._groupId = groupId;
    this._error = null;
    if (groupId === null) {
      this._data = null;
      this.update();
      return;
    }
    this._loading = true;
    this.update();
    try {
      const data = await loadDashboard(groupId, Date.now(), this.settings);
      if (groupId === this._groupId) {
        this._data = data;
      }
    } catch (error) {
      this._error =
        error instanceof NerdUpApiError ? error.message : String(error);
    } finally {
      this._loading = false;
      this.update();
    }
  }

  render(): JSX.Element {
    const trans = this.trans;
    const palette: IPalette = PALETTE;
    const data = this._data;
    let body: JSX.Element;
    if (this._error) {
      body = (
        <div className="jp-NerdUp-error" role="alert">
          {trans.__('The dashboard could not be loaded: %1', this._error)}
        </div>
      );
    } else if (this._groupId === null) {
      body = (
        <p className="jp-NerdUp-empty">
          {trans.__('Choose a study group in the sidebar to see its progress.')}
        </p>
      );
    } else if (!data) {
      body = (
        <div className="jp-NerdUp-loading" role="status">
          {trans.__('Loading progress…')}
        </div>
      );
    } else {
      const progress = data.group.progress;
      body = (
        <>
          <p className="jp-NerdUp-dashSummary">
            {progress
              ? trans.__(
                  '%1% done · %2 of %3 tasks · deadline %4',
                  progress.percent,
                  progress.tasks_done,
                  progress.tasks_total,
                  data.group.deadline ?? trans.__('none')
                )
              : ''}
          </p>
          <section
            className="jp-NerdUp-dashCard"
            aria-labelledby="nerdup-dash-burnup"
          >
            <h3 id="nerdup-dash-burnup">{trans.__('Progress over time')}</h3>
            <BurnUpChart data={data.burnUp} palette={palette} trans={trans} />
            <Legend
              items={[
                { colour: palette.done, label: trans.__('done') },
                {
                  colour: palette.scope,
                  label: trans.__('planned'),
                  dashed: true
                },
                {
                  colour: palette.ideal,
                  label: trans.__('ideal pace'),
                  dashed: true
                },
                { colour: palette.deadline, label: trans.__('deadline') }
              ]}
            />
          </section>
          <section
            className="jp-NerdUp-dashCard"
            aria-labelledby="nerdup-dash-ms"
          >
            <h3 id="nerdup-dash-ms">{trans.__('Milestones')}</h3>
            <MilestoneChart
              milestones={data.milestones}
              palette={palette}
              trans={trans}
            />
            <ul className="jp-NerdUp-srOnly">
              {data.milestones.map(m => (
                <li key={m.id}>
                  {trans.__(
                    '%1: %2% done, due %3',
                    m.title,
                    m.progress.percent,
                    m.due ?? trans.__('none')
                  )}
                </li>
              ))}
            </ul>
          </section>
          <section
            className="jp-NerdUp-dashCard"
            aria-labelledby="nerdup-dash-people"
          >
            <h3 id="nerdup-dash-people">{trans.__('Contributions')}</h3>
            <ContributionChart
              rows={data.contributions}
              palette={palette}
              trans={trans}
            />
            <table className="jp-NerdUp-srOnly">
              <caption>{trans.__('Contributions per member')}</caption>
              <thead>
                <tr>
                  <th scope="col">{trans.__('Member')}</th>
                  <th scope="col">{trans.__('Snapshots')}</th>
                  <th scope="col">{trans.__('Tasks done')}</th>
                </tr>
              </thead>
              <tbody>
                {data.contributions.map(r => (
                  <tr key={r.username}>
                    <th scope="row">{r.username}</th>
                    <td>{r.snapshots}</td>
                    <td>{r.tasksDone}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Legend
              items={[
                { colour: palette.snapshots, label: trans.__('snapshots') },
                { colour: palette.tasks, label: trans.__('tasks done') }
              ]}
            />
          </section>
          <section
            className="jp-NerdUp-dashCard"
            aria-labelledby="nerdup-dash-members"
          >
            <h3 id="nerdup-dash-members">{trans.__('Each member')}</h3>
            <MemberProgressTable members={data.members} trans={trans} />
          </section>
        </>
      );
    }
    return (
      <div className="jp-NerdUp-dashInner" data-testid="nerdup-dashboard">
        <header className="jp-NerdUp-dashHeader">
          <h2>
            {data
              ? trans.__('Progress of %1', data.group.title)
              : trans.__('Progress')}
          </h2>
          <Button
            small
            minimal
            disabled={this._loading || this._groupId === null}
            onClick={() => void this.showGroup(this._groupId)}
            aria-label={trans.__('Reload the dashboard')}
            title={trans.__('Reload')}
          >
            <refreshIcon.react tag="span" />
          </Button>
        </header>
        {body}
      </div>
    );
  }

  private _groupId: number | null = null;
  private _data: IDashboardData | null = null;
  private _loading = false;
  private _error: string | null = null;
}
