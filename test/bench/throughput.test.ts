import { describe, expect, it } from 'vitest';
import { failure, runRateComparison, Staircase, sideRecords, withoutIdsAndTimes, type Side, type StepResult } from '../../bench/throughput.ts';
import { logRecords, spans } from '../../examples/shift/otlp-json.ts';

describe('bench/throughput.ts: the end-to-end comparison', () => {
  it('the bare SDK side sends the records the plugin sends (OTLP/JSON, ids and times aside)', async () => {
    const { plugin, bare } = await sideRecords(8);

    expect(bare).toEqual(plugin);
    // What was compared: 4 contacts, each an attend and an end log record in the context of one span.
    const records = logRecords(plugin.logs);
    const contactSpans = spans(plugin.traces);
    expect(records).toHaveLength(8);
    expect(contactSpans).toHaveLength(4);
    expect(records.map((r) => r.spanId)).toEqual(contactSpans.flatMap((s) => [s.spanId, s.spanId]));
    expect(records[1]!.attributes).toMatchObject({ 'call_center.contact.action': 'end', 'call_center.contact.id': 's-0' });
  });

  it('ids become the order they first appear in, and times one placeholder, so only the shape of the links is compared', () => {
    const request = { spans: [{ traceId: 'aa', spanId: 'bb', startTimeUnixNano: '1' }], logs: [{ traceId: 'aa', spanId: 'bb', timeUnixNano: '2', body: 'x' }] };
    const other = { spans: [{ traceId: 'cc', spanId: 'dd', startTimeUnixNano: '3' }], logs: [{ traceId: 'cc', spanId: 'dd', timeUnixNano: '4', body: 'x' }] };
    const unlinked = { spans: [{ traceId: 'cc', spanId: 'dd', startTimeUnixNano: '3' }], logs: [{ traceId: 'cc', spanId: 'ee', timeUnixNano: '4', body: 'x' }] };

    expect(withoutIdsAndTimes(other)).toEqual(withoutIdsAndTimes(request));
    expect(withoutIdsAndTimes(unlinked)).not.toEqual(withoutIdsAndTimes(request));
    expect(withoutIdsAndTimes({ ...other, logs: [{ ...other.logs[0], body: 'y' }] })).not.toEqual(withoutIdsAndTimes(request));
  });
});

/** A step as runStep reports it, for a side whose pipeline keeps up to `capacity` events/s. */
function fakeStep(capacity: Record<Side, number>) {
  const calls: Array<[Side, number]> = [];
  const step = async (side: Side, rate: number, seconds: number): Promise<StepResult> => {
    calls.push([side, rate]);
    const sent = rate * seconds;
    const over = rate > capacity[side];
    const none = { count: 0, serializeMs: 0, roundTripMs: 0 };
    return {
      side,
      targetPerSecond: rate,
      sent,
      emitMs: seconds * 1000 + 20,
      drainMs: over ? 500 : 20,
      drained: !over,
      maxBuffered: 0,
      droppedLogs: 0,
      droppedSpans: 0,
      requests: { logs: none, traces: none },
      mainThreadCpuMs: 0,
      processCpuMs: 0,
      receivedLogs: sent,
      receivedSpans: sent / 2,
      lost: 0,
      collectorCpuMs: 0,
    };
  };
  return { step, calls };
}

describe('bench/throughput.ts: the search', () => {
  const criteria = { seconds: 3, maxDrainMs: 500, maxLag: 1.05 };
  const ok = { emitMs: 3_020, drainMs: 20, drained: true, lost: 0 } as StepResult;

  it('a step passes with nothing lost, the rate kept and everything delivered soon after the last event', () => {
    expect(failure(ok, criteria)).toBeUndefined();
    expect(failure({ ...ok, lost: 1 }, criteria)).toBe('lost 1');
    expect(failure({ ...ok, emitMs: 3_400 }, criteria)).toMatch(/^fell behind/);
    expect(failure({ ...ok, drainMs: 501 }, criteria)).toMatch(/^backlog/);
    expect(failure({ ...ok, drainMs: 500, drained: false, lost: NaN }, criteria)).toMatch(/^backlog/);
  });

  it('the staircase climbs fast, then settles around the rate a step passes at', () => {
    const stairs = new Staircase(20_000, { coarse: 1.25, fine: 1.05, step: 100 });
    for (let i = 0; i < 16; i++) stairs.record(stairs.next <= 31_000);

    // 25 % until the first reversal, then 11.8 %, 5.7 %, and 5 % from the third on.
    expect(stairs.steps.slice(0, 7).map((s) => s.rate)).toEqual([20_000, 25_000, 31_300, 28_000, 29_600, 31_300, 29_800]);
    expect(stairs.reversals.length).toBeGreaterThanOrEqual(10);
    // It keeps stepping across 31 000: one passing rung and one failing rung.
    const settled = stairs.reversals[2]!;
    expect(new Set(stairs.steps.slice(settled).map((s) => s.rate))).toEqual(new Set([29_800, 31_300]));
    expect(stairs.estimate(settled)).toBeGreaterThan(29_800);
    expect(stairs.estimate(settled)).toBeLessThan(31_300);
  });

  it('has no estimate before it has turned twice', async () => {
    const { step } = fakeStep({ plugin: 1_000_000, bare: 20_000 });

    const result = await runRateComparison({ steps: 5, seconds: 3, step, progress: () => {} });

    expect(result.settledFromStep).toBeUndefined();
    expect(result.plugin.perSecond).toBeNaN();
    expect(result.ratio).toBeNaN();
  });

  it('takes both figures over the same steps, from the later second reversal, so a load that changes during the run moves both', async () => {
    // The plugin turns twice by step 5 (31 300 fails, 28 000 fails, 25 000 passes), the bare SDK by step 6 (48 900 fails, 43 700 passes).
    const { step } = fakeStep({ plugin: 26_000, bare: 45_000 });

    const result = await runRateComparison({ steps: 10, seconds: 3, step, progress: () => {} });

    expect(result.settledFromStep).toBe(6);
    const geometricMean = (rates: number[]) => Math.exp(rates.reduce((sum, r) => sum + Math.log(r), 0) / rates.length);
    for (const side of [result.plugin, result.bare]) {
      const settled = side.steps.slice(5).map((s) => s.targetPerSecond);
      expect(side.perSecond).toBeCloseTo(geometricMean(settled), 6);
      expect(side.settledRange).toEqual([Math.min(...settled), Math.max(...settled)]);
    }
  });

  it('alternates the sides, which goes first too, and reports each side and the ratio', async () => {
    const { step, calls } = fakeStep({ plugin: 18_000, bare: 20_000 });

    const result = await runRateComparison({ steps: 12, seconds: 3, step, progress: () => {} });

    expect(calls.slice(0, 6).map(([side]) => side)).toEqual(['plugin', 'bare', 'bare', 'plugin', 'plugin', 'bare']);
    expect(result.plugin.steps).toHaveLength(12);
    expect(result.plugin.perSecond / 18_000).toBeCloseTo(1, 1);
    expect(result.bare.perSecond / 20_000).toBeCloseTo(1, 1);
    expect(result.ratio).toBeCloseTo(0.9, 1);
    expect(result.bare.largestPassed).toBeLessThanOrEqual(20_000);
    expect(result.plugin.steps.filter((s) => s.failure).every((s) => s.targetPerSecond > 18_000)).toBe(true);
  });
});
