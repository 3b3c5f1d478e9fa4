// Two builds of the plugin, each in its own worker thread (bench/side.ts says
// why) on its own copy of bench/micro.ts's SDK set-up (bench/rows.ts: batch
// processors and a metric reader, every export serialised to OTLP/JSON),
// interleaved by rounds (bench/sides.ts): what a change to the hot path
// costs, measured against the build before it rather than against a lone
// figure.
//
//   git worktree add /tmp/base <rev> && (cd /tmp/base && npm ci && npm run build)
//   npm run bench:compare -- /tmp/base
//
// Both builds run on this checkout's SDK packages and @opentelemetry/api.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { ROWS } from './rows.ts';
import { interleave, median } from './sides.ts';

const baseDir = process.argv[2];
if (!baseDir) {
  console.error('usage: npm run bench:compare -- <directory of another checkout, built>');
  process.exit(2);
}
const BATCH = 100;
const ROUNDS = 9;
const head = fileURLToPath(new URL('..', import.meta.url));
const rounds = await interleave({ base: { side: { plugin: resolve(baseDir) }, batch: BATCH }, head: { side: { plugin: head }, batch: BATCH } }, { rounds: ROUNDS, time: 170 });
console.log(`per event (median of ${BATCH}-call samples, median of ${ROUNDS} rounds)    base        head   head/base   rounds`);
for (const row of ROWS) {
  const { base, head: h } = rounds[row] as { base: number[]; head: number[] };
  const ratios = h.map((x, i) => x / base[i]!);
  const range = `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}`;
  console.log(`${row.padEnd(48)} ${median(base).toFixed(0).padStart(7)} ns  ${median(h).toFixed(0).padStart(7)} ns   ${median(ratios).toFixed(2)}x   ${range}`);
}
process.exit(0);
