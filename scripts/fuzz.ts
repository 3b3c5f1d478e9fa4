/**
 * A large fuzz of the built package, outside the unit suite:
 *
 *   npm run fuzz -- --events 1000000 [--seed N]
 *
 * Progress and, on failure, the failed conditions with examples go to
 * stderr; one verdict line goes to stdout. Exits 1 when the verdict is FAIL.
 * The same seed replays the same run.
 */
import { parseArgs } from 'node:util';
import * as api from '@kenkai/instrumentation-call-center';
import { runFuzz } from '../test/helpers/fuzz-run.ts';
import { failedConditions, verdictLine } from '../test/helpers/fuzz-verdict.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    seed: { type: 'string' },
  },
});

function wholeNumber(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) {
    process.stderr.write(`fuzz: --${name} expects a whole number, got ${JSON.stringify(text)}\n`);
    process.exit(2);
  }
  return n;
}

const events = wholeNumber('events', values.events);
// fast-check seeds are 32-bit integers.
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : wholeNumber('seed', values.seed) | 0;
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

process.stderr.write(`fuzz: ${events} events, seed ${seed} (replay with --seed ${seed})\n`);
const verdict = await runFuzz({
  api,
  events,
  seed,
  progressEvery: Math.max(10_000, Math.round(events / 20)),
  onProgress: (done) => process.stderr.write(`fuzz: ${done} / ${events} events, ${elapsed()}\n`),
});

const failed = failedConditions(verdict);
process.stderr.write(`fuzz: done in ${elapsed()}\n`);
for (const condition of failed) process.stderr.write(`fuzz: FAILED: ${condition}\n`);
if (failed.length > 0) {
  const { places, examples } = verdict.findings;
  for (const [kind, counts] of Object.entries(places)) {
    for (const [place, n] of Object.entries(counts)) process.stderr.write(`fuzz: exported ${kind}: ${n} in ${place}\n`);
  }
  for (const [kind, lines] of Object.entries(examples)) {
    for (const line of lines) process.stderr.write(`fuzz: exported ${kind}, e.g. ${line}\n`);
  }
  for (const [problem, c] of Object.entries(verdict.examples)) process.stderr.write(`fuzz: first case with ${problem}: ${c}\n`);
}
process.stdout.write(`${verdictLine(verdict)}\n`);
process.exitCode = failed.length > 0 ? 1 : 0;
