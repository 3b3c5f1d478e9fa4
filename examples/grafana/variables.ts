/*
 * The dashboard's template variables: one data-source variable per backend
 * (so the file needs no editing on import or provisioning), and `$service`.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { PROMETHEUS } from './targets.ts';

function dataSource(name: string, spec: { label: string; pluginId: string; description: string }): cog.Builder<dashboard.VariableModel> {
  return new dashboard.DatasourceVariableBuilder(name)
    .label(spec.label)
    .description(spec.description)
    .type(spec.pluginId)
    .hide(dashboard.VariableHide.DontHide)
    .multi(false)
    .includeAll(false)
    .regex('');
}

export const dataSourceVariables: Array<cog.Builder<dashboard.VariableModel>> = [
  dataSource('DS_PROMETHEUS', {
    label: 'Prometheus',
    pluginId: 'prometheus',
    description: 'Where the collector sends metrics (CC_METRICS_OTLP_ENDPOINT).',
  }),
  dataSource('DS_LOKI', {
    label: 'Loki',
    pluginId: 'loki',
    description: 'Where the collector sends log records and scorecards (CC_LOKI_OTLP_ENDPOINT, CC_SCORECARDS_OTLP_ENDPOINT).',
  }),
  dataSource('DS_TEMPO', {
    label: 'Tempo',
    pluginId: 'tempo',
    description: 'Where the collector sends spans (CC_TEMPO_OTLP_ENDPOINT).',
  }),
];

/** `$service`'s query: Grafana's `label_values(metric, label)` (Prometheus' `/api/v1/label/<label>/values?match[]=<metric>`). */
export const SERVICES_QUERY = 'label_values(call_center_events_total, job)';

/**
 * `$service`: the `service.name`s that export the plugin's metrics, several
 * at once or All (`.+`). Queries match it with `=~`, where Grafana writes
 * several values as `(a|b)`.
 */
export const serviceVariable: cog.Builder<dashboard.VariableModel> = withFields(
  new dashboard.QueryVariableBuilder('service')
    .label('Service')
    .description(
      'service.name of the applications running the instrumentation. Prometheus holds it as the job label (without service.namespace), Loki as the service_name label, Tempo as resource.service.name.',
    )
    .datasource(PROMETHEUS)
    .query({ qryType: 1, query: SERVICES_QUERY, refId: 'PrometheusVariableQueryEditor-VariableQuery' })
    .hide(dashboard.VariableHide.DontHide)
    .includeAll(true)
    .allValue('.+')
    .multi(true)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .regex('')
    .sort(dashboard.VariableSort.AlphabeticalAsc),
  // Grafana 10.4's schema has no `definition` (so neither has the SDK's builder); its variable editor shows it.
  { definition: SERVICES_QUERY },
);

/** A builder that adds fields the SDK's types do not have to what another builds. */
function withFields<T extends object>(builder: cog.Builder<T>, fields: Record<string, unknown>): cog.Builder<T> {
  return { build: () => ({ ...builder.build(), ...fields }) };
}

/** Service-level targets offered, seconds: each an exact bucket boundary of the wait histogram (src/metrics.ts WAIT_HOLD_BUCKETS). */
export const SERVICE_LEVEL_THRESHOLDS = ['10', '20', '30', '60'] as const;
const DEFAULT_THRESHOLD = '20';

/** `$threshold`: the time to answer the service-level panel counts within, seconds. */
export const thresholdVariable: cog.Builder<dashboard.VariableModel> = new dashboard.CustomVariableBuilder('threshold')
  .label('Answered within (s)')
  .description(
    'Service-level target in seconds: the service-level panel shows the share of contacts answered within it. Each choice is a bucket boundary of call_center.contact.wait.duration, so the share is counted, not estimated.',
  )
  .values(SERVICE_LEVEL_THRESHOLDS.join(','))
  .current({ selected: true, text: DEFAULT_THRESHOLD, value: DEFAULT_THRESHOLD })
  .options(SERVICE_LEVEL_THRESHOLDS.map((t) => ({ selected: t === DEFAULT_THRESHOLD, text: t, value: t })))
  .hide(dashboard.VariableHide.DontHide)
  .multi(false)
  .includeAll(false);
