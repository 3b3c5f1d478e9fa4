// npm run bench: the plugin against the bare OpenTelemetry SDK in the same
// run, memory, end-to-end rate through the real collector, bundle size.
// Prints the table and writes bench/results.json (raw, for comparisons).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { runMemory } from './memory.ts';
import { runMicro } from './micro.ts';
import { runThroughput } from './throughput.ts';

const skipE2e = process.argv.includes('--no-e2e');
process.stderr.write('micro-benchmarks (tinybench, interleaved)…\n');
const micro = await runMicro();
process.stderr.write('memory…\n');
const memory = await runMemory();
process.stderr.write(skipE2e ? 'end to end: skipped (--no-e2e)\n' : 'end to end through the real collector…\n');
const throughput = skipE2e ? [] : await runThroughput();
const bundle = JSON.parse(execFileSync(process.execPath, [new URL('../scripts/bundle-size.ts', import.meta.url).pathname, '--json'], { encoding: 'utf8' })) as {
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
console.log(`  heap after 3 000 closed contacts × 40 span events   ${(memory.heapAfter3kClosedContactsWith40EventsBytes / 2 ** 20).toFixed(1)} MiB over baseline   (target ≤ 8 MB)`);
if (throughput.length) {
  console.log('\nend to end (OTLP/HTTP JSON → collector-config.yaml → file), 5 s per rate');
  for (const t of throughput) {
    console.log(`  target ${String(t.targetPerSecond).padStart(6)}/s: achieved ${String(t.achievedPerSecond).padStart(6)}/s, sent ${t.sent}, received ${t.received}, lost ${t.lost}`);
  }
  const zeroLoss = throughput.filter((t) => t.lost === 0).at(-1);
  console.log(`  largest rate with zero loss: ${zeroLoss ? `${zeroLoss.targetPerSecond}/s` : 'none measured'}`);
}
console.log(`\nbrowser bundle: the plugin adds ${(bundle.pluginAdds.gzipped / 1024).toFixed(1)} KB gzip (${(bundle.pluginAdds.minified / 1024).toFixed(1)} KB minified)`);

const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify({ date: new Date().toISOString(), machine, micro, memory, throughput, bundle }, null, 2)}\n`);
console.log(`\n${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; raw results in bench/results.json`);
