// npm run bench: the plugin against the bare OpenTelemetry SDK in the same
// run, memory, end-to-end rate through the real collector, bundle size.
// Prints the table and writes the raw results (for comparisons) to
// .bench-results/results.json, which git ignores; with --save, to the tracked
// bench/results.json, the run BENCHMARKS.md quotes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMemory } from './memory.ts';
import { runMicro } from './micro.ts';
import { assertSameRecords, runRateComparison, type RateComparison } from './throughput.ts';

const skipE2e = process.argv.includes('--no-e2e');
// 10 steps of 2 s a side (about a minute) instead of 16 of 3 s (about two and a half minutes).
const quickE2e = process.argv.includes('--quick-e2e');
const resultsFile = fileURLToPath(new URL(process.argv.includes('--save') ? './results.json' : '../.bench-results/results.json', import.meta.url));
// Before anything long: a bare side that does not send the plugin's records would make the end-to-end ratio meaningless.
const sameRecords = skipE2e ? undefined : await assertSameRecords();
process.stderr.write('micro-benchmarks (tinybench, interleaved)…\n');
const micro = await runMicro();
process.stderr.write('memory…\n');
const memory = await runMemory();
process.stderr.write(skipE2e ? 'end to end: skipped (--no-e2e)\n' : 'end to end through the real collector, the plugin and the bare SDK alternating…\n');
const endToEnd: RateComparison | undefined = skipE2e ? undefined : await runRateComparison(quickE2e ? { steps: 10, seconds: 2 } : {});
const bundle = JSON.parse(execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/bundle-size.ts', import.meta.url)), '--json'], { encoding: 'utf8' })) as {
  pluginAdds: { gzipped: number; minified: number };
};

const fmt = (ns: number) => `${ns.toFixed(0)} ns`;
console.log('\nper event (median of 100-call samples, median of 9 rounds; BENCHMARKS.md says what each side does)');
console.log('                                              plugin     bare SDK    ratio   rounds          target');
for (const p of micro.pairs) {
  const range = `${Math.min(...p.rounds).toFixed(2)}-${Math.max(...p.rounds).toFixed(2)}`;
  console.log(`${p.name.padEnd(44)} ${fmt(p.pluginNs).padStart(9)}  ${fmt(p.bareNs).padStart(10)}  ${p.ratio.toFixed(2).padStart(5)}x   ${range.padEnd(14)}  ≤ 1.25x`);
}
console.log('\nvalidation alone, per event             valid path (read, rules, bounds, policy, attributes)   invalid path (every field explained)');
for (const [type, ns] of Object.entries(micro.validation)) console.log(`  ${type.padEnd(42)} ${fmt(ns).padStart(9)}   ${fmt(micro.zod[type] ?? NaN).padStart(12)}`);
console.log('\nmemory');
console.log(`  per open contact                           ${memory.bytesPerOpenContact} bytes`);
console.log(`  per open break                             ${memory.bytesPerOpenBreak} bytes`);
console.log(`  heap after 100 000 closed contacts         ${(memory.heapAfter100kClosedContactsBytes / 1024).toFixed(0)} KiB over baseline`);
console.log(`  per open contact with 10 span events       ${memory.bytesPerOpenContactWith10Events} bytes   (target ≤ 4 KB)`);
console.log(
  `  heap after 3 000 closed contacts × 40 span events   ${(memory.heapAfter3kClosedContactsWith40EventsBytes / 2 ** 20).toFixed(1)} MiB over baseline   (target ≤ 8 MB)`,
);
if (endToEnd && sameRecords) {
  const { criteria, staircase } = endToEnd;
  // Hundreds: the estimate moves by more than that between runs.
  const rate = (n: number) => `${(Math.round(n / 100) * 100).toLocaleString('en').replace(/,/g, ' ')}/s`;
  const percent = (factor: number) => `${Math.round((factor - 1) * 100)}%`;
  console.log('\nend to end: largest rate with zero loss, one process → OTLP/HTTP JSON → collector-config.yaml → file');
  console.log(`  contact attend/end pairs; the same records from both sides (${sameRecords.logRecords} log records and ${sameRecords.spans} spans compared, ids and times aside)`);
  console.log(`  ${criteria.seconds} s steps; one passes when the collector wrote every log record and span, all within ${criteria.maxDrainMs} ms of the last event`);
  console.log(
    `  a staircase a side, steps alternating: up after a pass, down after a failure, by ${percent(staircase.coarse)} halving at each reversal to ${percent(staircase.fine)}; ${endToEnd.plugin.steps.length} steps a side`,
  );
  const from = endToEnd.settledFromStep;
  console.log(
    from === undefined
      ? '  a staircase did not turn twice: more steps needed'
      : `  each side's figure: the geometric mean of its rates from step ${from} on (both sides past their second reversal)`,
  );
  for (const [name, side] of [
    ['plugin', endToEnd.plugin],
    ['bare SDK', endToEnd.bare],
  ] as const) {
    const [low, high] = side.settledRange;
    const settled = from === undefined ? '      n/a   (' : `${rate(side.perSecond).padStart(9)}   (between ${rate(low)} and ${rate(high)} from step ${from};`;
    console.log(`  ${name.padEnd(8)} ${settled} ${side.reversals} reversals; largest passed ${rate(side.largestPassed)})`);
  }
  console.log(`  plugin / bare SDK: ${endToEnd.ratio.toFixed(2)}   target ≥ 0.90`);
  const { plugin, bare } = endToEnd;
  const pair = (f: (p: typeof plugin.passing) => number, digits: number) => `${f(plugin.passing).toFixed(digits)} and ${f(bare.passing).toFixed(digits)}`;
  console.log(
    `  steps that passed (plugin and bare SDK): emitter main thread ${pair((p) => p.mainThreadUsPerEvent, 1)} µs per event, collector ${pair((p) => p.collectorUsPerEvent, 1)} µs, log export round trip ${pair((p) => p.logRoundTripMs, 1)} ms per 512 records`,
  );
  console.log(`  machine load average ${endToEnd.loadAverage.map((l) => l.toFixed(1)).join(' before, ')} after (${cpus().length} cores)`);
}
console.log(`\nbrowser bundle: the plugin adds ${(bundle.pluginAdds.gzipped / 1024).toFixed(1)} KB gzip (${(bundle.pluginAdds.minified / 1024).toFixed(1)} KB minified)`);

const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(resultsFile, `${JSON.stringify({ date: new Date().toISOString(), machine, micro, memory, endToEnd, bundle }, null, 2)}\n`);
const shown = relative(fileURLToPath(new URL('..', import.meta.url)), resultsFile);
console.log(`\n${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; raw results in ${shown}`);
