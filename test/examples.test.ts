import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { logRecords, metricPoints, parseLines, spans, type MetricPoint } from '../examples/shift/otlp-json.js';
import type { Summary } from '../examples/shift/summary.js';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;

interface DemoRun {
  printed: { summary: Summary; simulated: { events: number; rejected: number } };
  stderr: string;
  /** Where it wrote its files. */
  out: string;
  ms: number;
}

/** Runs the demo with `--json`, to `endpoint` if given (else files only). */
async function runDemo(args: string[], endpoint?: string, extraEnv: Record<string, string> = {}): Promise<DemoRun> {
  const env = { ...process.env, ...extraEnv };
  delete env.OTEL_EXPORTER_OTLP_ENDPOINT;
  delete env.OTEL_LOG_LEVEL; // the SDK's own diag lines would mix into stderr
  if (endpoint) env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
  const out = mkdtempSync(join(tmpdir(), 'cc-demo-'));
  const began = performance.now();
  const { stdout, stderr } = await run(process.execPath, ['examples/shift/simulate.ts', '--json', '--out', out, ...args], { env, cwd: root });
  return { printed: JSON.parse(stdout), stderr, out, ms: performance.now() - began };
}

const demo = async (...args: string[]) => (await runDemo(args)).printed;

/** A loopback port nothing listens on: a free one, bound and closed again. */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm run demo (examples/shift)', () => {
  it('simulates a shift and summarises what it exported, rejected events included', async () => {
    const { summary, simulated } = await demo('--operators', '4', '--hours', '2', '--seed', '7', '--start', '2026-01-05T08:00:00Z');
    expect(simulated.rejected).toBe(3);
    expect(summary.logRecords).toBe(simulated.events - simulated.rejected);
    expect(summary.rejectedEvents).toEqual({ invalid_format: 1, invalid_value: 1, missing_field: 1 });
    expect(Object.keys(summary.contactsPerOperator)).toHaveLength(4);
    const perOperator = Object.values(summary.contactsPerOperator).reduce((a, b) => a + b, 0);
    const perChannel = Object.values(summary.ahtByChannel).reduce((a, b) => a + b.contacts, 0);
    expect(summary.contacts).toBeGreaterThan(20);
    expect(perOperator).toBe(summary.contacts);
    expect(perChannel).toBe(summary.contacts);
    // Handle times follow the simulated clock: minutes, not the milliseconds the run took.
    for (const { ahtSeconds } of Object.values(summary.ahtByChannel)) expect(ahtSeconds).toBeGreaterThan(30);
    expect(summary.breaks).toBeGreaterThan(0);
    expect(Object.keys(summary.qualityByGroup).length).toBeGreaterThan(0);
  });

  it('exports its metrics along the simulated clock: a point a simulated minute, counted from the shift start', async () => {
    const start = Date.parse('2026-01-05T08:00:00Z');
    const { out, printed } = await runDemo(['--operators', '4', '--hours', '2', '--seed', '7', '--start', new Date(start).toISOString()]);
    const points = metricPoints(parseLines(readFileSync(join(out, 'metrics.jsonl'), 'utf8')));
    const ms = (nano: string) => Number(BigInt(nano) / 1_000_000n);
    const times = [...new Set(points.map((p) => ms(p.timeUnixNano)))].sort((a, b) => a - b);
    expect(times.length).toBeGreaterThanOrEqual(120); // two simulated hours
    expect(times[0]).toBe(start); // the zero points of the series there from the first minute
    for (let i = 1; i < times.length - 1; i++) expect(times[i]! - times[i - 1]!).toBe(60_000);
    // Each series starts at the collection before it appeared, with a point of value 0 there, so that
    // a backend's increase() counts its first value: one zero point per series, at its start time.
    const series = new Map<string, MetricPoint[]>();
    for (const p of points) series.set(`${p.name} ${JSON.stringify(p.attributes)}`, [...(series.get(`${p.name} ${JSON.stringify(p.attributes)}`) ?? []), p]);
    for (const [key, list] of series) {
      const [first, ...rest] = list;
      expect([key, first!.value, first!.timeUnixNano]).toEqual([key, 0, first!.startTimeUnixNano]);
      for (const p of rest) expect([key, p.startTimeUnixNano]).toEqual([key, first!.startTimeUnixNano]);
      // A counter or histogram that appeared mid-shift did so with something counted (an up-down counter may be back at 0).
      if (ms(first!.startTimeUnixNano) > start && first!.name !== 'call_center.contacts.active') expect(rest[0]!.value, key).toBeGreaterThan(0);
    }
    expect([...series.values()].some(([first]) => ms(first!.startTimeUnixNano) > start + 3_600_000)).toBe(true);
    // The last points hold the totals the summary reads from the spans.
    const last = new Map<string, MetricPoint>();
    for (const p of points.filter((p) => p.name === 'call_center.contact.duration')) last.set(JSON.stringify(p.attributes), p);
    const handled = [...last.values()].filter((p) => ['end', 'terminate'].includes(String(p.attributes['call_center.contact.end_reason'])));
    expect(handled.reduce((n, p) => n + p.value, 0)).toBe(printed.summary.contacts);
  });

  it('names its service after OTEL_SERVICE_NAME when set', async () => {
    const { out } = await runDemo(['--operators', '2', '--hours', '1', '--seed', '3'], undefined, { OTEL_SERVICE_NAME: 'night-shift' });
    const read = (name: string) => parseLines(readFileSync(join(out, name), 'utf8'));
    const services = new Set([...spans(read('traces.jsonl')), ...logRecords(read('logs.jsonl')), ...metricPoints(read('metrics.jsonl'))].map((item) => item.service));
    expect(services).toEqual(new Set(['night-shift']));
  });

  it('summarises time to answer, service level and holds per channel, agreeing with the exported histograms', async () => {
    const { out, printed } = await runDemo(['--operators', '6', '--hours', '4', '--seed', '5', '--start', '2026-01-05T08:00:00Z']);
    const { summary } = printed;
    const points = metricPoints(parseLines(readFileSync(join(out, 'metrics.jsonl'), 'utf8')));
    /** Sum and count of a histogram's last points, per channel. */
    const byChannel = (name: string) => {
      const last = new Map<string, MetricPoint>();
      for (const p of points.filter((p) => p.name === name)) last.set(JSON.stringify(p.attributes), p);
      const totals: Record<string, { sum: number; count: number }> = {};
      for (const p of last.values()) {
        const t = (totals[String(p.attributes['call_center.contact.channel'])] ??= { sum: 0, count: 0 });
        t.sum += p.sum!;
        t.count += p.value;
      }
      return totals;
    };
    const waits = byChannel('call_center.contact.wait.duration');
    const holds = byChannel('call_center.contact.hold.duration');
    expect(Object.keys(summary.answerByChannel).sort()).toEqual(Object.keys(waits).sort());
    for (const [channel, v] of Object.entries(summary.answerByChannel)) {
      expect(v.answered).toBe(waits[channel]!.count);
      expect(v.avgWaitSeconds).toBeCloseTo(waits[channel]!.sum / waits[channel]!.count, 0);
      expect(v.serviceLevel).toBeGreaterThanOrEqual(0);
      expect(v.serviceLevel).toBeLessThanOrEqual(100);
    }
    // The model queues calls for seconds and e-mails for many minutes.
    expect(summary.answerByChannel.call!.avgWaitSeconds).toBeLessThan(60);
    expect(summary.answerByChannel.email!.avgWaitSeconds).toBeGreaterThan(300);
    expect(summary.answerByChannel.call!.serviceLevel).toBeGreaterThan(summary.answerByChannel.email!.serviceLevel);
    for (const [channel, v] of Object.entries(summary.holdByChannel)) {
      expect(v.holds).toBe(holds[channel]?.count ?? 0);
      if (v.holds) expect(v.avgHoldSeconds).toBeCloseTo(holds[channel]!.sum / holds[channel]!.count, 0);
    }
    expect(summary.holdByChannel.call!.holds).toBeGreaterThan(10);
  });

  it('is deterministic with --seed', async () => {
    const args = ['--operators', '3', '--hours', '1', '--start', '2026-01-05T08:00:00Z'];
    const [a, b, c] = await Promise.all([demo(...args, '--seed', '11'), demo(...args, '--seed', '11'), demo(...args, '--seed', '12')]);
    expect(b).toEqual(a);
    expect(c.summary).not.toEqual(a.summary);
  });

  it('with OTEL_EXPORTER_OTLP_ENDPOINT and no collector there, finishes, summarises its files as usual, and says so in one line', async () => {
    const port = await unusedPort();
    const endpoint = `http://127.0.0.1:${port}`;
    const args = ['--operators', '4', '--hours', '2', '--seed', '7', '--start', '2026-01-05T08:00:00Z'];

    const [offline, unreachable] = await Promise.all([runDemo(args), runDemo(args, endpoint)]);

    expect(unreachable.printed, 'the summary, from its files, as without an endpoint').toEqual(offline.printed);
    const read = (name: string) => parseLines(readFileSync(join(unreachable.out, name), 'utf8'));
    const counts = { logs: logRecords(read('logs.jsonl')).length, spans: spans(read('traces.jsonl')).length, metricExports: read('metrics.jsonl').length };
    expect(counts.metricExports).toBeGreaterThan(100); // one a simulated minute
    expect(counts.logs).toBe(offline.printed.summary.logRecords);
    expect(unreachable.stderr.split('\n').filter((line) => /collector/i.test(line))).toEqual([
      `The collector at ${endpoint} could not be reached (connect ECONNREFUSED 127.0.0.1:${port}): ` +
        `${counts.logs} log records, ${counts.spans} spans and ${counts.metricExports} metric exports were not delivered there; they are in ${unreachable.out}/`,
    ]);
    expect(unreachable.ms, 'how long the demo took').toBeLessThan(10_000);
  });

  it('refuses bad arguments with a usage line', async () => {
    await expect(run(process.execPath, ['examples/shift/simulate.ts', '--operators', '0'], { cwd: root })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: --operators 1..500'),
    });
  });
});
