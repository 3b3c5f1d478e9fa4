// Two builds of the plugin in one process, interleaved (tinybench), each on
// its own copy of bench/micro.ts's SDK set-up (bench/rows.ts: batch
// processors and a metric reader, every export serialised to OTLP/JSON):
// what a change to the hot path costs, measured against the build before it
// rather than against a lone figure.
//
//   git worktree add /tmp/base <rev> && (cd /tmp/base && npm ci && npm run build)
//   npm run bench:compare -- /tmp/base
//
// Both builds share this checkout's @opentelemetry/api, so they run on the same SDK.
import { resolve } from 'node:path';
import { Bench } from 'tinybench';
import { OPERATOR_ID, pluginTask, ROWS, sdkSetup } from './rows.ts';

const baseDir = process.argv[2];
if (!baseDir) {
  console.error('usage: npm run bench:compare -- <directory of another checkout, built>');
  process.exit(2);
}
type Plugin = typeof import('@kenkai/instrumentation-call-center');
const base = (await import(resolve(baseDir, 'dist/index.js'))) as Plugin;
const head = (await import(new URL('../dist/index.js', import.meta.url).href)) as Plugin;

function instance(plugin: Plugin) {
  const sdk = sdkSetup();
  const cc = new plugin.CallCenterInstrumentation({ operator: { id: OPERATOR_ID } });
  cc.setLoggerProvider(sdk.loggerProvider);
  cc.setTracerProvider(sdk.tracerProvider);
  cc.setMeterProvider(sdk.meterProvider);
  return cc;
}
const builds = { base: instance(base), head: instance(head) };

const BATCH = 100;
const bench = new Bench({ time: 1500, warmupTime: 300 });
// Alternate which build goes first per row, so that neither always runs on the other's heap.
ROWS.forEach((row, i) => {
  for (const name of i % 2 ? (['head', 'base'] as const) : (['base', 'head'] as const)) {
    const task = pluginTask(builds[name], row);
    bench.add(`${row} ${name}`, () => task(BATCH));
  }
});
await bench.run();
const ns = new Map(bench.tasks.map((t) => [t.name, ((t.result as { latency?: { p50: number } }).latency?.p50 ?? NaN) * 1e6 / BATCH]));
console.log(`per event (median of ${BATCH}-call samples)        base        head   head/base`);
for (const row of ROWS) {
  const [b, h] = [ns.get(`${row} base`)!, ns.get(`${row} head`)!];
  console.log(`${row.padEnd(40)} ${b.toFixed(0).padStart(7)} ns  ${h.toFixed(0).padStart(7)} ns   ${(h / b).toFixed(2)}x`);
}
process.exit(0);
