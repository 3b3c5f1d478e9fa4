// Prometheus 3 as the metrics backend, for real: collector-config.yaml as
// shipped, its metrics pipeline pointed at Prometheus' OTLP receiver by its
// two variables (CC_METRICS_EXPORTERS, CC_METRICS_OTLP_ENDPOINT), and the
// plugin's metrics from the real SDK, queried back through Prometheus' HTTP
// API under the names dashboards use. Then points timestamped over the last
// hours (a shift simulated in seconds, on its own clock), and the Prometheus
// configuration that keeps them and lets increase() count the whole shift.
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPMetricExporter as JsonMetrics } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoMetrics } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  DataPointType,
  type InstrumentType,
  MeterProvider,
  PeriodicExportingMetricReader,
  type HistogramMetricData,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BreakType, CallCenter, CallCenterInstrumentation, ContactChannel, ContactType } from '@kenkai/instrumentation-call-center';
import type { RunningCollector } from './collector.js';
import { collectorToPrometheus, startPrometheus, type RunningPrometheus } from './prometheus.js';
import { waitFor } from './wait-for.js';

/** Keeps what the SDK exported, to compare Prometheus' numbers with. */
class Recorded implements PushMetricExporter {
  readonly exported: ResourceMetrics[] = [];
  readonly inner: PushMetricExporter;
  constructor(inner: PushMetricExporter) {
    this.inner = inner;
  }
  export(metrics: ResourceMetrics, done: (result: ExportResult) => void): void {
    this.inner.export(metrics, (result) => {
      if (result.code === ExportResultCode.SUCCESS) this.exported.push(metrics);
      done(result);
    });
  }
  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }
  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
  selectAggregationTemporality(instrumentType: InstrumentType): AggregationTemporality {
    return this.inner.selectAggregationTemporality?.(instrumentType) ?? AggregationTemporality.CUMULATIVE;
  }
}

/** The label matcher of one application's series. */
const job = (service: string) => `job="${service}",instance="${service}-1"`;

/** One value per series of an instant query, keyed by the given labels. */
async function values(prometheus: RunningPrometheus, promql: string, by: string[], time?: number): Promise<Record<string, number>> {
  const samples = await prometheus.query(promql, time);
  return Object.fromEntries(samples.map((s) => [by.map((l) => s.metric[l] ?? '').join('/'), s.value]));
}

describe('collector-config.yaml into a real Prometheus 3 (OTLP receiver, default settings)', () => {
  let prometheus: RunningPrometheus;
  let collector: RunningCollector;
  beforeAll(async () => {
    // Only --web.enable-otlp-receiver: what the plugin's live metrics need.
    prometheus = await startPrometheus();
    collector = await collectorToPrometheus(prometheus);
  });
  afterAll(async () => {
    await collector?.stop();
    await prometheus?.stop();
  });

  describe.each([
    ['json', JsonMetrics],
    ['proto', ProtoMetrics],
  ] as const)('the plugin in the real SDK, OTLP/HTTP %s to the collector', (protocol, Exporter) => {
    const service = `call-center-prometheus-${protocol}`;
    let recorded: Recorded;
    beforeAll(async () => {
      recorded = new Recorded(new Exporter({ url: `${collector.httpEndpoint}/v1/metrics` }));
      const reader = new PeriodicExportingMetricReader({ exporter: recorded, exportIntervalMillis: 3_600_000 });
      const resource = resourceFromAttributes({ 'service.name': service, 'service.instance.id': `${service}-1`, 'deployment.environment.name': 'e2e' });
      const meterProvider = new MeterProvider({ resource, readers: [reader] });
      const tracerProvider = new TracerProvider({ resource });
      const loggerProvider = new LoggerProvider({ resource });
      const unregister = registerInstrumentations({
        instrumentations: [new CallCenterInstrumentation({ operator: { id: `op-${protocol}` } })],
        tracerProvider,
        loggerProvider,
        meterProvider,
      });
      // Three contacts handled (30 s, 90 s, 400 s: 520 s in all), a fourth still open, a break, one event refused.
      const t0 = Date.now() - 30 * 60_000;
      const handled = [
        { id: 'c1', channel: ContactChannel.Call, seconds: 30 },
        { id: 'c2', channel: ContactChannel.Call, seconds: 90 },
        { id: 'c3', channel: ContactChannel.WhatsApp, seconds: 400 },
      ];
      const contact = (id: string, channel: ContactChannel) => ({
        contact_id: `${protocol}-${id}`,
        contact_channel: channel,
        contact_type: ContactType.FollowUp,
        transfer_id: 'none',
      });
      for (const [i, c] of handled.entries()) {
        const attend = t0 + i * 600_000;
        expect(CallCenter.logIngestEvent('contact', { ...contact(c.id, c.channel), action: 'attend' }, { timestamp: attend }).ok).toBe(true);
        expect(CallCenter.logIngestEvent('contact', { ...contact(c.id, c.channel), action: 'end' }, { timestamp: attend + c.seconds * 1000 }).ok).toBe(true);
      }
      expect(CallCenter.logIngestEvent('contact', { ...contact('open', ContactChannel.Email), action: 'attend' }).ok).toBe(true);
      expect(CallCenter.logIngestEvent('break', { type: BreakType.Tea, action: 'start', total_time: 600, consumed_time: 0 }).ok).toBe(true);
      expect(CallCenter.logIngestEvent('break', { type: 'nap', action: 'start', total_time: 1, consumed_time: 0 } as never).ok).toBe(false);
      // The last export before the instrumentation goes: disabling it ends the open contact (reason `disabled`).
      await meterProvider.shutdown();
      unregister();
      await Promise.all([tracerProvider.shutdown(), loggerProvider.shutdown()]);
      expect(recorded.exported.length).toBeGreaterThan(0);
      // The collector batches in its queue (1 s) before it pushes to Prometheus.
      await waitFor(
        async () => (await prometheus.query(`call_center_contact_duration_seconds_count{${job(service)}}`)).length,
        (n) => n > 0,
        () => `no handle times in Prometheus; the collector said:\n${collector.log().slice(-3000)}`,
        { timeoutMs: 20_000, intervalMs: 250 },
      );
    });

    it('names the metrics as dashboards query them: unit suffix, _total on counters, none on the up-down counter', async () => {
      // What this test's events produced; a `{event}`-style unit is an annotation and adds nothing to a name.
      expect((await prometheus.metricNames()).filter((n) => n.startsWith('call_center_'))).toEqual([
        'call_center_contact_duration_seconds_bucket',
        'call_center_contact_duration_seconds_count',
        'call_center_contact_duration_seconds_sum',
        'call_center_contacts_active',
        'call_center_events_rejected_total',
        'call_center_events_total',
      ]);
    });

    it('labels every series with job = service.name and instance = service.instance.id; other resource attributes only on target_info', async () => {
      const series = await prometheus.query(`{__name__=~"call_center_.+", job="${service}"}`);
      expect(series.length).toBeGreaterThan(0);
      for (const s of series) {
        expect(s.metric.instance, s.metric.__name__).toBe(`${service}-1`);
        expect(s.metric).not.toHaveProperty('deployment_environment_name');
        expect(s.metric).not.toHaveProperty('service_name');
      }
      const info = await prometheus.query(`target_info{job="${service}"}`);
      expect(info.map((s) => s.metric)).toEqual([expect.objectContaining({ instance: `${service}-1`, deployment_environment_name: 'e2e' })]);
    });

    it('holds the handle times the plugin recorded: counts, sum and every bucket', async () => {
      expect(
        await values(prometheus, `sum by (call_center_contact_channel) (call_center_contact_duration_seconds_count{${job(service)}})`, ['call_center_contact_channel']),
      ).toEqual({
        call: 2,
        whatsapp: 1,
      });
      expect(await values(prometheus, `sum(call_center_contact_duration_seconds_sum{${job(service)}})`, [])).toEqual({ '': 520 });

      // Every bucket of every exported data point, as the SDK sent it (cumulative counts per `le`).
      const sent = recorded.exported
        .at(-1)!
        .scopeMetrics.flatMap((s) => s.metrics)
        .find((m) => m.descriptor.name === 'call_center.contact.duration') as HistogramMetricData;
      expect(sent.dataPointType).toBe(DataPointType.HISTOGRAM);
      const expected: Record<string, number> = {};
      for (const point of sent.dataPoints) {
        const { boundaries, counts } = point.value.buckets;
        let cumulative = 0;
        for (const [i, count] of counts.entries()) {
          cumulative += count;
          const key = `${point.attributes['call_center.contact.channel']}/${i < boundaries.length ? String(boundaries[i]) : '+Inf'}`;
          expected[key] = (expected[key] ?? 0) + cumulative;
        }
      }
      const buckets = await values(prometheus, `sum by (call_center_contact_channel, le) (call_center_contact_duration_seconds_bucket{${job(service)}})`, [
        'call_center_contact_channel',
        'le',
      ]);
      expect(buckets).toEqual(expected);
      expect(buckets['call/30']).toBe(1);
      expect(buckets['call/120']).toBe(2);
      expect(buckets['whatsapp/300']).toBe(0);
      expect(buckets['whatsapp/600']).toBe(1);
    });

    it('holds the event counters and the open contacts', async () => {
      expect(await values(prometheus, `call_center_events_total{${job(service)}}`, ['call_center_event_type', 'call_center_event_action'])).toEqual({
        'contact/attend': 4,
        'contact/end': 3,
        'break/start': 1,
      });
      expect(await values(prometheus, `sum(call_center_events_rejected_total{${job(service)}})`, [])).toEqual({ '': 1 });
      expect(await values(prometheus, `call_center_contacts_active{${job(service)}}`, ['call_center_contact_channel'])).toEqual({ call: 0, whatsapp: 0, email: 1 });
    });
  });

  it('refuses delta temporality with a 500 (the collector would retry it for 5 minutes): the SDK must export cumulative, its default', async () => {
    const response = await postToPrometheus(prometheus, shift({ service: 'delta', points: [{ t: Date.now(), k: 1 }], start: Date.now() - 60_000, temporality: 'delta' }));
    expect(response.status).toBe(500);
    expect(response.body).toMatch(/invalid temporality/);
  });

  it('refuses a shift timestamped over the last 8 hours once it holds current data: out of bounds, the whole request', async () => {
    const now = Date.now();
    expect((await postToPrometheus(prometheus, shift({ service: 'live', start: now - 60_000, points: [{ t: now, k: 1 }] }))).status).toBe(200);
    const { start, points } = shiftPoints();
    const response = await postToPrometheus(prometheus, shift({ service: 'no-window', points, start }));
    expect(response.status).toBe(400);
    expect(response.body).toMatch(/out of bounds/);
    expect(await prometheus.query(`count_over_time({job="no-window"}[9h])`, points.at(-1)!.t)).toEqual([]);
  });
});

// ---------------------------------------------------------------- a shift on its own clock

const STEP_MS = 10 * 60_000;
const STEPS = 48; // 8 hours
/** The counter goes up by this at each step; the histogram gets 2 contacts of 150 s each. */
const EVENTS_PER_STEP = 5;

/** A shift of 8 hours ending a minute ago: point k (1..48) at start + k steps. */
function shiftPoints(): { start: number; points: Array<{ t: number; k: number }> } {
  const start = Date.now() - 60_000 - STEPS * STEP_MS;
  return { start, points: Array.from({ length: STEPS }, (_, i) => ({ t: start + (i + 1) * STEP_MS, k: i + 1 })) };
}

const ns = (ms: number) => String(BigInt(Math.round(ms)) * 1_000_000n);
const text = (key: string, value: string) => ({ key, value: { stringValue: value } });

/**
 * An OTLP/JSON metrics request with what an exporter on the shift's clock
 * sends: cumulative points of `call_center.events` and
 * `call_center.contact.duration`, all with the shift's start as
 * StartTimeUnixNano, value k at point k.
 */
function shift(options: { service: string; start: number; points: Array<{ t: number; k: number }>; temporality?: 'delta' }) {
  const temporality = options.temporality === 'delta' ? 1 : 2;
  const at = ({ t }: { t: number }) => ({ startTimeUnixNano: ns(options.start), timeUnixNano: ns(t) });
  return {
    resourceMetrics: [
      {
        resource: { attributes: [text('service.name', options.service), text('service.instance.id', `${options.service}-1`)] },
        scopeMetrics: [
          {
            scope: { name: '@kenkai/instrumentation-call-center' },
            metrics: [
              {
                name: 'call_center.events',
                unit: '{event}',
                sum: {
                  aggregationTemporality: temporality,
                  isMonotonic: true,
                  dataPoints: options.points.map((p) => ({ ...at(p), attributes: [text('call_center.event.type', 'contact')], asInt: String(p.k * EVENTS_PER_STEP) })),
                },
              },
              {
                name: 'call_center.contact.duration',
                unit: 's',
                histogram: {
                  aggregationTemporality: temporality,
                  dataPoints: options.points.map((p) => ({
                    ...at(p),
                    attributes: [text('call_center.contact.channel', 'call')],
                    count: String(p.k * 2),
                    sum: p.k * 300,
                    explicitBounds: [60, 300],
                    bucketCounts: ['0', String(p.k * 2), '0'],
                  })),
                },
              },
            ],
          },
        ],
      },
    ],
  };
}

async function postToPrometheus(prometheus: RunningPrometheus, body: unknown): Promise<{ status: number; body: string }> {
  const response = await fetch(`${prometheus.otlpEndpoint}/v1/metrics`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.text() };
}

describe.each([
  // The TSDB keeps samples up to this far behind its newest one only with this window.
  { setting: 'out_of_order_time_window alone', flags: [], zeroPoint: false, exact: false },
  // Its zero sample at StartTimeUnixNano is dropped when that is older than the head's in-order hour.
  {
    setting: 'out_of_order_time_window and --enable-feature=created-timestamp-zero-ingestion',
    flags: ['--enable-feature=created-timestamp-zero-ingestion'],
    zeroPoint: false,
    exact: false,
  },
  // Stores StartTimeUnixNano with every sample; increase() and rate() read it as a zero at that time.
  {
    setting: 'out_of_order_time_window and --enable-feature=st-storage,use-start-timestamps',
    flags: ['--enable-feature=st-storage,use-start-timestamps'],
    zeroPoint: false,
    exact: true,
  },
  // The exporter's own first point: 0 at the shift's start. Needs nothing but the window.
  { setting: 'out_of_order_time_window, and a zero point at the start in the data', flags: [], zeroPoint: true, exact: true },
])('a shift over the last 8 hours, through the collector, into a Prometheus with $setting', ({ flags, zeroPoint, exact }) => {
  const service = 'simulated-shift';
  let prometheus: RunningPrometheus;
  let collector: RunningCollector;
  let last: number;
  beforeAll(async () => {
    prometheus = await startPrometheus({ outOfOrderTimeWindow: '12h', flags });
    collector = await collectorToPrometheus(prometheus);
    // A Prometheus that has been running: its newest sample is now.
    const now = Date.now();
    expect((await postToPrometheus(prometheus, shift({ service: 'live', start: now - 60_000, points: [{ t: now, k: 1 }] }))).status).toBe(200);

    // One export per step of the simulated clock, sent in a burst, as a fast simulation does.
    const { start, points } = shiftPoints();
    last = points.at(-1)!.t;
    const exports = zeroPoint ? [{ t: start, k: 0 }, ...points] : points;
    for (const point of exports) {
      const response = await fetch(`${collector.httpEndpoint}/v1/metrics`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(shift({ service, start, points: [point] })),
      });
      expect(response.status).toBe(200);
    }
    await waitFor(
      async () => (await values(prometheus, `count_over_time(call_center_events_total{${job(service)}}[9h])`, [], last))[''],
      (n) => n === exports.length,
      () => `not every point of the shift in Prometheus; the collector said:\n${collector.log().slice(-3000)}`,
      { timeoutMs: 20_000, intervalMs: 250 },
    );
  });
  afterAll(async () => {
    await collector?.stop();
    await prometheus?.stop();
  });

  it('keeps every point at its own time', async () => {
    // Each step of a range query sees the point sent for that time.
    const [series] = await prometheus.queryRange(`call_center_events_total{${job(service)}}`, { start: last - (STEPS - 1) * STEP_MS, end: last, stepSeconds: STEP_MS / 1000 });
    expect(series?.values.map((v) => v.value)).toEqual(Array.from({ length: STEPS }, (_, i) => (i + 1) * EVENTS_PER_STEP));
  });

  it(exact ? 'counts the whole shift with increase() over it' : 'loses part of the first point to increase() over the shift (extrapolated, not counted)', async () => {
    const total = STEPS * EVENTS_PER_STEP;
    // Evaluated at the last point, so that nothing is extrapolated past it.
    const events = (await values(prometheus, `increase(call_center_events_total{${job(service)}}[9h])`, [], last))[''];
    const handled = (await values(prometheus, `increase(call_center_contact_duration_seconds_count{${job(service)}}[9h])`, [], last))[''];
    const seconds = (await values(prometheus, `increase(call_center_contact_duration_seconds_sum{${job(service)}}[9h])`, [], last))[''];
    if (exact) {
      expect([events, handled, seconds]).toEqual([total, STEPS * 2, STEPS * 300]);
    } else {
      // Between the last value less the first and the last value: the first step is guessed, not known.
      expect(events).toBeGreaterThanOrEqual(total - EVENTS_PER_STEP);
      expect(events).toBeLessThan(total);
      expect(handled).toBeLessThan(STEPS * 2);
    }
  });
});
