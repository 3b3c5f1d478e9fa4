// One bad value must cost nobody else's telemetry (telemetry contract, "Bounds,
// time and reading"). A time OTLP cannot carry, if accepted, rides in the
// same export request as everybody's valid records: over OTLP/JSON the
// collector refuses the whole request (HTTP 400), over protobuf it stores
// garbage times. So the plugin must reject it, and the rest must arrive whole.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { logRecords, spans, type LogRecord, type SpanRecord } from '../../examples/shift/otlp-json.js';
import type { BadValueRun } from './emit-bad-value.js';
import { startCollector } from './collector.js';

const root = new URL('../..', import.meta.url).pathname;
const PROTOCOLS = ['json', 'proto'] as const;
/** Each bad value, and the field its rejection must name. */
const SCENARIOS = [
  { scenario: 'microseconds', path: 'timestamp' },
  { scenario: 'start-time', path: 'contact_start_time' },
  { scenario: 'duration', path: 'contact_duration' },
] as const;
const CONTACTS = 100;
const HOUR = 3_600_000;

interface Received {
  run: BadValueRun;
  logs: LogRecord[];
  spans: SpanRecord[];
}

const received = new Map<string, Received>();
/** Times the collector stored must fall in [sane.from, sane.to]: within the last hour, and not in the future. */
const sane = { from: 0, to: 0 };

// One collector for all six runs (each its own service name): one start, and the runs stay apart.
beforeAll(async () => {
  sane.from = Date.now() - HOUR;
  const collector = await startCollector();
  const runs: BadValueRun[] = [];
  try {
    for (const protocol of PROTOCOLS) {
      for (const { scenario } of SCENARIOS) {
        const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'test/e2e/emit-bad-value.ts'), protocol, scenario], {
          cwd: root,
          env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.httpEndpoint },
          timeout: 60_000,
        });
        runs.push(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as BadValueRun);
      }
    }
  } finally {
    await collector.stop(); // flushes the file exporter
  }
  sane.to = Date.now() + 60_000; // a little slack for clocks; the plugin allows 5 min of skew, the test less
  const logs = logRecords(collector.read('logs'));
  const traces = spans(collector.read('traces'));
  for (const run of runs) {
    received.set(`${run.protocol}/${run.scenario}`, {
      run,
      logs: logs.filter((r) => r.service === run.service),
      spans: traces.filter((s) => s.service === run.service),
    });
  }
});

/** A list cut to its first ten entries, so that a failure reads at a glance when nothing arrived. */
function few(list: string[]): string[] {
  return list.length <= 10 ? list : [...list.slice(0, 10), `… and ${list.length - 10} more`];
}

/** Every time a record carries that is not in the window, as `what=ISO or raw ms`. */
function insane(times: Array<[what: string, ms: number]>): string[] {
  const show = (ms: number) => (Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : `${ms} ms`);
  return few(times.filter(([, ms]) => !(ms >= sane.from && ms <= sane.to)).map(([what, ms]) => `${what}=${show(ms)}`));
}

/** Contact ids missing from, or extra in (repeated or unknown), what arrived: c-0 … c-99 exactly once each is right. */
function idDiff(received: unknown[]): { missing: string[]; extra: string[] } {
  const left = new Set(Array.from({ length: CONTACTS }, (_, i) => `c-${i}`));
  const extra: string[] = [];
  for (const id of received.map(String)) if (!left.delete(id)) extra.push(id);
  return { missing: few([...left]), extra: few(extra) };
}

describe.each(PROTOCOLS.flatMap((protocol) => SCENARIOS.map((s) => ({ protocol, ...s }))))(
  'one bad value among 200 valid contact events, over OTLP/HTTP $protocol: $scenario',
  ({ protocol, scenario, path }) => {
    const got = () => received.get(`${protocol}/${scenario}`)!;
    // Shown with every failure: how the exports ended is the first thing to know.
    const context = () => `exports: ${JSON.stringify(got().run.exports)}, shutdown: ${got().run.shutdown}`;

    // Soft assertions: a failure shows everything that went wrong, not only the first thing.
    it(`the plugin rejects exactly the bad event: invalid_value, issue path ${path}`, () => {
      const { run } = got();
      expect.soft(run.accepted, 'valid calls that returned ok').toBe(2 * CONTACTS);
      expect.soft(run.badCallOk, "the bad call's result: ok").toBe(false);
      expect.soft(run.rejected.length, 'errors passed to onInvalidEvent').toBe(1);
      const [error] = run.rejected;
      expect.soft(error?.reason, 'reason').toBe('invalid_value');
      expect.soft(error?.issues, 'issues').toEqual([expect.objectContaining({ path, code: 'invalid_value' })]);
      expect.soft(error?.message ?? '', 'message').toContain(path);
    });

    it('the collector receives all 200 log records, with times within the last hour', () => {
      const { logs } = got();
      const action = (r: LogRecord) => r.attributes['call_center.contact.action'];
      expect.soft(logs.length, `log records received; ${context()}`).toBe(2 * CONTACTS);
      expect.soft(logs.filter((r) => r.eventName !== 'call_center.contact').length, 'records of another event').toBe(0);
      for (const which of ['attend', 'end']) {
        const ids = logs.filter((r) => action(r) === which).map((r) => r.attributes['call_center.contact.id']);
        expect.soft(idDiff(ids), `${which} records`).toEqual({ missing: [], extra: [] });
      }
      expect
        .soft(
          few(logs.filter((r) => action(r) !== 'attend' && action(r) !== 'end').map((r) => `${r.attributes['call_center.contact.id']} ${action(r)}`)),
          'records of other actions',
        )
        .toEqual([]);
      const times = logs.flatMap((r): Array<[string, number]> => {
        const what = `${r.attributes['call_center.contact.id']} ${action(r)}`;
        return [
          [`${what} time`, r.timeMs],
          [`${what} observed`, r.observedTimeMs],
        ];
      });
      expect.soft(insane(times), 'log record times outside the last hour').toEqual([]);
    });

    it('the collector receives all 100 contact spans, ended by their own end event, with times within the last hour', () => {
      const { spans: contacts } = got();
      const id = (s: SpanRecord) => String(s.attributes['call_center.contact.id']);
      expect.soft(contacts.length, `spans received; ${context()}`).toBe(CONTACTS);
      expect.soft(few(contacts.filter((s) => s.name !== 'call_center.contact').map((s) => s.name)), 'other spans').toEqual([]);
      expect.soft(idDiff(contacts.map(id)), 'contact spans').toEqual({ missing: [], extra: [] });
      // Nobody else's contact is cut short by the bad one (a future time must not drive the timeout sweep).
      const notByEnd = contacts.filter((s) => s.attributes['call_center.contact.end_reason'] !== 'end');
      expect.soft(few(notByEnd.map((s) => `${id(s)}: ${s.attributes['call_center.contact.end_reason']}`)), 'spans not ended by their end event').toEqual([]);
      const times = contacts.flatMap(
        (s): Array<[string, number]> => [[`${id(s)} start`, s.startMs], [`${id(s)} end`, s.endMs], ...s.events.map((e): [string, number] => [`${id(s)} ${e.name}`, e.timeMs])],
      );
      expect.soft(insane(times), 'span and span event times outside the last hour').toEqual([]);
      expect.soft(few(contacts.filter((s) => s.endMs < s.startMs).map(id)), 'spans ending before they start').toEqual([]);
    });
  },
);
