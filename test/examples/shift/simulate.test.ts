import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { logRecords, metricPoints, parseLines, spans, type MetricPoint } from '../../../examples/shift/otlp-json.js';
import type { Summary } from '../../../examples/shift/summary.js';

const run = promisify(execFile);
const root = new URL('../../..', import.meta.url).pathname;

interface DemoRun {
  printed: { summary: Summary; simulated: { events: number; rejected: number } };
  stderr: string;
  /** Where it wrote its files. */
  out: string;
  ms: number;
}

/** Runs the demo with `--json`, to `endpoint` if given (else files only). */
async function runDemo(args: string[], endpoint?: string, extraEnv: Record<string, string> = {}): Promise<DemoRun> {
  const began = performance.now();
  const { stdout, stderr, out } = await runDemoRaw(args, endpoint, extraEnv);
  return { printed: JSON.parse(stdout), stderr, out, ms: performance.now() - began };
}

/** Runs the demo with `--json` into a new directory; its output as printed. */
async function runDemoRaw(args: string[], endpoint?: string, extraEnv: Record<string, string> = {}): Promise<{ stdout: string; stderr: string; out: string }> {
  // Without OTEL_LOG_LEVEL: the SDK's own diag lines would mix into stderr.
  const env = demoEnv({ ...extraEnv, ...(endpoint ? { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint } : {}) });
  const out = mkdtempSync(join(tmpdir(), 'cc-demo-'));
  const { stdout, stderr } = await run(process.execPath, ['examples/shift/simulate.ts', '--json', '--out', out, ...args], { env, cwd: root });
  return { stdout, stderr, out };
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
    expect(counts.metricExports).toBe(9); // 120 simulated minutes and the last collection, 15 to a request
    expect(counts.logs).toBe(offline.printed.summary.logRecords);
    expect(unreachable.stderr.split('\n').filter((line) => /collector/i.test(line))).toEqual([
      `The collector at ${endpoint} could not be reached (connect ECONNREFUSED 127.0.0.1:${port}): ` +
        `${counts.logs} log records, ${counts.spans} spans and ${counts.metricExports} metric exports were not delivered there; they are in ${unreachable.out}/`,
    ]);
    expect(unreachable.ms, 'how long the demo took').toBeLessThan(10_000);
  });

  it('writes report.html beside its files and says where it is', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cc-demo-'));
    const { stdout, stderr } = await run(process.execPath, ['examples/shift/simulate.ts', '--operators', '3', '--hours', '1', '--seed', '4', '--out', out], {
      cwd: root,
      env: demoEnv(),
    });
    expect(stdout.trim().split('\n').at(-1)).toBe(`The same summary with charts: ${join(out, 'report.html')}`);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<h2>Handle time by channel</h2>');
    expect(stdout).toContain('Shift summary: ');
    expect(stdout, 'no progress on stdout').not.toContain('simulating');
    expect(stdout).not.toMatch(/log record|invalid_format|missing_field/);
    expect(
      stderr
        .split('\n')
        .filter(Boolean)
        .map((line) => line.replace(/ \(.*/, '')),
    ).toEqual(['simulating: 25%', 'simulating: 50%', 'simulating: 75%', 'simulating: 100%']);
  });

  it('with --json, prints the JSON alone on stdout, and its progress by quarters and where its files are on stderr', async () => {
    const { stdout, stderr } = await runDemoRaw(['--operators', '4', '--hours', '2', '--seed', '7', '--start', '2026-01-05T08:00:00Z']);
    expect(stdout.endsWith('}\n') && stdout.indexOf('\n') === stdout.length - 1, 'one line of JSON').toBe(true);
    expect(JSON.parse(stdout).summary.contacts).toBeGreaterThan(20);
    const lines = stderr.split('\n').filter(Boolean);
    expect(lines.slice(0, 4).map((line) => Math.floor(Number(/^simulating: (\d+)%/.exec(line)?.[1]) / 25))).toEqual([1, 2, 3, 4]);
    expect(lines.slice(4)).toEqual([expect.stringMatching(/^Telemetry: .+\/\{logs,traces,metrics\}\.jsonl \(OTLP\/JSON\); report: .+\/report\.html$/)]);
  });

  it('names its operators uniquely past the first 16', async () => {
    const { summary } = await demo('--operators', '20', '--hours', '1', '--seed', '7', '--start', '2026-01-05T08:00:00Z');
    const names = Object.keys(summary.contactsPerOperator).map((key) => key.replace(/^op-\d+ /, ''));
    expect(names).toHaveLength(20);
    expect(new Set(names).size).toBe(20);
  });
});

/** A child's environment as a user's shell has it: none of the variables npm sets for the scripts it runs (vitest may run under npm test). */
function demoEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'OTEL_EXPORTER_OTLP_ENDPOINT' && key !== 'OTEL_LOG_LEVEL'));
  return { ...env, ...extra };
}

/** Runs the demo with `args`; resolves with its exit code and output, whatever the code. */
function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['examples/shift/simulate.ts', ...args], { cwd: root, env: demoEnv() }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe('the demo’s command line', () => {
  it('--help prints every option with its default and range, --start explained, and exits 0', async () => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = await runCli([flag]);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      for (const option of ['--operators N', '--hours H', '--seed N', '--start TIME', '--out DIR', '--json', '-h, --help']) expect(stdout).toContain(option);
      expect(stdout).toContain('(default 12)');
      expect(stdout).toContain('ISO 8601');
    }
  });

  const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
  const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
  const cases: Array<[string[], RegExp]> = [
    [['--bogus', '1'], /^demo: unknown option --bogus: the options are --operators, --hours, --seed, --start, --out, --json and --help$/],
    [['--out'], /^demo: --out needs a value: a directory/],
    [['--hours', '-3'], /^demo: --hours "-3" is not allowed: expected a number of hours more than 0 and at most 24/],
    [['--hours', '0'], /^demo: --hours "0" is not allowed/],
    [['--operators', '1.5'], /^demo: --operators "1\.5" is not allowed: expected a whole number of operators from 1 to 500/],
    [['--operators', '-2'], /^demo: --operators "-2" is not allowed/],
    [['--operators', '0'], /^demo: --operators "0" is not allowed/],
    [['--seed', '2.5'], /^demo: --seed "2\.5" is not allowed: expected a whole number/],
    [['--start', 'yesterday'], /^demo: --start "yesterday" is not allowed: expected an ISO 8601 date-time/],
    [['--start', inAnHour], /^demo: --start \S+ is in the future .*leave --start out to end the shift now$/],
    [
      ['--start', anHourAgo],
      /^demo: --start \S+ is too late: this 8-hour shift would run until \S+, after now \(\S+\), and its telemetry would be dated in the future; start at \S+ or earlier/,
    ],
    [['--json=yes'], /^demo: --json takes no value/],
    [['4'], /^demo: unexpected argument "4"/],
    [['--out', '/etc/hostname'], /^demo: --out "\/etc\/hostname" cannot be used: .*expected a directory/],
  ];
  it.each(cases)('refuses %j in one line naming the option, exit 2, no stack', async (args, message) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(message)]);
  });
});

describe('npm run demo -- --json, as a user types it', () => {
  // In a copy of the checkout: the demo's script builds dist/, which other test files are reading meanwhile.
  it('writes nothing but the JSON on stdout: npm\'s "> package script" banner goes to stderr', { timeout: 120_000 }, async () => {
    const copy = mkdtempSync(join(tmpdir(), 'cc-checkout-'));
    for (const path of ['package.json', '.npmrc', 'tsconfig.json', 'tsconfig.build.json', 'scripts', 'src', 'examples/shift', 'examples/node']) {
      cpSync(join(root, path), join(copy, path), { recursive: true });
    }
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    const out = join(copy, 'shift');
    const { stdout, stderr } = await run('npm', ['run', 'demo', '--', '--json', '--operators', '3', '--hours', '1', '--out', out], { cwd: copy, env: demoEnv() });
    const printed = JSON.parse(stdout) as DemoRun['printed'];
    expect(printed.summary.contacts).toBeGreaterThan(5);
    expect(stderr).toContain('> @kenkai/instrumentation-call-center@0.1.0 demo');
    expect(stderr).toContain(`report: ${out}/report.html`);
  });
});

/** The times of OTLP/JSON export requests (64-bit epoch nanoseconds, as strings), and nothing else of them. */
type Nanos = string | undefined;
interface LogsRequestTimes {
  resourceLogs: { scopeLogs: { logRecords: { timeUnixNano: Nanos; observedTimeUnixNano: Nanos }[] }[] }[];
}
interface TracesRequestTimes {
  resourceSpans: { scopeSpans: { spans: { startTimeUnixNano: Nanos; endTimeUnixNano: Nanos; events?: { timeUnixNano: Nanos }[] }[] }[] }[];
}
type PointsTimes = { dataPoints: { startTimeUnixNano: Nanos; timeUnixNano: Nanos }[] };
interface MetricsRequestTimes {
  resourceMetrics: { scopeMetrics: { metrics: { sum?: PointsTimes; gauge?: PointsTimes; histogram?: PointsTimes }[] }[] }[];
}

describe('telemetry from the future', () => {
  /** The latest time in the demo's files, epoch nanoseconds: every log record's time and observed time, every span's start, end and events, every metric point's times. */
  function latestNanos(out: string): bigint {
    const times: Nanos[] = [];
    const read = <T>(name: string) => parseLines(readFileSync(join(out, name), 'utf8')) as T[];
    for (const request of read<LogsRequestTimes>('logs.jsonl')) {
      for (const r of request.resourceLogs.flatMap((rl) => rl.scopeLogs).flatMap((sl) => sl.logRecords)) times.push(r.timeUnixNano, r.observedTimeUnixNano);
    }
    for (const request of read<TracesRequestTimes>('traces.jsonl')) {
      for (const s of request.resourceSpans.flatMap((rs) => rs.scopeSpans).flatMap((ss) => ss.spans)) {
        times.push(s.startTimeUnixNano, s.endTimeUnixNano, ...(s.events ?? []).map((e) => e.timeUnixNano));
      }
    }
    for (const request of read<MetricsRequestTimes>('metrics.jsonl')) {
      for (const m of request.resourceMetrics.flatMap((rm) => rm.scopeMetrics).flatMap((sm) => sm.metrics)) {
        for (const p of (m.sum ?? m.gauge ?? m.histogram)!.dataPoints) times.push(p.startTimeUnixNano, p.timeUnixNano);
      }
    }
    expect(times.length).toBeGreaterThan(1000);
    return times.reduce<bigint>((max, t) => (t !== undefined && BigInt(t) > max ? BigInt(t) : max), 0n);
  }

  it.each([[[]], [['--hours', '4', '--seed', '7']]])('never: with %j, every time in the files is at most the wall clock at the end of the run', async (args) => {
    const { out } = await runDemo(args);
    const wallClock = BigInt(Date.now()) * 1_000_000n;
    const latest = latestNanos(out);
    expect(latest <= wallClock, `latest ${new Date(Number(latest / 1_000_000n)).toISOString()} after ${new Date(Number(wallClock / 1_000_000n)).toISOString()}`).toBe(true);
    // And the shift ends close to now, in a dashboard's "last 12 hours".
    expect(Number((wallClock - latest) / 1_000_000n)).toBeLessThan(5 * 60_000);
  });
});
