/**
 * Builds the values the fuzzer passes to `logIngestEvent` from plain-data
 * recipes. The recipes are what fast-check generates and shrinks (so a
 * counterexample prints short and replays from the seed); building is
 * deterministic (times are relative to the `now` it is given), and each
 * build makes fresh objects, so a getter that counts its reads starts from
 * zero for every caller.
 */
import { freeTextMarker } from './free-text-marker.ts';

/** What a throwing getter or proxy trap throws. */
export type ThrownRecipe =
  | { readonly kind: 'error' }
  /** A string holding free text: whatever reports the failure must not quote it into telemetry. */
  | { readonly kind: 'marker'; readonly n: number }
  /** A Proxy whose every trap throws it again: `instanceof`, `.name` and `String()` on it all throw. */
  | { readonly kind: 'rethrowing-proxy' }
  /** An Error whose `name` and `message` getters throw the rethrowing proxy. */
  | { readonly kind: 'error-with-throwing-name' }
  | { readonly kind: 'undefined' };

/** The proxy traps a hostile object may throw from. */
export const HOSTILE_TRAPS = ['get', 'ownKeys', 'getOwnPropertyDescriptor', 'has', 'getPrototypeOf'] as const;
export type HostileTrap = (typeof HOSTILE_TRAPS)[number];

/** An object wrapped in a Proxy whose `trap` throws from its `onCall`-th call on. */
export interface ProxyRecipe {
  readonly trap: HostileTrap;
  readonly onCall: number;
  readonly thrown: ThrownRecipe;
}

/** One read of a getter: a value, or a throw. Reads past the end of a script repeat its last step. */
export type ReadRecipe = { readonly return: ValueRecipe } | { readonly throw: ThrownRecipe };

export type FieldRecipe = { readonly name: string; readonly value: ValueRecipe } | { readonly name: string; readonly getter: readonly ReadRecipe[]; readonly enumerable: boolean };

export interface ObjectRecipe {
  readonly fields: readonly FieldRecipe[];
  readonly nullPrototype: boolean;
  readonly proxy?: ProxyRecipe;
}

/** A time, as a caller would pass it in `timestamp`: relative to now or to the epoch, in ms or (the usual mistake) µs. */
export interface TimeRecipe {
  readonly from: 'now' | 'epoch';
  readonly offsetMs: number;
  readonly unit: 'ms' | 'us';
  readonly as: 'number' | 'date';
}

export type ValueRecipe =
  | { readonly kind: 'plain'; readonly value: string | number | boolean | null | undefined }
  | { readonly kind: 'named'; readonly name: NamedValue }
  | { readonly kind: 'marker'; readonly n: number }
  | { readonly kind: 'time'; readonly time: TimeRecipe }
  | { readonly kind: 'object'; readonly object: ObjectRecipe };

const ONE_MB = 1 << 20;

/** Every trap a Proxy can have: the rethrowing proxy throws from all of them. */
const ALL_TRAPS = [
  'get',
  'set',
  'has',
  'deleteProperty',
  'ownKeys',
  'getOwnPropertyDescriptor',
  'defineProperty',
  'getPrototypeOf',
  'setPrototypeOf',
  'isExtensible',
  'preventExtensions',
  'apply',
  'construct',
] as const;

function createRethrowingProxy(): object {
  const handler: ProxyHandler<object> = {};
  const proxy: object = new Proxy({}, handler);
  for (const trap of ALL_TRAPS) {
    handler[trap] = () => {
      throw proxy;
    };
  }
  return proxy;
}

/** Stateless, so one serves every event. */
const RETHROWING_PROXY = createRethrowingProxy();

function throwingObject(): object {
  return Object.defineProperty({}, 'boom', {
    enumerable: true,
    get() {
      throw new Error('getter');
    },
  });
}

function cyclic(): object {
  const o: Record<string, unknown> = { a: 1 };
  o.self = o;
  return o;
}

/**
 * Constants by name: a counterexample prints `{ kind: 'named', name: 'huge-1mb' }`
 * rather than a megabyte. The huge strings are built once and shared, so a
 * million events cost a few megabytes, not a few terabytes. All of these are
 * stateless (nothing counts reads), so sharing them between builds is safe.
 */
const NAMED = {
  'nan': NaN,
  'infinity': Infinity,
  '-infinity': -Infinity,
  '-0': -0,
  '2^60': 2 ** 60,
  'empty-string': '',
  'true-string': 'true',
  'number-string': '12',
  'string-256': 'i'.repeat(256),
  'string-257': 'i'.repeat(257),
  'string-4096': 's'.repeat(4096),
  'string-4097': 's'.repeat(4097),
  'string-10k': 'x'.repeat(10_000),
  'huge-1mb': 'h'.repeat(ONE_MB),
  /** Free text of a megabyte, markers throughout: for sensitive fields only. */
  'huge-1mb-marked': `${freeTextMarker(0)} `.repeat(Math.ceil(ONE_MB / 20)),
  'lone-surrogate': 'c-\uD800',
  'nul-id': 'op-1\u0000c1',
  'empty-array': [],
  'empty-object': {},
  'mixed-array': [1, 'a'],
  'symbol': Symbol('s'),
  'bigint': 10n,
  'function': () => 1,
  'date-epoch': new Date(0),
  'date-invalid': new Date('invalid'),
  'rethrowing-proxy': RETHROWING_PROXY,
  'throwing-to-string': {
    toString() {
      throw new Error('toString');
    },
    valueOf() {
      throw new Error('valueOf');
    },
  },
  'meta-small': { source: 'fuzz', tags: ['a', 'b'] },
  'meta-cyclic': cyclic(),
  'meta-deep': JSON.parse(`${'{"a":'.repeat(50)}1${'}'.repeat(50)}`) as unknown,
  'meta-exotic': { big: 2n ** 80n, f: () => 1, s: Symbol('x'), d: new Date(0), u: undefined, n: NaN },
  'meta-throwing-getter': throwingObject(),
  'meta-ownkeys-proxy': new Proxy(
    {},
    {
      ownKeys() {
        throw new Error('trap');
      },
    },
  ),
  'meta-proto-json': JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  'meta-map-of-set': new Map([['k', new Set([1])]]),
  'meta-marked': { note: freeTextMarker(1), nested: { list: [freeTextMarker(2)] } },
  'meta-marked-key': { [freeTextMarker(3)]: 1 },
} satisfies Record<string, unknown>;

export type NamedValue = keyof typeof NAMED;
export const NAMED_VALUES = Object.keys(NAMED) as NamedValue[];

/** An Error without a stack: capturing one per throw was a tenth of the fuzzer's own time, and nobody reads it. */
function stacklessError(): Error {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new Error('hostile getter');
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export function thrownValue(recipe: ThrownRecipe): unknown {
  switch (recipe.kind) {
    case 'error':
      return stacklessError();
    case 'marker':
      return freeTextMarker(recipe.n);
    case 'rethrowing-proxy':
      return RETHROWING_PROXY;
    case 'error-with-throwing-name': {
      const error = stacklessError();
      const rethrow = {
        get: () => {
          throw RETHROWING_PROXY;
        },
      };
      Object.defineProperty(error, 'name', rethrow);
      Object.defineProperty(error, 'message', rethrow);
      return error;
    }
    case 'undefined':
      return undefined;
  }
}

function timeValue(time: TimeRecipe, nowMs: number): number | Date {
  const ms = (time.from === 'now' ? nowMs : 0) + time.offsetMs;
  const value = time.unit === 'us' ? ms * 1000 : ms;
  return time.as === 'date' ? new Date(value) : value;
}

/** A fresh value for a recipe: new getters and proxies with their own call counts; times relative to `nowMs`. */
export function buildValue(recipe: ValueRecipe, nowMs: number): unknown {
  switch (recipe.kind) {
    case 'plain':
      return recipe.value;
    case 'named':
      return NAMED[recipe.name];
    case 'marker':
      return freeTextMarker(recipe.n);
    case 'time':
      return timeValue(recipe.time, nowMs);
    case 'object':
      return buildObject(recipe.object, nowMs);
  }
}

function defineGetter(target: object, name: string, script: readonly ReadRecipe[], enumerable: boolean, nowMs: number): void {
  let reads = 0;
  Object.defineProperty(target, name, {
    enumerable,
    configurable: true,
    get() {
      const step = script[Math.min(reads++, script.length - 1)]!;
      if ('throw' in step) throw thrownValue(step.throw);
      return buildValue(step.return, nowMs);
    },
  });
}

function hostileProxy<T extends object>(target: T, { trap, onCall, thrown }: ProxyRecipe): T {
  let calls = 0;
  const reflect = Reflect[trap] as (...args: unknown[]) => unknown;
  const handler: ProxyHandler<T> = {
    [trap]: (...args: unknown[]) => {
      if (++calls >= onCall) throw thrownValue(thrown);
      return reflect(...args);
    },
  };
  return new Proxy(target, handler);
}

function buildObject(recipe: ObjectRecipe, nowMs: number): object {
  const target: Record<string, unknown> = recipe.nullPrototype ? Object.create(null) : {};
  for (const field of recipe.fields) {
    if ('getter' in field) defineGetter(target, field.name, field.getter, field.enumerable, nowMs);
    // Assigning `__proto__` would set the prototype: define it as an own field instead, as JSON.parse does.
    else if (field.name === '__proto__') {
      Object.defineProperty(target, field.name, { value: buildValue(field.value, nowMs), enumerable: true, writable: true, configurable: true });
    } else target[field.name] = buildValue(field.value, nowMs);
  }
  return recipe.proxy ? hostileProxy(target, recipe.proxy) : target;
}
