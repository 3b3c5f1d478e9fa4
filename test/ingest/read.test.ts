import { afterEach, describe, expect, it } from 'vitest';
import { CallCenter, CallCenterValidationError, type ContactEvent } from '../../src/index.js';
import { drainFacade } from '../helpers/facade.js';
import { minimalContact } from '../helpers/events.js';
import { counterValue, createHarness, type Harness } from '../helpers/otel.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.shutdown();
  h = undefined;
  // What a test logged through the facade with no instance enabled must not reach the next test's.
  drainFacade();
});

const MARKER = 'MARKER free text that must never be exported';

/** A field whose getter gives `first` on its first read and `later` (or a throw) on every read after. */
function changing<T extends object>(event: T, field: string, first: unknown, later: () => unknown): T {
  let reads = 0;
  return Object.defineProperty(event, field, { enumerable: true, get: () => (reads++ === 0 ? first : later()) });
}

/** A value that throws whatever is done with it: get, keys, instanceof (getPrototypeOf), has. */
const bomb: object = new Proxy(
  {},
  Object.fromEntries(
    ['get', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'has'].map((trap) => [
      trap,
      () => {
        throw bomb;
      },
    ]),
  ),
);

/** Everything the SDK received, as one string to search. */
async function everything(harness: Harness): Promise<string> {
  const metrics = await harness.collectMetrics();
  return JSON.stringify([
    harness.records().map((r) => [r.body, r.attributes]),
    harness.spans.getFinishedSpans().map((s) => [s.name, s.attributes, s.events, s.status]),
    [...metrics.values()].map((m) => m.dataPoints.map((p) => p.attributes)),
  ]);
}

describe('read once', () => {
  it('uses the value it validated everywhere, whatever a getter returns on later reads', async () => {
    h = createHarness({ operator: { id: 'op-1' } });
    const attend = changing({ ...minimalContact({ contact_id: 'c-1' }) }, 'action', 'attend', () => MARKER);
    const pause = changing({ ...minimalContact({ contact_id: 'c-1', action: 'pause' }) }, 'contact_channel', 'call', () => MARKER);
    const end = changing({ ...minimalContact({ contact_id: 'c-1', action: 'end' }) }, 'contact_id', 'c-1', () => MARKER);
    for (const event of [attend, pause, end]) expect(h.instrumentation.logIngestEvent('contact', event as ContactEvent).ok).toBe(true);
    expect(await everything(h)).not.toContain('MARKER');
    const [span] = h.spans.getFinishedSpans();
    expect(span?.events.map((e) => e.name)).toEqual(['call_center.contact.pause']);
    expect(span?.attributes['call_center.contact.end_reason']).toBe('end');
  });

  it('reads each field once: a getter that throws on its second read changes nothing', async () => {
    h = createHarness();
    const event = changing({ ...minimalContact() }, 'contact_type', 'emergency', () => {
      throw new Error('read twice');
    });
    expect(h.instrumentation.logIngestEvent('contact', event).ok).toBe(true);
    expect(h.records()).toHaveLength(1);
    expect(counterValue((await h.collectMetrics()).get('call_center.events.rejected'))).toBe(0);
  });

  it('reads the per-call operator once: it is validated and emitted as the same id', () => {
    h = createHarness();
    const operator = changing({}, 'id', 'op-7', () => MARKER);
    expect(h.instrumentation.logIngestEvent('contact', minimalContact(), { operator: operator as { id: string } }).ok).toBe(true);
    expect(h.records()[0]?.attributes['call_center.operator.id']).toBe('op-7');
  });

  it('reads the event’s own fields only, as zod and the rules both see them', () => {
    h = createHarness();
    const inherited = Object.assign(Object.create({ transfer_id: 't-1' }), { ...minimalContact(), transfer_id: undefined });
    const result = h.instrumentation.logIngestEvent('contact', inherited);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.issues.map((i) => [i.path, i.code])).toEqual([['transfer_id', 'missing_field']]);
  });
});

describe('hostile values never escape in report mode', () => {
  const thrower = (value: unknown) =>
    Object.defineProperty({ ...minimalContact() }, 'contact_id', {
      enumerable: true,
      get: () => {
        throw value;
      },
    });

  for (const [name, args] of [
    ['a getter that throws a proxy whose every trap throws', ['contact', thrower(bomb)]],
    ['an event that is such a proxy', ['contact', bomb]],
    ['options that are such a proxy', ['contact', minimalContact(), bomb]],
    ['an operator that is such a proxy', ['contact', minimalContact(), { operator: bomb }]],
    ['a timestamp that is such a proxy', ['contact', minimalContact(), { timestamp: bomb }]],
    ['an event type that is such a proxy', [bomb, minimalContact()]],
  ] as Array<[string, [unknown, unknown, unknown?]]>) {
    it(`survives ${name}: refused, counted, reported, through the instance and the facade`, async () => {
      h = createHarness();
      const errors: CallCenterValidationError[] = [];
      h.instrumentation.setConfig({ onInvalidEvent: (e) => errors.push(e) });
      const call = (target: { logIngestEvent: (...a: never[]) => unknown }) => target.logIngestEvent(...(args as unknown as never[]));
      const results = [call(h.instrumentation), call(CallCenter)] as unknown as Array<{ ok: boolean; error?: CallCenterValidationError }>;
      for (const result of results) {
        expect(result.ok).toBe(false);
        expect(result.error).toBeInstanceOf(CallCenterValidationError);
        expect(result.error?.reason).not.toBe('internal_error');
      }
      expect(errors).toHaveLength(2);
      expect(counterValue((await h.collectMetrics()).get('call_center.events.rejected'))).toBe(2);
      await h.shutdown();
      h = undefined;
      // And with no instrumentation enabled at all.
      const alone = call(CallCenter) as { ok: boolean };
      expect(alone.ok).toBe(false);
    });
  }

  it('survives an onInvalidEvent hook that throws such a proxy', () => {
    h = createHarness({
      onInvalidEvent: () => {
        throw bomb;
      },
    });
    expect(h.instrumentation.logIngestEvent('contact', {} as never).ok).toBe(false);
  });
});

describe('a revoked proxy as the event (found in review)', () => {
  it('is an unreadable event, refused and reported as such, not an internal error', () => {
    h = createHarness();
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const result = h.instrumentation.logIngestEvent('contact', proxy as never);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toBe('unreadable_event');
  });
});

describe('strict mode', () => {
  it('throws CallCenterValidationError for every event fault, hostile ones included, and emits nothing', () => {
    h = createHarness({ validation: 'strict' });
    const faults: Array<() => unknown> = [
      () => h!.instrumentation.logIngestEvent('contact', {} as never),
      () => h!.instrumentation.logIngestEvent('contact', minimalContact(), { timestamp: Date.now() * 1000 }),
      () => h!.instrumentation.logIngestEvent('contact', bomb as never),
      () => h!.instrumentation.logIngestEvent('contact', minimalContact(), bomb as never),
    ];
    for (const fault of faults) expect(fault).toThrow(CallCenterValidationError);
    expect(h.records()).toHaveLength(0);
    expect(h.instrumentation.logIngestEvent('contact', minimalContact())).toEqual({ ok: true });
  });
});
