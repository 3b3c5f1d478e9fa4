// Every Prometheus query of the Grafana dashboard, run as Grafana would run it
// against a real Prometheus 3 fed by the demo through the real collector
// (collector-config.yaml as shipped, its metrics pipeline to Prometheus' OTLP
// receiver). Each must return data; handle time, time to answer, service
// level and holds by channel must agree with the demo's own summary, which is
// computed from the spans.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusQueries, type PrometheusQuery } from '../../examples/grafana/prometheus-queries.js';
import { SERVICES_QUERY } from '../../examples/grafana/variables.js';
import { metricPoints, parseLines } from '../../examples/shift/otlp-json.js';
import type { Summary } from '../../examples/shift/summary.js';
import type { RunningCollector } from './collector.js';
import { collectorToPrometheus, startPrometheus, type InstantSample, type RunningPrometheus } from './prometheus.js';
import { waitFor } from './wait-for.js';

const root = new URL('../..', import.meta.url).pathname;
const SERVICE = 'call-center-dashboard-check';
/** The demo exports a point a simulated minute: the data source's scrape interval in Grafana. */
const SCRAPE_SECONDS = 60;
/** The step of range queries, and so `$__interval`. */
const STEP_SECONDS = 300;

let prometheus: RunningPrometheus;
let collector: RunningCollector | undefined;
let summary: Summary;
/** Epoch ms of the demo's first and last metric points. */
let firstMs = 0;
let lastMs = 0;

beforeAll(async () => {
  // The shift's points are hours old when they arrive: the out-of-order window must cover them.
  prometheus = await startPrometheus({ outOfOrderTimeWindow: '12h' });
  collector = await collectorToPrometheus(prometheus);
  const out = mkdtempSync(join(tmpdir(), 'cc-demo-'));
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [join(root, 'examples/shift/simulate.ts'), '--json', '--operators', '12', '--hours', '8', '--seed', '21', '--out', out],
    {
      cwd: root,
      // The collector shares two cores with the rest of the suite: the demo waits up to 30 s for it at the end.
      env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.httpEndpoint, OTEL_SERVICE_NAME: SERVICE, OTEL_EXPORTER_OTLP_TIMEOUT: '30000' },
    },
  );
  summary = (JSON.parse(stdout) as { summary: Summary }).summary;
  // The demo says in one line when the collector did not take everything.
  expect(stderr).not.toMatch(/collector/i);
  const times = metricPoints(parseLines(readFileSync(join(out, 'metrics.jsonl'), 'utf8'))).map((p) => Number(BigInt(p.timeUnixNano) / 1_000_000n));
  firstMs = Math.min(...times);
  lastMs = Math.max(...times);
  // Everything has arrived once Prometheus counts every handled contact at the last point.
  await waitFor(
    async () => (await prometheus.query(`sum(call_center_contact_duration_seconds_count{job="${SERVICE}", call_center_contact_end_reason=~"end|terminate"})`, lastMs))[0]?.value,
    (value) => value === summary.contacts,
    () => `handled contacts in Prometheus (the demo's summary says ${summary?.contacts})\n${prometheus.log().slice(-2000)}`,
    { timeoutMs: 60_000, intervalMs: 500 },
  );
}, 180_000);

afterAll(async () => {
  await collector?.stop();
  await prometheus?.stop();
});

/** Grafana's substitution of the dashboard's variables, for one service, the default threshold and the shift's range. */
function asGrafana(expr: string, intervalSeconds: number): string {
  const rangeSeconds = Math.ceil((lastMs - firstMs) / 1000) + SCRAPE_SECONDS;
  const rateInterval = Math.max(intervalSeconds + SCRAPE_SECONDS, 4 * SCRAPE_SECONDS);
  const substituted = expr
    .replaceAll('$service', SERVICE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .replaceAll('$threshold', '20')
    .replaceAll('$__range', `${rangeSeconds}s`)
    .replaceAll('$__rate_interval', `${rateInterval}s`)
    .replaceAll('$__interval', `${intervalSeconds}s`);
  expect(substituted, 'a variable left unsubstituted').not.toMatch(/\$/);
  return substituted;
}

/** Runs one dashboard query: instant at the last point (where the panel shows one value), else over the shift. */
async function run(query: PrometheusQuery): Promise<InstantSample[]> {
  if (query.instant) return prometheus.query(asGrafana(query.expr, STEP_SECONDS), lastMs);
  const series = await prometheus.queryRange(asGrafana(query.expr, STEP_SECONDS), { start: firstMs, end: lastMs, stepSeconds: STEP_SECONDS });
  return series.flatMap((s) => s.values.map((v) => ({ metric: s.metric, time: v.time, value: v.value })));
}

const QUERIES = prometheusQueries();

describe('the Grafana dashboard on a real Prometheus, fed by the demo through the real collector', () => {
  it('has Prometheus queries to run', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(13);
  });

  it('feeds it a shift where the plugin had to end contacts and breaks (their end events lost), so every panel has something to show', async () => {
    for (const counter of ['call_center_contacts_force_ended_total', 'call_center_breaks_force_ended_total']) {
      expect((await prometheus.query(`sum(${counter}{job="${SERVICE}"})`, lastMs))[0]?.value, counter).toBeGreaterThan(0);
    }
  });

  for (const query of QUERIES) {
    it(`returns data: ${query.panel} (${query.refId})`, async () => {
      const samples = await run(query);
      expect(samples.filter((s) => Number.isFinite(s.value)).length, `${query.expr}\nreturned ${JSON.stringify(samples)}`).toBeGreaterThan(0);
    });
  }

  /** A panel's instant values by channel. */
  async function byChannel(title: RegExp): Promise<Record<string, number>> {
    const query = QUERIES.find((q) => title.test(q.panel));
    if (!query) throw new Error(`no panel ${title}`);
    const samples = await run(query);
    return Object.fromEntries(samples.map((s) => [s.metric.call_center_contact_channel ?? '', s.value]));
  }

  it('offers the demo\u2019s service in the $service variable, whose query Grafana runs first', async () => {
    const [, metric, label] = /^label_values\((\w+), (\w+)\)$/.exec(SERVICES_QUERY) ?? [];
    expect(await prometheus.labelValues(label!, metric!)).toEqual([SERVICE]);
  });

  it('agrees with the demo summary on handle time by channel', async () => {
    const fromPrometheus = await byChannel(/^Average handle time by channel$/);
    const fromSpans = Object.fromEntries(Object.entries(summary.ahtByChannel).map(([channel, v]) => [channel, v.ahtSeconds]));
    expect(Object.keys(fromPrometheus).sort()).toEqual(Object.keys(fromSpans).sort());
    for (const [channel, seconds] of Object.entries(fromSpans)) expect(fromPrometheus[channel], channel).toBeCloseTo(seconds, 0);
  });

  it('agrees with the demo summary on time to answer and service level by channel', async () => {
    const waits = await byChannel(/^Average time to answer by channel$/);
    const within = await byChannel(/^Service level by channel/);
    expect(Object.keys(waits).sort()).toEqual(Object.keys(summary.answerByChannel).sort());
    for (const [channel, v] of Object.entries(summary.answerByChannel)) {
      expect(waits[channel], channel).toBeCloseTo(v.avgWaitSeconds, 0);
      // 20 s is a bucket boundary: the share within it is exact, not interpolated.
      expect((within[channel] ?? NaN) * 100, channel).toBeCloseTo(v.serviceLevel, 1);
    }
  });

  it('agrees with the demo summary on hold time and hold rate by channel', async () => {
    const holds = await byChannel(/^Average hold time by channel$/);
    const rate = await byChannel(/^Hold rate by channel$/);
    for (const [channel, v] of Object.entries(summary.holdByChannel)) {
      if (v.holds === 0) continue;
      expect(holds[channel], channel).toBeCloseTo(v.avgHoldSeconds, 0);
      // The summary rounds to hundredths.
      expect(Math.abs((rate[channel] ?? NaN) - v.holdsPerContact), channel).toBeLessThanOrEqual(0.0051);
    }
  });
});
