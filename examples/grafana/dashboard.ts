/*
 * The supervisor dashboard, assembled from its rows (rows/*.ts) with
 * Grafana's Foundation SDK; `npm run dashboards` writes it to
 * call-center-dashboard.json.
 */
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { Section } from './panels.ts';
import { breaks } from './rows/breaks.ts';
import { contactTraces } from './rows/contact-traces.ts';
import { contactsAndTransfers } from './rows/contacts-and-transfers.ts';
import { handleTime } from './rows/handle-time.ts';
import { health } from './rows/health.ts';
import { load } from './rows/load.ts';
import { quality } from './rows/quality.ts';
import { waitAndHold } from './rows/wait-and-hold.ts';
import { dataSourceVariables, serviceVariable, thresholdVariable } from './variables.ts';

/**
 * Grafana 10.4's dashboard schema version, the oldest Grafana the file
 * supports. The SDK (its 10.4 release, whose types are Grafana 10.4's)
 * defaults to 36, the dashboard kind's old default, so it is set here.
 */
const SCHEMA_VERSION = 39;

export const SECTIONS: readonly Section[] = [handleTime, waitAndHold, contactsAndTransfers, load, breaks, quality, contactTraces, health];

/** The dashboard as Grafana's JSON model, ready for import or provisioning. */
export function callCenterDashboard(): dashboard.Dashboard & { __requires: Requirement[] } {
  const builder = new dashboard.DashboardBuilder('Call center: supervisor overview')
    .uid('kenkai-call-center')
    .description(
      "Supervisor view of @kenkai/instrumentation-call-center telemetry: handle time, time to answer, service level and holds, contacts per operator, transfers, priority and emergency load, breaks, quality scores, recent contacts, and the instrumentation's own health. Loki (log records), Tempo (contact and break spans), Prometheus (metrics through OTLP).",
    )
    .tags(['call-center', 'opentelemetry'])
    .editable()
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .time({ from: 'now-12h', to: 'now' })
    .timezone('browser')
    .fiscalYearStartMonth(0)
    .weekStart('')
    .liveNow(false)
    .refresh('1m')
    .version(1)
    .links([])
    .annotation(
      new dashboard.AnnotationQueryBuilder()
        .name('Annotations & Alerts')
        .builtIn(1)
        .datasource({ type: 'grafana', uid: '-- Grafana --' })
        .enable(true)
        .hide(true)
        .iconColor('rgba(0, 211, 255, 1)')
        .type('dashboard'),
    )
    .variables([...dataSourceVariables, serviceVariable, thresholdVariable]);
  for (const section of SECTIONS) {
    // The SDK lays panels out left to right under their row, wrapping at 24 columns.
    builder.withRow(new dashboard.RowBuilder(section.title).id(section.id).collapsed(false));
    for (const panel of section.panels) builder.withPanel(panel);
  }
  const built = builder.build();
  built.schemaVersion = SCHEMA_VERSION;
  return { __requires: requirements(built), ...built };
}

/** An entry of `__requires`: what Grafana's import screen lists as needed. */
interface Requirement {
  type: 'grafana' | 'datasource' | 'panel';
  id: string;
  name: string;
  version: string;
}

const PANEL_NAMES: Record<string, string> = { bargauge: 'Bar gauge', stat: 'Stat', table: 'Table', timeseries: 'Time series' };

function requirements(built: dashboard.Dashboard): Requirement[] {
  const panelTypes = [...new Set((built.panels ?? []).map((p) => p.type).filter((t) => t !== 'row'))].sort();
  return [
    { type: 'grafana', id: 'grafana', name: 'Grafana', version: '10.4.0' },
    { type: 'datasource', id: 'prometheus', name: 'Prometheus', version: '1.0.0' },
    { type: 'datasource', id: 'loki', name: 'Loki', version: '1.0.0' },
    { type: 'datasource', id: 'tempo', name: 'Tempo', version: '1.0.0' },
    ...panelTypes.map((id): Requirement => {
      const name = PANEL_NAMES[id];
      if (name === undefined) throw new Error(`panel type ${id}: add its name to PANEL_NAMES`);
      return { type: 'panel', id, name, version: '' };
    }),
  ];
}

/** The file's text: two-space JSON and a final newline, the same for the same code. */
export function renderDashboard(): string {
  return `${JSON.stringify(callCenterDashboard(), null, 2)}\n`;
}
