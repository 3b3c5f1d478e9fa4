import { afterEach, describe, expect, it } from 'vitest';
import { CallCenter, CallCenterValidationError, type CallCenterEventMap } from '../src/index.js';
import { drainFacade } from './helpers/facade.js';
import { fullBreak, fullContact, minimalContact } from './helpers/events.js';
import { createHarness, type Harness } from './helpers/otel.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.shutdown();
  h = undefined;
  // What a test logged through the facade with no instance enabled must not reach the next test's.
  drainFacade();
});

const throwingProxy = new Proxy(
  {},
  {
    get() {
      throw new Error('get trap');
    },
    ownKeys() {
      throw new Error('ownKeys trap');
    },
    has() {
      throw new Error('has trap');
    },
    getOwnPropertyDescriptor() {
      throw new Error('gopd trap');
    },
  },
);

const throwingGetter = Object.defineProperty({ ...minimalContact() }, 'contact_id', {
  enumerable: true,
  get() {
    throw new Error('getter');
  },
});

const hostile: Array<[string, unknown, unknown]> = [
  ['null event', 'contact', null],
  ['undefined event', 'contact', undefined],
  ['string event', 'contact', 'attend'],
  ['number event', 'break', 42],
  ['array event', 'break', [fullBreak()]],
  ['function event', 'break', () => fullBreak()],
  ['proxy whose traps throw', 'contact', throwingProxy],
  ['throwing getter', 'contact', throwingGetter],
  ['unknown event type', 'lunch', fullBreak()],
  ['null event type', null, fullBreak()],
  ['symbol event type', Symbol('contact'), fullContact()],
  ['object event type', { toString: () => 'contact' }, fullContact()],
  [
    'event type whose toString throws',
    {
      toString: () => {
        throw new Error('x');
      },
    },
    fullContact(),
  ],
  [
    'cyclic meta',
    'contact',
    (() => {
      const m: Record<string, unknown> = {};
      m.self = m;
      return { ...minimalContact(), meta: m };
    })(),
  ],
  ['BigInt field', 'ops_scorecard', { audit_count: 10n, performance_group: 'x' }],
  ['proxy options', 'contact', minimalContact()],
];

describe('report mode never throws into the host', () => {
  for (const [name, type, event] of hostile) {
    it(`survives ${name}`, () => {
      h = createHarness();
      const options = name === 'proxy options' ? throwingProxy : undefined;
      const call = () => h!.instrumentation.logIngestEvent(type as never, event as never, options as never);
      expect(call).not.toThrow();
      const result = call();
      if (name === 'cyclic meta') {
        expect(result).toEqual({ ok: true });
      } else {
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error).toBeInstanceOf(CallCenterValidationError);
          expect(result.error.issues.length).toBeGreaterThan(0);
        }
      }
    });
  }

  it('survives options that are not an object, or carry a bad operator or timestamp', () => {
    h = createHarness();
    const badOptions = ['x', 5, { operator: 'op' }, { operator: { id: '' } }, { operator: { id: 'a', team: 3 } }, { timestamp: 'now' }, { timestamp: NaN }];
    for (const options of badOptions) {
      const result = h.instrumentation.logIngestEvent('contact', minimalContact(), options as never);
      expect(result.ok).toBe(false);
    }
    expect(h.records()).toHaveLength(0);
  });

  it('also never throws through the facade before any instrumentation exists', () => {
    for (const [, type, event] of hostile) {
      expect(() => CallCenter.logIngestEvent(type as keyof CallCenterEventMap, event as never)).not.toThrow();
    }
  });
});

describe('strict mode', () => {
  it('throws CallCenterValidationError for an invalid event and emits nothing', () => {
    h = createHarness({ validation: 'strict' });
    expect(() => h!.instrumentation.logIngestEvent('contact', { ...minimalContact(), action: 'fly' } as never)).toThrow(CallCenterValidationError);
    for (const [, type, event] of hostile.filter(([n]) => n !== 'cyclic meta' && n !== 'proxy options')) {
      let thrown: unknown;
      try {
        h.instrumentation.logIngestEvent(type as never, event as never);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(CallCenterValidationError);
    }
    expect(h.records()).toHaveLength(0);
  });

  it('does not throw for a valid event', () => {
    h = createHarness({ validation: 'strict' });
    expect(h.instrumentation.logIngestEvent('contact', minimalContact())).toEqual({ ok: true });
    expect(h.records()).toHaveLength(1);
  });
});

describe("config errors are the integrator's, found at construction", () => {
  it('refuses an operator without id and an unknown validation mode', () => {
    expect(() => createHarness({ operator: { id: '' } })).toThrow(/operator\.id/);
    expect(() => createHarness({ validation: 'loose' as never })).toThrow(/'report' or 'strict'/);
  });
});
