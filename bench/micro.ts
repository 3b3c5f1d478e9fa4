// Micro-benchmarks: the plugin against the bare OpenTelemetry SDK emitting
// the same telemetry by hand (bench/rows.ts: what each side does; checked
// equal by test/bench/rows.test.ts), each side on its own identical SDK
// set-up in its own worker thread, measured in the same run, interleaved
// (bench/sides.ts; tinybench). Each task runs BATCH calls per sample, so
// timer overhead is negligible.
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { resolveConfig } from '../dist/config.js';
import { createEventPlans } from '../dist/ingest/field-plan.js';
import { checkEvent } from '../dist/ingest/pipeline.js';
import { createPrivacyPolicy } from '../dist/privacy/policy.js';
import { EVENTS, OPERATOR_ID, ROWS, type Row } from './rows.ts';
import { interleave, median } from './sides.ts';

export const BATCH = 100;

export interface Pair {
  name: Row;
  pluginNs: number;
  bareNs: number;
  /** The median of the rounds' ratios. */
  ratio: number;
  /** Each round's ratio, in order. */
  rounds: number[];
}

const nsPerCall = (task: { result: unknown }) => {
  const result = task.result as { latency?: { p50: number } };
  return ((result.latency?.p50 ?? NaN) * 1e6) / BATCH;
};

/** Rounds of the plugin-against-bare measurements: on a shared machine the load changes within seconds; a round keeps each row's two sides a few hundred ms apart. */
const ROUNDS = 9;

export async function runMicro(time = 1500): Promise<{ pairs: Pair[]; validation: Record<string, number>; zod: Record<string, number> }> {
  // Each side in its own worker (bench/side.ts says why); this build's plugin against the bare SDK.
  const root = fileURLToPath(new URL('..', import.meta.url));
  const rounds = await interleave({ plugin: { side: { plugin: root }, batch: BATCH }, bare: { side: 'bare', batch: BATCH } }, { rounds: ROUNDS, time: time / ROUNDS });
  const pairs = ROWS.map((name): Pair => {
    const { plugin, bare } = rounds[name] as { plugin: number[]; bare: number[] };
    const ratios = plugin.map((p, i) => p / bare[i]!);
    return { name, pluginNs: median(plugin), bareNs: median(bare), ratio: median(ratios), rounds: ratios };
  });

  const bench = new Bench({ time, warmupTime: 300 });
  const config = resolveConfig({ operator: { id: OPERATOR_ID } });
  const plans = createEventPlans(createPrivacyPolicy(undefined), config);
  const types = ['contact', 'break', 'ops_scorecard'] as const;
  for (const type of types) {
    const event = EVENTS[type] as Record<string, unknown>;
    // Every field present but wrong: the path that explains, field by field.
    const invalid = Object.fromEntries(Object.keys(event).map((k) => [k, null]));
    bench.add(`validate+map ${type}`, () => {
      for (let i = 0; i < BATCH; i++) checkEvent(type, event, undefined, plans, config.operator, Date.now);
    });
    bench.add(`zod ${type}`, () => {
      for (let i = 0; i < BATCH; i++) checkEvent(type, invalid, undefined, plans, config.operator, Date.now);
    });
  }

  await bench.run();
  const ns = new Map(bench.tasks.map((t) => [t.name, nsPerCall(t)]));
  // The valid path (every accepted event): read once, field rules, bounds, privacy policy and attributes.
  const validation = Object.fromEntries(types.map((t) => [t, ns.get(`validate+map ${t}`)!]));
  // The invalid path: the same rules explain every bad field (zod is no longer in the runtime).
  const zod = Object.fromEntries(types.map((t) => [t, ns.get(`zod ${t}`)!]));
  return { pairs, validation, zod };
}
