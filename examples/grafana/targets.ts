/*
 * The dashboard's queries as panel targets: one builder per data source, each
 * reading that source's data-source variable, so that the same file works
 * imported by hand or provisioned.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/dashboard';
import * as loki from '@grafana/grafana-foundation-sdk/loki';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as tempo from '@grafana/grafana-foundation-sdk/tempo';

/** The data-source variables (see variables.ts), as panels and targets refer to them. */
export const PROMETHEUS: DataSourceRef = { type: 'prometheus', uid: '${DS_PROMETHEUS}' };
export const LOKI: DataSourceRef = { type: 'loki', uid: '${DS_LOKI}' };
export const TEMPO: DataSourceRef = { type: 'tempo', uid: '${DS_TEMPO}' };

/** Grafana's interval variables: the dashboard's time range, and the step of a range query. */
export const RANGE = '$__range';
export const RATE_INTERVAL = '$__rate_interval';
export const INTERVAL = '$__interval';

export interface QueryTarget {
  expr: string;
  /** Legend template; its `{{label}}`s must be labels the query groups by. */
  legend: string;
  /** @default 'A' */
  refId?: string;
}

/** A PromQL query evaluated once, at the end of the dashboard's range (the "selected period" panels). */
export function prometheusInstant(target: QueryTarget): cog.Builder<cog.Dataquery> {
  return prometheusTarget(target).instant();
}

/** A PromQL query over the dashboard's range, one point per step. */
export function prometheusRange(target: QueryTarget): cog.Builder<cog.Dataquery> {
  return prometheusTarget(target).range();
}

function prometheusTarget({ expr, legend, refId = 'A' }: QueryTarget): prometheus.DataqueryBuilder {
  return new prometheus.DataqueryBuilder().datasource(PROMETHEUS).refId(refId).expr(expr).legendFormat(legend).editorMode(prometheus.QueryEditorMode.Code);
}

/** A LogQL metric query evaluated once, at the end of the dashboard's range. */
export function lokiInstant(target: QueryTarget): cog.Builder<cog.Dataquery> {
  return lokiTarget(target).queryType('instant');
}

/** A LogQL metric query over the dashboard's range, one point per step. */
export function lokiRange(target: QueryTarget): cog.Builder<cog.Dataquery> {
  return lokiTarget(target).queryType('range');
}

function lokiTarget({ expr, legend, refId = 'A' }: QueryTarget): loki.DataqueryBuilder {
  return new loki.DataqueryBuilder().datasource(LOKI).refId(refId).expr(expr).legendFormat(legend).editorMode(loki.QueryEditorMode.Code);
}

/** A TraceQL search listing matching spans, newest first, as a table. */
export function traceqlSpans(query: string): cog.Builder<cog.Dataquery> {
  return new tempo.TempoQueryBuilder().datasource(TEMPO).refId('A').queryType('traceql').query(query).limit(50).tableType(tempo.SearchTableType.Spans).spss(10);
}
