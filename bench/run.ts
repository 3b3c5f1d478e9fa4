// npm run bench: prints the table, writes bench/results.json.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { runMicro } from './micro.ts';

const micro = await runMicro();
const fmt = (ns: number) => `${ns.toFixed(0)} ns`;
console.log('\nper event (median of samples of 100 calls)      plugin       bare SDK     ratio   target');
for (const p of micro.pairs) {
  console.log(`${p.name.padEnd(46)} ${fmt(p.pluginNs).padStart(9)}  ${fmt(p.bareNs).padStart(12)}  ${p.ratio.toFixed(2).padStart(6)}x   ≤ 1.25x`);
}
console.log('\nvalidation alone');
for (const [type, ns] of Object.entries(micro.validation)) console.log(`  ${type.padEnd(44)} ${fmt(ns).padStart(9)}`);

const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify({ date: new Date().toISOString(), machine, micro }, null, 2)}\n`);
console.log(`\n${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; raw results in bench/results.json`);
