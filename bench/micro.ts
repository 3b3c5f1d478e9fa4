// Micro-benchmarks: the plugin against the bare OpenTelemetry SDK emitting
// the same telemetry by hand (bench/rows.ts: what each side does; checked
// equal by test/bench/rows.test.ts), each side on its own identical SDK
// set-up, measured in the same run, interleaved (tinybench). Each task runs
// BATCH calls per sample, so timer overhead is negligible.
import { Bench } from 'tinybench';
import { CallCenterInstrumentation } from '@kenkai/instrumentation-call-center';
import { resolveConfig } from '../dist/config.js';
import { createEventPlans } from '../dist/ingest/field-plan.js';
import { checkEvent } from '../dist/ingest/pipeline.js';
import { createPrivacyPolicy } from '../dist/privacy/policy.js';
import { BareSdk, bareTask, EVENTS, OPERATOR_ID, pluginTask, ROWS, sdkSetup, type Row } from './rows.ts';

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

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Rounds of the plugin-against-bare tasks: on a shared machine the load changes within seconds, and a round keeps each row's two sides a few hundred ms apart. */
const ROUNDS = 5;

export async function runMicro(time = 1500): Promise<{ pairs: Pair[]; validation: Record<string, number>; zod: Record<string, number> }> {
  const plugin = sdkSetup();
  const bare = sdkSetup();
  const cc = new CallCenterInstrumentation({ operator: { id: OPERATOR_ID } });
  cc.setLoggerProvider(plugin.loggerProvider);
  cc.setTracerProvider(plugin.tracerProvider);
  cc.setMeterProvider(plugin.meterProvider);
  const bareSdk = new BareSdk(bare);
  // Per event: the lifecycle tasks go through attend, pause, resume and end of BATCH / 4 contacts.
  const tasks = ROWS.map((row) => ({ row, plugin: pluginTask(cc, row), bare: bareTask(bareSdk, row) }));
  const perRound: Array<Map<string, number>> = [];
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({ time: time / ROUNDS, warmupTime: round === 0 ? 300 : 50 });
    for (const { row, plugin: p, bare: b } of tasks) {
      // Which side goes first alternates by round.
      const sides: Array<[string, () => void]> = [
        [`${row}: plugin`, () => p(BATCH)],
        [`${row}: bare SDK`, () => b(BATCH)],
      ];
      for (const [name, fn] of round % 2 ? sides.reverse() : sides) bench.add(name, fn);
    }
    await bench.run();
    perRound.push(new Map(bench.tasks.map((t) => [t.name, nsPerCall(t)])));
  }
  const pairs = ROWS.map((name): Pair => {
    const pluginRounds = perRound.map((ns) => ns.get(`${name}: plugin`)!);
    const bareRounds = perRound.map((ns) => ns.get(`${name}: bare SDK`)!);
    const rounds = pluginRounds.map((p, i) => p / bareRounds[i]!);
    return { name, pluginNs: median(pluginRounds), bareNs: median(bareRounds), ratio: median(rounds), rounds };
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
  cc.disable();
  await Promise.all([plugin.shutdown(), bare.shutdown()]);
  return { pairs, validation, zod };
}
