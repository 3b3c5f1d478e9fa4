import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { logRecords, spans } from '../../examples/shift/otlp-json.js';
import { startCollector, type RunningCollector } from './collector.js';

const root = new URL('../..', import.meta.url).pathname;
const stream = join(root, 'test/e2e/stream.ts');
const count = (collectors: RunningCollector[]) => ({
  logs: collectors.reduce((n, c) => n + logRecords(c.read('logs')).length, 0),
  spans: collectors.reduce((n, c) => n + spans(c.read('traces')).length, 0),
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('reliability through the real collector', () => {
  it('sdk.shutdown() right after a burst delivers the burst', async () => {
    const collector = await startCollector();
    let out: { sent: number; droppedLogs: number };
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [stream, '10000', '1', 'burst'], {
        cwd: root,
        env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.httpEndpoint },
      });
      out = JSON.parse(stdout);
    } finally {
      await collector.stop();
    }
    expect(out.sent).toBe(10_000);
    expect(out.droppedLogs).toBe(0);
    expect(count([collector])).toEqual({ logs: 10_000, spans: 5_000 });
  });

  it('loses nothing through a 30 s collector outage at 200 events/s', async () => {
    const first = await startCollector();
    const collectors = [first];
    const rate = 200;
    const seconds = 42;
    const child = spawn(process.execPath, [stream, String(rate), String(seconds)], {
      cwd: root,
      env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: first.httpEndpoint },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await sleep(5_000);
      await first.stop(); // the collector goes away...
      const before = count([first]).logs;
      expect(before).toBeGreaterThan(500);
      await sleep(30_000); // ...for 30 s, while the application keeps logging...
      collectors.push(await startCollector({ ports: first.ports })); // ...and comes back on the same address.
      expect(await exited).toBe(0);
    } finally {
      child.kill();
      for (const c of collectors) await c.stop();
    }
    const out = JSON.parse(stdout.trim()) as { sent: number; droppedLogs: number; droppedSpans: number; failures: number };
    expect(out.sent).toBe(rate * seconds);
    expect(out.failures).toBeGreaterThan(0); // the outage was real
    expect(out.droppedLogs + out.droppedSpans).toBe(0);
    expect(count(collectors)).toEqual({ logs: out.sent, spans: out.sent / 2 });
  }, 120_000);
});
