// Two builds of the plugin in one process, interleaved (tinybench), on the
// same SDK set-up as bench/micro.ts (batch processors, an exporter that
// serialises nothing and drops): what a change to the hot path costs,
// measured against the build before it rather than against a lone figure.
//
//   git worktree add /tmp/base <rev> && (cd /tmp/base && npm ci && npm run build)
//   npm run bench:compare -- /tmp/base
//
// Both builds share this checkout's @opentelemetry/api, so they run on the same SDK.
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { resolve } from 'node:path';
import { Bench } from 'tinybench';
import { EVENTS } from './micro.ts';

const baseDir = process.argv[2];
if (!baseDir) {
  console.error('usage: npm run bench:compare -- <directory of another checkout, built>');
  process.exit(2);
}
type Plugin = typeof import('@kenkai/instrumentation-call-center');
const base = (await import(resolve(baseDir, 'dist/index.js'))) as Plugin;
const head = (await import(new URL('../dist/index.js', import.meta.url).href)) as Plugin;

const discard = { export: (_: unknown, done: (r: ExportResult) => void) => done({ code: ExportResultCode.SUCCESS }), forceFlush: async () => {}, shutdown: async () => {} };
function instance(plugin: Plugin) {
  const options = { exporter: discard as never, maxQueueSize: 1 << 16, scheduledDelayMillis: 50 };
  const cc = new plugin.CallCenterInstrumentation({ operator: { id: 'op-1' } });
  cc.setLoggerProvider(new LoggerProvider({ processors: [new BatchLogRecordProcessor(options)] }));
  cc.setTracerProvider(new TracerProvider({ spanProcessors: [new BatchSpanProcessor(options)] }));
  return cc;
}
const builds = { base: instance(base), head: instance(head) };

const BATCH = 100;
const rows = ['contact', 'break', 'ops_scorecard', 'contact lifecycle'] as const;
const lifecycle = { ...EVENTS.contact, action: 'attend' as const };
let n = 0;
/** One task per build and row, each its own closure calling its own instance, as in bench/micro.ts. */
function task(cc: ReturnType<typeof instance>, row: (typeof rows)[number]): () => void {
  switch (row) {
    case 'contact':
      return () => {
        for (let i = 0; i < BATCH; i++) cc.logIngestEvent('contact', EVENTS.contact);
      };
    case 'break':
      return () => {
        for (let i = 0; i < BATCH; i++) cc.logIngestEvent('break', EVENTS.break);
      };
    case 'ops_scorecard':
      return () => {
        for (let i = 0; i < BATCH; i++) cc.logIngestEvent('ops_scorecard', EVENTS.ops_scorecard);
      };
    case 'contact lifecycle':
      // BATCH events: attend, pause, resume, end of BATCH / 4 contacts.
      return () => {
        for (let i = 0; i < BATCH / 4; i++) {
          const contact_id = `c-${n++}`;
          for (const action of ['attend', 'pause', 'resume', 'end'] as const) cc.logIngestEvent('contact', { ...lifecycle, contact_id, action });
        }
      };
  }
}

const bench = new Bench({ time: 1500, warmupTime: 300 });
// Alternate which build goes first per row, so that neither always runs on the other's heap.
rows.forEach((row, i) => {
  for (const name of i % 2 ? (['head', 'base'] as const) : (['base', 'head'] as const)) bench.add(`${row} ${name}`, task(builds[name], row));
});
await bench.run();
const ns = new Map(bench.tasks.map((t) => [t.name, (((t.result as { latency?: { p50: number } }).latency?.p50 ?? NaN) * 1e6) / BATCH]));
console.log(`per event (median of ${BATCH}-call samples)        base        head   head/base`);
for (const row of rows) {
  const [b, h] = [ns.get(`${row} base`)!, ns.get(`${row} head`)!];
  console.log(`${row.padEnd(40)} ${b.toFixed(0).padStart(7)} ns  ${h.toFixed(0).padStart(7)} ns   ${(h / b).toFixed(2)}x`);
}
process.exit(0);
