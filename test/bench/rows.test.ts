import { afterEach, describe, expect, it } from 'vitest';
import { CallCenterInstrumentation } from '@kenkai/instrumentation-call-center';
import { BareSdk, bareTask, OPERATOR_ID, pluginTask, ROWS, sdkSetup, type Row, type SdkSetup } from '../../bench/rows.ts';

// The benchmark's ratios mean something only if its two sides do the same
// observable work: this runs every row on both, each on its own SDK set-up
// (the benchmark's), and compares what they export as OTLP/JSON.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const TIME = /timeunixnano$/i;
/** Attributes each side measures on its own clock. */
const CLOCK_ATTRIBUTES = new Set(['call_center.contact.wait_time', 'call_center.contact.hold_time']);
/** Histogram fields that sum such measurements. */
const CLOCK_SUMS = new Set(['sum', 'min', 'max']);

/** A number read from a clock: compared within a tolerance, every other number exactly. */
const approx = (n: number): Json => ({ '~': n });

/**
 * An export made comparable: times in seconds, and every number measured
 * on a side's own clock (times, the wait and hold attributes, histogram
 * sums) marked approximate; trace and span ids replaced by their order of
 * appearance (so that links between log records and spans still compare);
 * attribute lists sorted by key. A clock-measured attribute's int or double
 * kind is not compared (0 s is an int in OTLP/JSON, 0.001 s a double); every
 * other value keeps its kind.
 */
function normalise(value: Json, ids: Map<string, string>, clock = false): Json {
  if (Array.isArray(value)) {
    const items = value.map((v) => normalise(v, ids));
    const isAttributes = items.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v) && 'key' in v && 'value' in v);
    return isAttributes && items.length ? items.sort((a, b) => String((a as { key: string }).key).localeCompare(String((b as { key: string }).key))) : items;
  }
  if (typeof value !== 'object' || value === null) return value;
  const measured = clock || (typeof value.key === 'string' && CLOCK_ATTRIBUTES.has(value.key));
  const out: { [key: string]: Json } = {};
  for (const [key, v] of Object.entries(value)) {
    if (TIME.test(key)) out[key] = approx(Number(v) / 1e9);
    else if ((key === 'traceId' || key === 'spanId' || key === 'parentSpanId') && typeof v === 'string' && v !== '') {
      if (!ids.has(v)) ids.set(v, `${key === 'traceId' ? 'trace' : 'span'}-${ids.size}`);
      out[key] = ids.get(v)!;
    } else if (measured && (key === 'intValue' || key === 'doubleValue')) out.number = approx(Number(v));
    else if (key === 'intValue' || key === 'asInt') out[key] = Number(v);
    else if (CLOCK_SUMS.has(key) && typeof v === 'number') out[key] = approx(v);
    else out[key] = normalise(v, ids, measured);
  }
  return out;
}

/** What one side exported: its log records and spans in order, and its last (cumulative) metrics export, metrics and points sorted. */
function exported(sdk: SdkSetup): Json {
  const ids = new Map<string, string>();
  const metrics = normalise(sdk.exporters.metrics.kept.at(-1) as Json, ids) as {
    resourceMetrics: Array<{ scopeMetrics: Array<{ metrics: Array<{ name: string } & Record<string, { dataPoints?: Json[] }>> }> }>;
  };
  for (const rm of metrics.resourceMetrics) {
    for (const sm of rm.scopeMetrics) {
      sm.metrics.sort((a, b) => a.name.localeCompare(b.name));
      for (const m of sm.metrics)
        for (const data of Object.values(m)) if (typeof data === 'object' && data.dataPoints) data.dataPoints.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    }
  }
  return { logs: normalise(sdk.exporters.logs.kept as Json, ids), spans: normalise(sdk.exporters.spans.kept as Json, ids), metrics: metrics as unknown as Json };
}

/** Where two exports differ: approximate numbers (see `normalise`) agree within 0.5 s, everything else exactly. */
function differences(a: Json, b: Json, path = ''): string[] {
  const [x, y] = [a, b].map((v) => (typeof v === 'object' && v !== null && !Array.isArray(v) && '~' in v ? v['~'] : undefined));
  if (typeof x === 'number' && typeof y === 'number') return Math.abs(x - y) <= 0.5 ? [] : [`${path}: ${x} != ${y}`];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${path}: ${a.length} items != ${b.length} items (${JSON.stringify(a)} != ${JSON.stringify(b)})`];
    return a.flatMap((v, i) => differences(v, b[i]!, `${path}[${i}]`));
  }
  if (typeof a === 'object' && a !== null && !Array.isArray(a) && typeof b === 'object' && b !== null && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => (k in a && k in b ? differences(a[k]!, b[k]!, `${path}.${k}`) : [`${path}.${k}: ${JSON.stringify(a[k])} != ${JSON.stringify(b[k])}`]));
  }
  return a === b ? [] : [`${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`];
}

/** Runs `calls` events of a row on both sides and returns what each exported. */
async function runBoth(row: Row, calls: number): Promise<{ plugin: Json; bare: Json }> {
  const pluginSdk = sdkSetup(true);
  const bareSdk = sdkSetup(true);
  const cc = new CallCenterInstrumentation({ operator: { id: OPERATOR_ID } });
  cc.setLoggerProvider(pluginSdk.loggerProvider);
  cc.setTracerProvider(pluginSdk.tracerProvider);
  cc.setMeterProvider(pluginSdk.meterProvider);
  cleanups.push(async () => {
    cc.disable();
    await Promise.all([pluginSdk.shutdown(), bareSdk.shutdown()]);
  });
  pluginTask(cc, row)(calls);
  bareTask(new BareSdk(bareSdk), row)(calls);
  await Promise.all([pluginSdk.flush(), bareSdk.flush()]);
  return { plugin: exported(pluginSdk), bare: exported(bareSdk) };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('the benchmark rows: plugin and bare SDK export the same telemetry', () => {
  for (const row of ROWS) {
    it(row, async () => {
      // Three contacts for the lifecycle (12 events); three events for the others.
      const { plugin, bare } = await runBoth(row, row === 'contact lifecycle' ? 12 : 3);
      expect(differences(plugin, bare)).toEqual([]);
      const shape = plugin as {
        logs: Array<{ resourceLogs: Array<{ scopeLogs: Array<{ logRecords: unknown[] }> }> }>;
        spans: Array<{ resourceSpans: Array<{ scopeSpans: Array<{ spans: unknown[] }> }> }>;
      };
      const records = shape.logs.flatMap((l) => l.resourceLogs.flatMap((r) => r.scopeLogs.flatMap((s) => s.logRecords)));
      const spans = shape.spans.flatMap((l) => l.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
      // Not vacuous: the rows emit what they say.
      expect(records).toHaveLength(row === 'contact lifecycle' ? 12 : 3);
      expect(spans).toHaveLength(row === 'contact lifecycle' ? 3 : 0);
      const metrics = (plugin as { metrics: { resourceMetrics: Array<{ scopeMetrics: Array<{ metrics: Array<{ name: string }> }> }> } }).metrics;
      const names = metrics.resourceMetrics.flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics.map((m) => m.name)));
      const lifecycle = ['call_center.contact.duration', 'call_center.contact.hold.duration', 'call_center.contact.wait.duration', 'call_center.contacts.active'];
      expect(names).toEqual([...(row === 'contact lifecycle' ? lifecycle : []), 'call_center.events']);
    });
  }

  it('would see a difference in a span event attribute', async () => {
    const { plugin, bare } = await runBoth('contact lifecycle', 4);
    const spans = (bare as { spans: Array<{ resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ events: Array<{ attributes: unknown[] }> }> }> }> }> }).spans;
    spans[0]!.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.events[0]!.attributes.push({ key: 'call_center.contact.id', value: { stringValue: 'c-0' } });
    expect(differences(plugin, bare)).toEqual([expect.stringMatching(/events\[0\]\.attributes: 1 items != 2 items/)]);
  });

  it('would see an event value off by less than the clock tolerance, and an int sent as a double', async () => {
    const { plugin, bare } = await runBoth('ops_scorecard', 1);
    const logs = (
      bare as { logs: Array<{ resourceLogs: Array<{ scopeLogs: Array<{ logRecords: Array<{ attributes: Array<{ key: string; value: Record<string, Json> }> }> }> }> }> }
    ).logs;
    const attributes = logs[0]!.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!.attributes;
    const quality = attributes.find((a) => a.key === 'call_center.ops_scorecard.quality_score')!;
    quality.value.doubleValue = (quality.value.doubleValue as number) + 0.25;
    const audits = attributes.find((a) => a.key === 'call_center.ops_scorecard.audit_count')!;
    audits.value = { doubleValue: audits.value.intValue! };
    const found = differences(plugin, bare);
    expect(found.filter((d) => /\.value\.(intValue: 12 != undefined|doubleValue: undefined != 12)$/.test(d))).toHaveLength(2);
    expect(found.filter((d) => d.endsWith('.value.doubleValue: 93.5 != 93.75'))).toHaveLength(1);
    expect(found).toHaveLength(3);
  });
});
