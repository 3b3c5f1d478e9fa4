// A batch the collector refuses must cost that batch only (issue 12, item 5):
// in the examples' pipeline, through the real collector, the valid data
// emitted behind a refused batch arrives within 5 s, and the refusal is counted.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import { EVENT_CONTACT } from '../../src/index.js';
import { logRecords, spans } from '../../examples/shift/otlp-json.js';
import { startCollector } from './collector.js';

const root = new URL('../..', import.meta.url).pathname;
const CONTACTS = 100;
const WITHIN_MS = 5_000;
/** The body of the one record the collector refuses, so that its absence can be checked. */
const REFUSED_BODY = 'refused-batch: a time the collector cannot parse';

interface Counters {
  delivered: number;
  refused: number;
  dropped: number;
  failures: number;
  lastFailure?: { kind: string; status?: number };
}

it('a batch the collector refuses as invalid (400) is dropped and counted, and the valid data behind it arrives within 5 s', async () => {
  const collector = await startCollector();
  const child = spawn(process.execPath, [join(root, 'test/e2e/emit-refused-batch.ts'), String(CONTACTS), REFUSED_BODY], {
    cwd: root,
    env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.httpEndpoint },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => JSON.parse(((await lines.next()).value as string | undefined) ?? '{}') as Record<string, unknown>;
  const valid = () => logRecords(collector.read('logs')).filter((r) => r.eventName === EVENT_CONTACT);

  let sent: Record<string, unknown>;
  let done: { logs?: Counters; traces?: Counters };
  let arrived: { afterMs: number; records: number };
  let exitCode: number | null;
  try {
    sent = await next();
    expect(sent.phase, 'the emitter handed its valid events to the SDK').toBe('valid-sent');
    const at = sent.at as number;
    // Polled while the application runs: its shutdown would flush (or drop) what was held up.
    while (valid().length < 2 * CONTACTS && Date.now() - at < WITHIN_MS) await new Promise((r) => setTimeout(r, 50));
    arrived = { afterMs: Date.now() - at, records: valid().length };
    child.stdin.end();
    done = await next();
    exitCode = await exited;
  } finally {
    child.kill();
    await collector.stop();
  }

  expect(arrived.records, `valid log records at the collector ${WITHIN_MS / 1000} s after they were emitted`).toBe(2 * CONTACTS);
  expect(arrived.afterMs).toBeLessThanOrEqual(WITHIN_MS);
  expect(exitCode, 'the emitter exit code').toBe(0);
  expect(done.logs, 'the log buffer: one record refused, nothing else lost').toMatchObject({
    refused: 1,
    dropped: 0,
    delivered: 2 * CONTACTS,
    lastFailure: { kind: 'refused', status: 400 },
  });
  expect(done.traces).toMatchObject({ refused: 0, dropped: 0, delivered: CONTACTS });
  expect(spans(collector.read('traces'))).toHaveLength(CONTACTS);
  expect(logRecords(collector.read('logs')).filter((r) => r.body === REFUSED_BODY)).toEqual([]);
});
