import { readFileSync } from 'node:fs';
import { DataPointType, type MetricData } from '@opentelemetry/sdk-metrics';
import { beforeAll, describe, expect, it } from 'vitest';
import { BREAK_ACTIONS, CONTACT_ACTIONS } from '../../src/events/enums.js';
import { CallCenterAction, SENSITIVE_ATTRIBUTES, type ContactEvent } from '../../src/index.js';
import * as semconv from '../../src/semconv.js';
import { fullBreak, fullContact, fullScorecard } from '../helpers/events.js';
import { ingest, TestClock } from '../helpers/lifecycle.js';
import { createHarness, type Harness } from '../helpers/otel.js';

/*
 * The example dashboards (examples/grafana, examples/honeycomb) query what the
 * plugin emits by name. This test keeps every name they use resolvable to
 * src/semconv.ts through each backend's documented translation:
 *
 * - Tempo (TraceQL) and Honeycomb keep OpenTelemetry names as they are
 *   (`span.call_center.contact.channel`, column `call_center.contact.channel`).
 * - Loki's native OTLP endpoint stores log attributes as structured metadata
 *   with dots replaced by underscores (`call_center_contact_channel`).
 * - Prometheus' OTLP receiver, default translation strategy
 *   UnderscoreEscapingWithSuffixes: dots to underscores, the unit appended
 *   (`s` -> `_seconds`, `{...}` units dropped), `_total` on monotonic sums,
 *   `_bucket` / `_sum` / `_count` series for histograms.
 */

// ------------------------------------------------------------ the files

interface GrafanaTarget {
  datasource?: { type?: string; uid?: string };
  expr?: string;
  query?: string;
  legendFormat?: string;
}
interface GrafanaPanel {
  id: number;
  type: string;
  title: string;
  description?: string;
  datasource?: { type?: string; uid?: string };
  targets?: GrafanaTarget[];
  panels?: GrafanaPanel[];
}
interface GrafanaVariable {
  name: string;
  type: string;
  query?: unknown;
  datasource?: { type?: string; uid?: string };
}
interface GrafanaDashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: GrafanaPanel[];
  templating: { list: GrafanaVariable[] };
}

interface HoneycombFilter {
  column: string;
  op: string;
  value?: unknown;
}
interface HoneycombSpec {
  calculations?: Array<{ op: string; column?: string }>;
  filters?: HoneycombFilter[];
  filter_combination?: string;
  breakdowns?: string[];
  orders?: Array<{ op?: string; column?: string; order?: string }>;
  limit?: number;
  time_range?: number;
  granularity?: number;
}
interface HoneycombQuery {
  id: string;
  title: string;
  question: string;
  dataset: string;
  query: HoneycombSpec;
}

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const grafanaText = read('examples/grafana/call-center-dashboard.json');
const honeycombText = read('examples/honeycomb/queries.json');
const grafana = JSON.parse(grafanaText) as GrafanaDashboard;
const honeycomb = (JSON.parse(honeycombText) as { queries: HoneycombQuery[] }).queries;

/** Every panel but rows, rows' nested panels included. */
const grafanaPanels: GrafanaPanel[] = grafana.panels.flatMap((p) => (p.type === 'row' ? (p.panels ?? []) : [p]));

type Backend = 'loki' | 'tempo' | 'prometheus';
const DATASOURCE_VARIABLES: Record<Backend, string> = {
  prometheus: '${DS_PROMETHEUS}',
  loki: '${DS_LOKI}',
  tempo: '${DS_TEMPO}',
};
const isBackend = (type: string | undefined): type is Backend => type === 'loki' || type === 'tempo' || type === 'prometheus';

/** One query of one panel, with the backend that runs it. */
interface GrafanaQuery {
  panel: string;
  backend: Backend;
  text: string;
  legend: string;
}
const grafanaQueries: GrafanaQuery[] = grafanaPanels.flatMap((panel) =>
  (panel.targets ?? []).map((t) => {
    const type = t.datasource?.type;
    if (!isBackend(type)) throw new Error(`${panel.title}: target datasource type ${String(type)}`);
    return { panel: panel.title, backend: type, text: t.expr ?? t.query ?? '', legend: t.legendFormat ?? '' };
  }),
);

// ------------------------------------------------------------ semconv and the translations

const entries = Object.entries(semconv).filter(([key]) => key !== 'INSTRUMENTATION_SCOPE') as Array<[string, string]>;
const namesOf = (prefix: string): string[] => entries.filter(([key]) => key.startsWith(prefix) && !key.endsWith('_PREFIX')).map(([, v]) => v);
const ATTRIBUTES = namesOf('ATTR_');
const METRICS = namesOf('METRIC_');
const SPANS = namesOf('SPAN_');
const EVENTS = namesOf('EVENT_');

const isSpanEventName = (name: string): boolean =>
  (name.startsWith(semconv.SPAN_EVENT_CONTACT_PREFIX) && (CONTACT_ACTIONS as readonly string[]).includes(name.slice(semconv.SPAN_EVENT_CONTACT_PREFIX.length))) ||
  (name.startsWith(semconv.SPAN_EVENT_BREAK_PREFIX) && (BREAK_ACTIONS as readonly string[]).includes(name.slice(semconv.SPAN_EVENT_BREAK_PREFIX.length)));

/** Loki structured metadata and Prometheus label names: dots become underscores. */
const underscored = (name: string): string => name.replaceAll('.', '_');

const UNDERSCORED_ATTRIBUTES = new Map(ATTRIBUTES.map((a) => [underscored(a), a]));

/**
 * A Prometheus metric name back to its semconv metric, by the rule alone:
 * optional unit suffix `_seconds`, optional series or type suffix.
 */
function prometheusMetricBySuffixRule(token: string): string | undefined {
  const base = token.replace(/_(bucket|sum|count|total)$/, '').replace(/_seconds$/, '');
  return METRICS.find((m) => underscored(m) === base);
}

/** Every `call_center…` token in a text, in whatever spelling. */
const tokensIn = (text: string): string[] => text.match(/call_center[a-z0-9_.]*[a-z0-9]/g) ?? [];

/** What one token resolved to: a semconv name and the role it plays. */
type Role = 'attribute' | 'metric' | 'span' | 'span-event' | 'event';
interface Resolved {
  token: string;
  name: string;
  role: Role;
}

/** Resolves the tokens of one Grafana query; unresolvable ones come back in `unresolved`. */
function resolveGrafana(q: GrafanaQuery): { resolved: Resolved[]; unresolved: string[] } {
  const resolved: Resolved[] = [];
  const unresolved: string[] = [];
  if (q.backend === 'tempo') {
    // span./resource./event. attributes, `name = "..."` span names, `event:name = "..."` span event names.
    let text = q.text;
    for (const m of text.matchAll(/event:name\s*=\s*"(call_center[^"]*)"/g)) {
      if (isSpanEventName(m[1]!)) resolved.push({ token: m[1]!, name: m[1]!, role: 'span-event' });
      else unresolved.push(m[1]!);
    }
    text = text.replace(/event:name\s*=\s*"call_center[^"]*"/g, '');
    for (const m of text.matchAll(/\bname\s*=\s*"(call_center[^"]*)"/g)) {
      if (SPANS.includes(m[1]!)) resolved.push({ token: m[1]!, name: m[1]!, role: 'span' });
      else unresolved.push(m[1]!);
    }
    text = text.replace(/\bname\s*=\s*"call_center[^"]*"/g, '');
    for (const m of text.matchAll(/\b(?:span|resource|event|link)\.(call_center[a-z0-9_.]*[a-z0-9])/g)) {
      if (ATTRIBUTES.includes(m[1]!)) resolved.push({ token: m[1]!, name: m[1]!, role: 'attribute' });
      else unresolved.push(m[1]!);
    }
    text = text.replace(/\b(?:span|resource|event|link)\.call_center[a-z0-9_.]*[a-z0-9]/g, '');
    unresolved.push(...tokensIn(text)); // a name in no recognised position
    return { resolved, unresolved };
  }
  const metricTokens = new Set([...q.text.matchAll(/\b(call_center_[a-z0-9_]+)\s*[{[]/g)].map((m) => m[1]!));
  for (const token of tokensIn(`${q.text} ${q.legend}`)) {
    const attribute = UNDERSCORED_ATTRIBUTES.get(token);
    const metric = q.backend === 'prometheus' && metricTokens.has(token) ? prometheusMetricBySuffixRule(token) : undefined;
    if (metric) resolved.push({ token, name: metric, role: 'metric' });
    else if (attribute && !metricTokens.has(token)) resolved.push({ token, name: attribute, role: 'attribute' });
    else unresolved.push(token);
  }
  return { resolved, unresolved };
}

const HONEYCOMB_METRICS_DATASET = 'call-center-metrics';

/** Resolves every column and name of one Honeycomb query. */
function resolveHoneycomb(q: HoneycombQuery): { resolved: Resolved[]; unresolved: string[] } {
  const resolved: Resolved[] = [];
  const unresolved: string[] = [];
  const metricsDataset = q.dataset === HONEYCOMB_METRICS_DATASET;
  const { calculations = [], filters = [], breakdowns = [], orders = [] } = q.query;
  const columns = [...calculations.map((c) => c.column), ...filters.map((f) => f.column), ...breakdowns, ...orders.map((o) => o.column)];
  for (const column of columns) {
    if (column === undefined || !column.includes('call_center')) continue;
    if (ATTRIBUTES.includes(column)) resolved.push({ token: column, name: column, role: 'attribute' });
    else if (metricsDataset && METRICS.includes(column)) resolved.push({ token: column, name: column, role: 'metric' });
    else unresolved.push(column);
  }
  for (const filter of filters) {
    const values = (Array.isArray(filter.value) ? filter.value : [filter.value]).filter((v): v is string => typeof v === 'string' && v.includes('call_center'));
    for (const value of values) {
      if (filter.column === 'name' && SPANS.includes(value)) resolved.push({ token: value, name: value, role: 'span' });
      else if (filter.column === 'name' && isSpanEventName(value)) resolved.push({ token: value, name: value, role: 'span-event' });
      else if (filter.column === 'event.name' && EVENTS.includes(value)) resolved.push({ token: value, name: value, role: 'event' });
      else unresolved.push(`${filter.column} ${filter.op} ${value}`);
    }
  }
  // Nothing else in the spec may name a call_center thing.
  const accounted = resolved.length + unresolved.length;
  const everywhere = tokensIn(JSON.stringify(q.query)).length;
  if (everywhere !== accounted) unresolved.push(`${everywhere - accounted} name(s) outside columns and name filters`);
  return { resolved, unresolved };
}

/** Grouping dimensions: what a panel or query splits its results by. */
function groupingsOf(q: GrafanaQuery): string[] {
  const lists =
    q.backend === 'tempo' ? [...q.text.matchAll(/\b(?:select|by)\s*\(([^)]*)\)/g)].map((m) => m[1]!) : [...q.text.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)].map((m) => m[1]!);
  const legend = [...q.legend.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]!);
  return [...lists.flatMap((l) => l.split(',').map((s) => s.trim().replace(/^(?:span|resource|event)\./, ''))), ...legend].filter(Boolean);
}

// ------------------------------------------------------------ what the plugin really emits

/** Names actually emitted by the plugin on each signal, from one scenario through the real SDK. */
interface Emitted {
  logAttributes: Set<string>;
  spanAttributes: Set<string>;
  spanNames: Set<string>;
  spanEventNames: Set<string>;
  /** Prometheus series name -> the metric's attribute keys. */
  prometheusSeries: Map<string, Set<string>>;
  /** OTLP metric name -> its attribute keys (Honeycomb's metrics dataset keeps these names). */
  metrics: Map<string, Set<string>>;
}

/** Units this package uses, as Prometheus' OTLP translation spells them (otlptranslator's unitMap). */
const PROMETHEUS_UNITS: Record<string, string> = { s: 'seconds', ms: 'milliseconds', By: 'bytes', '1': '' };

/** OTLP metric to Prometheus series names under UnderscoreEscapingWithSuffixes. */
function prometheusSeries(metric: MetricData): string[] {
  const { name, unit } = metric.descriptor;
  const tokens = name.split(/[^a-zA-Z0-9:]+/).filter(Boolean);
  let unitSuffix = '';
  if (unit !== '' && !/[{}]/.test(unit)) {
    const mapped = PROMETHEUS_UNITS[unit];
    if (mapped === undefined) throw new Error(`${name}: unit ${unit} has no Prometheus spelling here; add it from otlptranslator's unitMap`);
    unitSuffix = mapped;
  }
  if (unitSuffix !== '' && !tokens.includes(unitSuffix)) tokens.push(unitSuffix);
  const monotonicSum = metric.dataPointType === DataPointType.SUM && metric.isMonotonic;
  if (monotonicSum) tokens.splice(0, tokens.length, ...tokens.filter((t) => t !== 'total'), 'total');
  const base = tokens.join('_');
  return metric.dataPointType === DataPointType.HISTOGRAM ? [`${base}_bucket`, `${base}_sum`, `${base}_count`] : [base];
}

async function emitEverything(): Promise<Emitted> {
  const clock = new TestClock();
  const h: Harness = createHarness({ now: clock.now, operator: { id: 'op-1', name: 'Operator One', team: 'north' } });
  try {
    // A contact with every field, through transfer and update to its end.
    ingest(h, 'contact', fullContact());
    for (const action of [CallCenterAction.Pause, CallCenterAction.Resume, CallCenterAction.Transfer, CallCenterAction.Update]) {
      clock.advance(30);
      ingest(h, 'contact', { ...fullContact(), action });
    }
    clock.advance(60);
    ingest(h, 'contact', { ...fullContact(), action: CallCenterAction.End });
    // A break that overruns its allotted time.
    ingest(h, 'break', { ...fullBreak(), action: 'start', total_time: 600, consumed_time: 0 });
    clock.advance(900);
    ingest(h, 'break', { ...fullBreak(), action: 'end', total_time: 600, consumed_time: 900 });
    ingest(h, 'ops_scorecard', fullScorecard());
    // A rejected event, an ignored field.
    expect(h.instrumentation.logIngestEvent('break', { ...fullBreak(), action: 'add' as 'start' }).ok).toBe(false);
    ingest(h, 'contact', { ...fullContact(), contact_id: 'other', action: CallCenterAction.View, not_in_contract: 1 } as ContactEvent);
    // A contact and a break left open, then force-ended.
    ingest(h, 'contact', { ...fullContact(), contact_id: 'open' });
    ingest(h, 'break', { ...fullBreak(), action: 'start' });
    h.instrumentation.disable();

    const spans = h.spans.getFinishedSpans();
    const metrics = await h.collectMetrics();
    const attributeKeys = (m: MetricData) => new Set(m.dataPoints.flatMap((p) => Object.keys(p.attributes)));
    return {
      logAttributes: new Set(h.records().flatMap((r) => Object.keys(r.attributes))),
      spanAttributes: new Set(spans.flatMap((s) => Object.keys(s.attributes))),
      spanNames: new Set(spans.map((s) => s.name)),
      spanEventNames: new Set(spans.flatMap((s) => s.events.map((e) => e.name))),
      prometheusSeries: new Map([...metrics.values()].flatMap((m) => prometheusSeries(m).map((s) => [s, attributeKeys(m)] as const))),
      metrics: new Map([...metrics.values()].map((m) => [m.descriptor.name, attributeKeys(m)] as const)),
    };
  } finally {
    await h.shutdown();
  }
}

// ------------------------------------------------------------ the questions supervisors ask

/** Each question, the panel and query that answer it, and the names they must use to answer it. */
const QUESTIONS: Array<{
  question: string;
  grafana: { title: string; uses: string[] };
  honeycomb?: { id: string; uses: string[] };
}> = [
  {
    question: 'average handle time by channel',
    grafana: { title: 'Average handle time by channel', uses: [semconv.METRIC_CONTACT_DURATION, semconv.ATTR_CONTACT_CHANNEL] },
    honeycomb: { id: 'aht-by-channel', uses: [semconv.SPAN_CONTACT, semconv.ATTR_CONTACT_CHANNEL] },
  },
  {
    question: 'average handle time by contact type',
    grafana: { title: 'Average handle time by contact type', uses: [semconv.METRIC_CONTACT_DURATION, semconv.ATTR_CONTACT_TYPE] },
    honeycomb: { id: 'aht-by-contact-type', uses: [semconv.SPAN_CONTACT, semconv.ATTR_CONTACT_TYPE] },
  },
  {
    question: 'average time to answer by channel',
    grafana: { title: 'Average time to answer by channel', uses: [semconv.METRIC_CONTACT_WAIT_DURATION, semconv.ATTR_CONTACT_CHANNEL] },
    honeycomb: { id: 'wait-by-channel', uses: [semconv.SPAN_CONTACT, semconv.ATTR_CONTACT_WAIT_TIME, semconv.ATTR_CONTACT_CHANNEL] },
  },
  {
    question: 'service level: share answered within a target time',
    grafana: {
      title: 'Service level by channel (answered within $threshold s)',
      uses: [semconv.METRIC_CONTACT_WAIT_DURATION, semconv.ATTR_CONTACT_CHANNEL],
    },
    honeycomb: { id: 'service-level', uses: [semconv.SPAN_CONTACT, semconv.ATTR_CONTACT_WAIT_TIME, semconv.ATTR_CONTACT_CHANNEL] },
  },
  {
    question: 'average hold time by channel',
    grafana: { title: 'Average hold time by channel', uses: [semconv.METRIC_CONTACT_HOLD_DURATION, semconv.ATTR_CONTACT_CHANNEL] },
    honeycomb: { id: 'hold-time-by-channel', uses: [semconv.ATTR_CONTACT_HOLD_TIME, semconv.ATTR_CONTACT_HOLD_COUNT, semconv.ATTR_CONTACT_CHANNEL] },
  },
  {
    question: 'hold rate by channel: holds per handled contact',
    grafana: {
      title: 'Hold rate by channel',
      uses: [semconv.METRIC_CONTACT_HOLD_DURATION, semconv.METRIC_CONTACT_DURATION, semconv.ATTR_CONTACT_END_REASON, semconv.ATTR_CONTACT_CHANNEL],
    },
    honeycomb: { id: 'holds-per-contact', uses: [semconv.ATTR_CONTACT_HOLD_COUNT, semconv.ATTR_CONTACT_END_REASON, semconv.ATTR_CONTACT_CHANNEL] },
  },
  {
    question: 'contacts with long holds',
    grafana: { title: 'Contacts with long holds', uses: [semconv.SPAN_CONTACT, semconv.ATTR_CONTACT_HOLD_TIME, semconv.ATTR_CONTACT_HOLD_COUNT] },
    honeycomb: { id: 'long-holds', uses: [semconv.SPAN_CONTACT, semconv.ATTR_CONTACT_HOLD_TIME, semconv.ATTR_OPERATOR_ID] },
  },
  {
    question: 'contacts handled per operator',
    grafana: { title: 'Contacts handled per operator', uses: [semconv.ATTR_CONTACT_ACTION, semconv.ATTR_OPERATOR_ID] },
    honeycomb: { id: 'contacts-per-operator', uses: [semconv.SPAN_CONTACT, semconv.ATTR_OPERATOR_ID] },
  },
  {
    question: 'transfers: count',
    grafana: { title: 'Transfers', uses: [semconv.ATTR_CONTACT_ACTION] },
    honeycomb: { id: 'transfers', uses: [semconv.ATTR_CONTACT_ACTION] },
  },
  {
    question: 'transfers: rate',
    grafana: { title: 'Transfer rate', uses: [semconv.ATTR_CONTACT_ACTION] },
    honeycomb: { id: 'transfers', uses: [semconv.ATTR_CONTACT_ACTION] },
  },
  {
    question: 'priority load over time',
    grafana: { title: 'Priority contacts attended, by channel', uses: [semconv.ATTR_CONTACT_IS_PRIORITY] },
    honeycomb: { id: 'priority-load', uses: [semconv.ATTR_CONTACT_IS_PRIORITY] },
  },
  {
    question: 'emergency load over time',
    grafana: { title: 'Emergency contacts attended, by channel', uses: [semconv.ATTR_CONTACT_TYPE] },
    honeycomb: { id: 'emergency-load', uses: [semconv.ATTR_CONTACT_TYPE] },
  },
  {
    question: 'time on break by break type',
    grafana: { title: 'Time on break by break type', uses: [semconv.METRIC_BREAK_DURATION, semconv.ATTR_BREAK_TYPE] },
    honeycomb: { id: 'break-time-by-type', uses: [semconv.SPAN_BREAK, semconv.ATTR_BREAK_TYPE] },
  },
  {
    question: 'time on break per operator',
    grafana: { title: 'Time on break per operator', uses: [semconv.ATTR_BREAK_CONSUMED_TIME, semconv.ATTR_OPERATOR_ID] },
    honeycomb: { id: 'break-time-per-operator', uses: [semconv.SPAN_BREAK, semconv.ATTR_OPERATOR_ID] },
  },
  {
    question: 'break overruns by break type',
    grafana: { title: 'Break overruns by break type', uses: [semconv.METRIC_BREAK_OVERRUNS, semconv.ATTR_BREAK_TYPE] },
    honeycomb: { id: 'break-overruns', uses: [semconv.ATTR_BREAK_OVERRUN, semconv.ATTR_BREAK_TYPE] },
  },
  {
    question: 'break overruns per operator',
    grafana: { title: 'Break overruns per operator', uses: [semconv.ATTR_BREAK_OVERRUN, semconv.ATTR_OPERATOR_ID] },
    honeycomb: { id: 'break-overruns', uses: [semconv.ATTR_BREAK_OVERRUN, semconv.ATTR_OPERATOR_ID] },
  },
  {
    question: 'quality scores by performance group',
    grafana: {
      title: 'Average quality score by performance group',
      uses: [semconv.ATTR_OPS_SCORECARD_QUALITY_SCORE, semconv.ATTR_OPS_SCORECARD_PERFORMANCE_GROUP],
    },
    honeycomb: {
      id: 'quality-by-performance-group',
      uses: [semconv.ATTR_OPS_SCORECARD_QUALITY_SCORE, semconv.ATTR_OPS_SCORECARD_PERFORMANCE_GROUP],
    },
  },
  { question: 'recent contacts (trace table)', grafana: { title: 'Recent contacts', uses: [semconv.SPAN_CONTACT] } },
  {
    question: 'health: rejected events by reason',
    grafana: { title: 'Rejected events by reason', uses: [semconv.METRIC_EVENTS_REJECTED, semconv.ATTR_REJECTION_REASON] },
    honeycomb: { id: 'rejected-events', uses: [semconv.METRIC_EVENTS_REJECTED, semconv.ATTR_REJECTION_REASON] },
  },
  {
    question: 'health: contacts force-ended by reason',
    grafana: {
      title: 'Contacts and breaks force-ended by reason',
      uses: [semconv.METRIC_CONTACTS_FORCE_ENDED, semconv.ATTR_CONTACT_END_REASON],
    },
    honeycomb: { id: 'force-ended-contacts', uses: [semconv.SPAN_CONTACT, semconv.ATTR_CONTACT_END_REASON] },
  },
  {
    question: 'health: active contacts',
    grafana: { title: 'Active contacts by channel', uses: [semconv.METRIC_CONTACTS_ACTIVE] },
    honeycomb: { id: 'active-contacts', uses: [semconv.SPAN_CONTACT] },
  },
];

// ------------------------------------------------------------ the tests

describe('example dashboards', () => {
  let emitted: Emitted;
  beforeAll(async () => {
    emitted = await emitEverything();
  });

  it('every call_center name in a Grafana query resolves to semconv.ts through its backend’s translation', () => {
    const unresolved = grafanaQueries.flatMap((q) => resolveGrafana(q).unresolved.map((t) => `${q.panel} (${q.backend}): ${t}`));
    const resolved = grafanaQueries.flatMap((q) => resolveGrafana(q).resolved);

    expect(unresolved).toEqual([]);
    // Every backend and role is exercised, so the rules above are not vacuous.
    expect(new Set(grafanaQueries.map((q) => q.backend))).toEqual(new Set(['loki', 'tempo', 'prometheus']));
    expect(new Set(resolved.map((r) => r.role))).toEqual(new Set(['attribute', 'metric', 'span']));
    expect(resolved.length).toBeGreaterThan(40);
  });

  it('every call_center name in a Honeycomb query resolves to semconv.ts, as is', () => {
    const unresolved = honeycomb.flatMap((q) => resolveHoneycomb(q).unresolved.map((t) => `${q.id}: ${t}`));
    const resolved = honeycomb.flatMap((q) => resolveHoneycomb(q).resolved);

    expect(unresolved).toEqual([]);
    expect(new Set(resolved.map((r) => r.role))).toEqual(new Set(['attribute', 'metric', 'span']));
  });

  it('every call_center name in titles, descriptions and questions is spelled as in semconv.ts', () => {
    const prose = [grafanaText.match(/"(?:title|description)": "[^"]*"/g)?.join('\n') ?? '', honeycomb.map((q) => `${q.title}\n${q.question}`).join('\n')].join('\n');
    const tokens = tokensIn(prose);

    expect(tokens.length).toBeGreaterThan(5);
    expect(tokens.filter((t) => ![...ATTRIBUTES, ...METRICS, ...SPANS, ...EVENTS].includes(t) && !isSpanEventName(t))).toEqual([]);
  });

  it('the names each query uses are emitted on the signal that backend stores', () => {
    const missing: string[] = [];
    for (const q of grafanaQueries) {
      const { resolved } = resolveGrafana(q);
      if (q.backend === 'loki') {
        for (const r of resolved) if (!emitted.logAttributes.has(r.name)) missing.push(`${q.panel}: ${r.token} is no log record attribute`);
      } else if (q.backend === 'tempo') {
        for (const r of resolved) {
          const on = r.role === 'span' ? emitted.spanNames : r.role === 'span-event' ? emitted.spanEventNames : emitted.spanAttributes;
          if (!on.has(r.name)) missing.push(`${q.panel}: ${r.token} is not on any span`);
        }
      } else {
        // Prometheus: exact series names, and labels that the metrics of this expression carry.
        const series = resolved.filter((r) => r.role === 'metric').map((r) => r.token);
        const labels = new Set(series.flatMap((s) => [...(emitted.prometheusSeries.get(s) ?? [])]).map(underscored));
        for (const s of series) if (!emitted.prometheusSeries.has(s)) missing.push(`${q.panel}: no series ${s}`);
        for (const r of resolved.filter((x) => x.role === 'attribute')) if (!labels.has(r.token)) missing.push(`${q.panel}: ${r.token} is no label of ${series.join(', ')}`);
      }
    }
    for (const q of honeycomb) {
      for (const r of resolveHoneycomb(q).resolved) {
        const known =
          q.dataset === HONEYCOMB_METRICS_DATASET
            ? emitted.metrics.has(r.name) || [...emitted.metrics.values()].some((keys) => keys.has(r.name))
            : r.role === 'span'
              ? emitted.spanNames.has(r.name)
              : r.role === 'span-event'
                ? emitted.spanEventNames.has(r.name)
                : emitted.spanAttributes.has(r.name) || emitted.logAttributes.has(r.name);
        if (!known) missing.push(`${q.id}: ${r.token} is not emitted where ${q.dataset} gets its data`);
      }
    }

    expect(missing).toEqual([]);
    // The scenario reached every metric the dashboards use.
    expect([...emitted.metrics.keys()].sort()).toEqual([...METRICS].sort());
  });

  it('every legend label of a Loki or Prometheus query is one it groups by', () => {
    const stray = grafanaQueries
      .filter((q) => q.backend !== 'tempo')
      .flatMap((q) => {
        const by = new Set([...q.text.matchAll(/\bby\s*\(([^)]*)\)/g)].flatMap((m) => m[1]!.split(',').map((s) => s.trim())));
        return [...q.legend.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)]
          .map((m) => m[1]!)
          .filter((l) => !by.has(l))
          .map((l) => `${q.panel}: ${l}`);
      });

    expect(stray).toEqual([]);
  });

  it('no sensitive attribute is a grouping, breakdown or table column anywhere', () => {
    const sensitive = new Set<string>(SENSITIVE_ATTRIBUTES.flatMap((a) => [a, underscored(a)]));
    const grafanaGroupings = grafanaQueries.flatMap((q) => groupingsOf(q).map((g) => [q.panel, g] as const));
    const honeycombGroupings = honeycomb.flatMap((q) => [...(q.query.breakdowns ?? []), ...(q.query.orders ?? []).map((o) => o.column ?? '')].map((g) => [q.id, g] as const));
    const all = [...grafanaGroupings, ...honeycombGroupings];

    expect(all.length).toBeGreaterThan(30);
    expect(all.filter(([, g]) => sensitive.has(g))).toEqual([]);
  });

  it('answers every supervisor question with a Grafana panel and a Honeycomb query that use the right names', () => {
    const failures: string[] = [];
    for (const { question, grafana: g, honeycomb: hc } of QUESTIONS) {
      const panel = grafanaPanels.find((p) => p.title === g.title);
      if (!panel) {
        failures.push(`${question}: no Grafana panel "${g.title}"`);
      } else {
        const used = new Set(grafanaQueries.filter((q) => q.panel === panel.title).flatMap((q) => resolveGrafana(q).resolved.map((r) => r.name)));
        for (const name of g.uses) if (!used.has(name)) failures.push(`${question}: panel "${g.title}" does not use ${name}`);
      }
      if (hc) {
        const query = honeycomb.find((q) => q.id === hc.id);
        if (!query) {
          failures.push(`${question}: no Honeycomb query ${hc.id}`);
        } else {
          const used = new Set(resolveHoneycomb(query).resolved.map((r) => r.name));
          for (const name of hc.uses) if (!used.has(name)) failures.push(`${question}: query ${hc.id} does not use ${name}`);
        }
      }
    }

    expect(failures).toEqual([]);
    expect(QUESTIONS.filter((q) => !q.honeycomb).map((q) => q.question)).toEqual(['recent contacts (trace table)']);
  });

  it('every Grafana panel reads one of the three datasource variables, filters by $service and says what it answers', () => {
    const variables = new Map(grafana.templating.list.map((v) => [v.name, v]));
    const problems: string[] = [];
    for (const [backend, uid] of Object.entries(DATASOURCE_VARIABLES)) {
      const variable = variables.get(uid.slice(2, -1));
      if (variable?.type !== 'datasource' || variable.query !== backend) problems.push(`no datasource variable ${uid} for ${backend}`);
    }
    if (variables.get('service')?.type !== 'query') problems.push('no $service variable');
    for (const panel of grafanaPanels) {
      const type = panel.datasource?.type;
      if (!isBackend(type) || panel.datasource?.uid !== DATASOURCE_VARIABLES[type]) problems.push(`${panel.title}: datasource ${JSON.stringify(panel.datasource)}`);
      if (!panel.targets?.length) problems.push(`${panel.title}: no query`);
      for (const t of panel.targets ?? []) {
        if (t.datasource?.type !== type || t.datasource?.uid !== panel.datasource?.uid) problems.push(`${panel.title}: a target reads ${JSON.stringify(t.datasource)}`);
        if (!/\$service\b|\$\{service[:}]/.test(t.expr ?? t.query ?? '')) problems.push(`${panel.title}: a query ignores $service`);
      }
      if (!panel.description?.includes('?')) problems.push(`${panel.title}: the description asks no question`);
    }

    expect(problems).toEqual([]);
    expect(grafana.schemaVersion).toBeGreaterThanOrEqual(39);
    const ids = grafana.panels.flatMap((p) => [p, ...(p.panels ?? [])]).map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every Honeycomb query is a valid Query Specification', () => {
    const CALCULATION_OPS = ['COUNT', 'CONCURRENCY', 'SUM', 'AVG', 'COUNT_DISTINCT', 'MAX', 'MIN', 'HEATMAP', 'RATE_AVG', 'RATE_SUM', 'RATE_MAX'];
    const PERCENTILES = ['P001', 'P01', 'P05', 'P10', 'P20', 'P25', 'P50', 'P75', 'P80', 'P90', 'P95', 'P99', 'P999'];
    const FILTER_OPS = ['=', '!=', '>', '>=', '<', '<=', 'starts-with', 'does-not-start-with', 'exists', 'does-not-exist', 'contains', 'does-not-contain', 'in', 'not-in'];
    const KEYS = ['calculations', 'filters', 'filter_combination', 'breakdowns', 'orders', 'havings', 'limit', 'time_range', 'start_time', 'end_time', 'granularity'];
    const problems: string[] = [];
    for (const { id, query: spec, dataset } of honeycomb) {
      for (const key of Object.keys(spec)) if (!KEYS.includes(key)) problems.push(`${id}: unknown field ${key}`);
      for (const c of spec.calculations ?? []) {
        if (![...CALCULATION_OPS, ...PERCENTILES].includes(c.op)) problems.push(`${id}: calculation op ${c.op}`);
        if ((c.op === 'COUNT' || c.op === 'CONCURRENCY') !== (c.column === undefined)) problems.push(`${id}: ${c.op} column ${c.column}`);
      }
      for (const f of spec.filters ?? []) {
        if (!FILTER_OPS.includes(f.op)) problems.push(`${id}: filter op ${f.op}`);
        const valueless = f.op === 'exists' || f.op === 'does-not-exist';
        if (valueless !== (f.value === undefined)) problems.push(`${id}: ${f.column} ${f.op} value ${JSON.stringify(f.value)}`);
        if ((f.op === 'in' || f.op === 'not-in') !== Array.isArray(f.value)) problems.push(`${id}: ${f.op} value shape`);
      }
      for (const o of spec.orders ?? []) {
        const inCalculations = (spec.calculations ?? []).some((c) => c.op === o.op && c.column === o.column);
        const inBreakdowns = o.op === undefined && o.column !== undefined && (spec.breakdowns ?? []).includes(o.column);
        if (!inCalculations && !inBreakdowns) problems.push(`${id}: order ${JSON.stringify(o)} is neither a calculation nor a breakdown`);
        if (o.order !== undefined && o.order !== 'ascending' && o.order !== 'descending') problems.push(`${id}: order ${o.order}`);
      }
      const range = spec.time_range ?? 7200;
      if (spec.granularity !== undefined && (spec.granularity < range / 1000 || spec.granularity > range / 10))
        problems.push(`${id}: granularity ${spec.granularity} outside ${range / 1000}..${range / 10}`);
      if (dataset !== HONEYCOMB_METRICS_DATASET && dataset !== '<service.name>') problems.push(`${id}: dataset ${dataset}`);
    }

    expect(problems).toEqual([]);
    expect(new Set(honeycomb.map((q) => q.id)).size).toBe(honeycomb.length);
  });
});
