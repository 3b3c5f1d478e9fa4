// End to end: events/second from one Node process through OTLP/HTTP into the
// real collector (collector-config.yaml), counting what the collector wrote.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { logRecords } from '../examples/shift/otlp-json.ts';
import { startCollector } from '../test/e2e/collector.ts';

const root = new URL('..', import.meta.url).pathname;

export interface RatePoint {
  targetPerSecond: number;
  sent: number;
  received: number;
  achievedPerSecond: number;
  lost: number;
}

export async function runThroughput(rates = [1000, 5000, 10_000, 20_000, 40_000], seconds = 5): Promise<RatePoint[]> {
  const points: RatePoint[] = [];
  for (const rate of rates) {
    const collector = await startCollector();
    let out: { sent: number };
    const began = performance.now();
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'test/e2e/stream.ts'), String(rate), String(seconds)], {
        cwd: root,
        env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.httpEndpoint },
        timeout: 120_000,
      });
      out = JSON.parse(stdout);
    } finally {
      await collector.stop();
    }
    const elapsed = (performance.now() - began) / 1000;
    const received = logRecords(collector.read('logs')).length;
    points.push({ targetPerSecond: rate, sent: out.sent, received, achievedPerSecond: Math.round(out.sent / Math.max(elapsed, seconds)), lost: out.sent - received });
    process.stderr.write(`  ${rate}/s: sent ${out.sent}, collector wrote ${received}\n`);
  }
  return points;
}
