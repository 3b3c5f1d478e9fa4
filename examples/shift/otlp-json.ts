// Reading OTLP/JSON export requests (one per line, as the collector's file
// exporter and the demo's file exporters write them) into plain records.

/** One OTLP/JSON export request. */
export type OtlpRequest = Record<string, unknown>;

/** Parses OTLP/JSON lines, skipping a last line still being written. */
export function parseLines(text: string): OtlpRequest[] {
  const complete = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
  return complete
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as OtlpRequest);
}

/** An OTLP/JSON AnyValue turned into a plain value (64-bit ints arrive as strings). */
export function anyValue(value: Record<string, unknown> | undefined): unknown {
  if (!value) return undefined;
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return value.boolValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return value.doubleValue;
  if ('arrayValue' in value) return ((value.arrayValue as { values?: Record<string, unknown>[] }).values ?? []).map(anyValue);
  if ('kvlistValue' in value) return attributes((value.kvlistValue as { values?: KeyValue[] }).values);
  return undefined;
}

interface KeyValue {
  key: string;
  value?: Record<string, unknown>;
}

export function attributes(list: KeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of list ?? []) out[key] = anyValue(value);
  return out;
}

export interface LogRecord {
  service: string;
  eventName: string;
  body: unknown;
  severityText: string;
  traceId: string;
  spanId: string;
  /** Epoch milliseconds: when the event happened, and when the SDK saw it. */
  timeMs: number;
  observedTimeMs: number;
  attributes: Record<string, unknown>;
}

export interface SpanRecord {
  service: string;
  name: string;
  traceId: string;
  spanId: string;
  /** Epoch milliseconds. */
  startMs: number;
  endMs: number;
  attributes: Record<string, unknown>;
  /** Span events, each with its epoch milliseconds. */
  events: Array<{ name: string; timeMs: number; attributes: Record<string, unknown> }>;
  status: { code?: number; message?: string };
  parentSpanId: string;
  links: Array<{ traceId: string; spanId: string }>;
}

export interface MetricPoint {
  service: string;
  name: string;
  attributes: Record<string, unknown>;
  value: number;
  /** A histogram point's sum (the value is its count). */
  sum?: number;
  /** Epoch nanoseconds, as a string (64-bit). */
  timeUnixNano: string;
  /** When a cumulative series began counting, epoch nanoseconds as a string ('0' when absent). */
  startTimeUnixNano: string;
}

// biome-ignore lint/suspicious/noExplicitAny: OTLP/JSON as parsed; every read below falls back to a default.
type Json = Record<string, any>;

/** A `*UnixNano` field (a 64-bit integer, as a string) in epoch milliseconds; 0 when absent. */
function millis(unixNano: string | number | undefined): number {
  return Number(BigInt(unixNano ?? 0) / 1_000_000n);
}

function service(resource: Json | undefined): string {
  return String(attributes(resource?.attributes)['service.name'] ?? '');
}

/** Every item of every request, with its resource's service name: OTLP nests resource → scope → items. */
function* items(requests: OtlpRequest[], resourceKey: string, scopeKey: string, itemKey: string): Generator<[service: string, item: Json]> {
  for (const request of requests as Json[]) {
    for (const resource of request[resourceKey] ?? []) {
      const name = service(resource.resource);
      for (const scope of resource[scopeKey] ?? []) for (const item of scope[itemKey] ?? []) yield [name, item];
    }
  }
}

export function logRecords(requests: OtlpRequest[]): LogRecord[] {
  return [...items(requests, 'resourceLogs', 'scopeLogs', 'logRecords')].map(([service, r]) => ({
    service,
    eventName: r.eventName ?? '',
    body: anyValue(r.body),
    severityText: r.severityText ?? '',
    traceId: r.traceId ?? '',
    spanId: r.spanId ?? '',
    timeMs: millis(r.timeUnixNano),
    observedTimeMs: millis(r.observedTimeUnixNano),
    attributes: attributes(r.attributes),
  }));
}

export function spans(requests: OtlpRequest[]): SpanRecord[] {
  return [...items(requests, 'resourceSpans', 'scopeSpans', 'spans')].map(([service, s]) => ({
    service,
    name: s.name,
    traceId: s.traceId,
    spanId: s.spanId,
    startMs: millis(s.startTimeUnixNano),
    endMs: millis(s.endTimeUnixNano),
    attributes: attributes(s.attributes),
    events: (s.events ?? []).map((e: Json) => ({ name: e.name, timeMs: millis(e.timeUnixNano), attributes: attributes(e.attributes) })),
    status: s.status ?? {},
    parentSpanId: s.parentSpanId ?? '',
    links: (s.links ?? []).map((l: Json) => ({ traceId: l.traceId, spanId: l.spanId })),
  }));
}

/** Sum and gauge points by value, histogram points by count. */
export function metricPoints(requests: OtlpRequest[]): MetricPoint[] {
  return [...items(requests, 'resourceMetrics', 'scopeMetrics', 'metrics')].flatMap(([service, m]) =>
    ((m.sum?.dataPoints ?? m.gauge?.dataPoints ?? m.histogram?.dataPoints ?? []) as Json[]).map((p) => ({
      service,
      name: m.name,
      attributes: attributes(p.attributes),
      value: m.histogram ? Number(p.count) : Number(p.asInt ?? p.asDouble ?? 0),
      ...(m.histogram ? { sum: Number(p.sum ?? 0) } : {}),
      timeUnixNano: String(p.timeUnixNano ?? '0'),
      startTimeUnixNano: String(p.startTimeUnixNano ?? '0'),
    })),
  );
}
