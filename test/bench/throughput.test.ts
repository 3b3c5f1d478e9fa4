import { describe, expect, it } from 'vitest';
import { failure, RateSearch, runRateComparison, sideRecords, withoutIdsAndTimes, type Side, type StepResult } from '../../bench/throughput.ts';
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
      side, targetPerSecond: rate, sent, emitMs: seconds * 1000 + 20, drainMs: over ? 500 : 20, drained: !over, maxBuffered: 0, droppedLogs: 0, droppedSpans: 0,
      requests: { logs: none, traces: none }, mainThreadCpuMs: 0, processCpuMs: 0, receivedLogs: sent, receivedSpans: sent / 2, lost: 0, collectorCpuMs: 0,
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

  it('brackets the largest passing rate within the resolution, from above and from below', () => {
    for (const [start, limit] of [[20_000, 31_000], [20_000, 9_000]] as const) {
      const search = new RateSearch(start, { growth: 1.5, resolution: 1.05, floor: 500, step: 100 });
      while (!search.done) search.record(search.next, search.next <= limit);
      expect(search.passed).toBeLessThanOrEqual(limit);
      expect(search.passed * 1.05).toBeGreaterThanOrEqual(limit);
      expect(search.failed).toBeGreaterThan(limit);
    }
  });

  it('alternates the sides step by step and reports each round and the median ratio', async () => {
    const { step, calls } = fakeStep({ plugin: 18_000, bare: 20_000 });

    const result = await runRateComparison({ rounds: 3, seconds: 3, step, progress: () => {} });

    expect(result.rounds).toHaveLength(3);
    for (const round of result.rounds) {
      expect(round.plugin).toBeLessThanOrEqual(18_000);
      expect(round.plugin * 1.05).toBeGreaterThanOrEqual(18_000);
      expect(round.bare).toBeLessThanOrEqual(20_000);
      expect(round.bare * 1.05).toBeGreaterThanOrEqual(20_000);
    }
    expect(result.ratio).toBeGreaterThan(0.85);
    expect(result.ratio).toBeLessThan(0.95);
    // The first round begins plugin, bare, plugin, bare; the second begins with the bare SDK.
    expect(calls.slice(0, 4).map(([side]) => side)).toEqual(['plugin', 'bare', 'plugin', 'bare']);
    const second = result.rounds[0]!.steps.length;
    expect(calls[second]![0]).toBe('bare');
  });
});
