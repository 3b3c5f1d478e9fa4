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

const SERVICES = 'label_values(call_center_events_total, job)';

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
    .query({ qryType: 1, query: SERVICES, refId: 'PrometheusVariableQueryEditor-VariableQuery' })
    .hide(dashboard.VariableHide.DontHide)
    .includeAll(true)
    .allValue('.+')
    .multi(true)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .regex('')
    .sort(dashboard.VariableSort.AlphabeticalAsc),
  // Grafana 10.4's schema has no `definition` (so neither has the SDK's builder); its variable editor shows it.
  { definition: SERVICES },
);

/** A builder that adds fields the SDK's types do not have to what another builds. */
function withFields<T extends object>(builder: cog.Builder<T>, fields: Record<string, unknown>): cog.Builder<T> {
  return { build: () => ({ ...builder.build(), ...fields }) };
}
