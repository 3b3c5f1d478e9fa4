/**
 * fast-check arbitraries of fuzz cases: valid events of every type, then
 * mutated (fields deleted, replaced by hostile values, turned into getters
 * that throw or change between reads, free-text markers planted), wrapped in
 * throwing proxies, with hostile event types and per-call options. Every
 * random choice is made here, by fast-check, from its seed: a case is plain
 * data (see hostile-values.ts), so it shrinks, prints short and replays.
 */
import fc from 'fast-check';
import { ALL_FIELDS, REQUIRED_FIELDS } from './contract-fields.ts';
import { freeTextMarker } from './free-text-marker.ts';
import {
  HOSTILE_TRAPS,
  NAMED_VALUES,
  type FieldRecipe,
  type NamedValue,
  type ObjectRecipe,
  type ProxyRecipe,
  type ReadRecipe,
  type ThrownRecipe,
  type ValueRecipe,
} from './hostile-values.ts';

type Enum = Readonly<Record<string, string>>;

/**
 * The package's public enums. Injected rather than imported: the unit suite
 * fuzzes `src/`, the fuzz script the built package, and either passes its own.
 */
export interface FuzzEnums {
  readonly CallCenterEventType: Enum & { readonly Break: string; readonly Contact: string; readonly OpsScorecard: string };
  readonly CallCenterAction: Enum & {
    readonly View: string;
    readonly Start: string;
    readonly End: string;
    readonly Pause: string;
    readonly Resume: string;
    readonly Other: string;
  };
  readonly BreakType: Enum;
  readonly ContactType: Enum;
  readonly ContactChannel: Enum;
}

/** One call of `logIngestEvent`, as data. */
export interface FuzzCase {
  /** Through the `CallCenter` facade or the instance's own method. */
  readonly via: 'facade' | 'instance';
  readonly type: ValueRecipe;
  readonly event: ValueRecipe;
  /** Absent: the call has two arguments. */
  readonly options?: ValueRecipe;
}

type EventKind = 'break' | 'contact' | 'ops_scorecard';

/** How a field is turned into a getter: throw from the n-th read on, or return a marker from the n-th read on. */
const GETTER_SCRIPTS = ['throw@1', 'throw@2', 'throw@3', 'marker@2', 'marker@3'] as const;
type GetterScript = (typeof GETTER_SCRIPTS)[number];

type Mutation =
  | { readonly op: 'delete'; readonly field: string }
  | { readonly op: 'set'; readonly field: string; readonly value: ValueRecipe }
  | {
      readonly op: 'getter';
      readonly field: string;
      readonly script: GetterScript;
      readonly thrown: ThrownRecipe;
      readonly marker: number;
      readonly enumerable: boolean;
    };

/**
 * Fields where a marker is never exported under the default privacy policy:
 * sensitive ones (dropped), and ones where any string is invalid (enums,
 * numbers, booleans, the start time), so the event is rejected. A marker
 * anywhere else (a sub type, an operator name) would be exported, and rightly.
 */
const SENSITIVE_FIELDS: Readonly<Record<EventKind, readonly string[]>> = {
  break: ['meta'],
  contact: [
    'contact_summary',
    'contact_remarks',
    'transfer_summary',
    'transfer_remarks',
    'contact_customer_id',
    'contact_phone_id',
    'contact_extension',
    'contact_incident_id',
    'meta',
  ],
  ops_scorecard: ['remarks', 'meta'],
};
const NO_STRING_FIELDS: Readonly<Record<EventKind, readonly string[]>> = {
  break: ['type', 'action', 'total_time', 'consumed_time'],
  contact: ['action', 'contact_type', 'contact_channel', 'contact_start_time', 'contact_is_valid', 'contact_is_transfer', 'contact_duration', 'contact_is_priority'],
  ops_scorecard: ['audit_count', 'quality_score', 'fatal_calls', 'fatal_score'],
};
/** Where a getter that changes between reads does most harm: what keys lifecycle, metrics and the log body. */
const GETTER_TARGETS: Readonly<Record<EventKind, readonly string[]>> = {
  break: ['type', 'action'],
  contact: ['action', 'contact_channel', 'contact_type', 'contact_id'],
  ops_scorecard: ['performance_group'],
};
/** Field names no event type knows: ignored, never exported (a marker among them must not leak either). */
const UNKNOWN_FIELDS = ['unknown_field', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'f'.repeat(100)];

const plain = (value: string | number | boolean | null | undefined): ValueRecipe => ({ kind: 'plain', value });
const named = (name: NamedValue): ValueRecipe => ({ kind: 'named', name });
const weighted = <T>(...pairs: Array<[number, fc.Arbitrary<T>]>): fc.Arbitrary<T> => fc.oneof(...pairs.map(([weight, arbitrary]) => ({ weight, arbitrary })));

const markerNumber = fc.nat({ max: 9999 });
const marker: fc.Arbitrary<ValueRecipe> = markerNumber.map((n) => ({ kind: 'marker', n }));
/** Free text with a marker in it: only ever put where the default policy drops it or validation refuses it. */
const markedText: fc.Arbitrary<ValueRecipe> = weighted([9, marker], [1, fc.constant(named('huge-1mb-marked'))]);
const text = fc.string({ maxLength: 12 }).map(plain);
const sensitiveText = weighted([6, markedText], [4, text]);
/** Durations in seconds: mostly in range (0 to 31 days), sometimes just past it, negative or absurd. */
const seconds = weighted([8, fc.double({ min: 0, max: 86_400, noNaN: true }).map(plain)], [2, fc.constantFrom(0, 2_678_399, 2_678_401, -0.5, 1e12).map(plain)]);
const startTime = fc
  .constantFrom(
    '2025-01-01T12:00:27.87+02:00',
    '2025-06-30T23:59:59Z',
    '1970-01-01T00:00:01Z',
    // Outside 1970 .. now + skew, or not a date-time at all: refused.
    '2999-01-01T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '1969-12-31T23:59:59Z',
    '2025-02-30T00:00:00Z',
    '2025-01-01T00:00:00',
  )
  .map(plain);
const meta: fc.Arbitrary<ValueRecipe> = fc
  .constantFrom<NamedValue>(
    'meta-small',
    'meta-marked',
    'meta-marked-key',
    'meta-cyclic',
    'meta-deep',
    'meta-exotic',
    'meta-throwing-getter',
    'meta-ownkeys-proxy',
    'meta-proto-json',
    'meta-map-of-set',
    'huge-1mb-marked',
  )
  .map(named);
/** Identifiers that are not plainly valid: empty, at and past the 256 limit, NUL inside, a lone surrogate. */
const oddId = fc.constantFrom<NamedValue>('empty-string', 'string-256', 'string-257', 'nul-id', 'lone-surrogate').map(named);

const thrown: fc.Arbitrary<ThrownRecipe> = weighted<ThrownRecipe>(
  [2, fc.constant({ kind: 'error' })],
  [1, markerNumber.map((n) => ({ kind: 'marker', n }))],
  [3, fc.constant({ kind: 'rethrowing-proxy' })],
  [2, fc.constant({ kind: 'error-with-throwing-name' })],
  [1, fc.constant({ kind: 'undefined' })],
);
const proxy: fc.Arbitrary<ProxyRecipe> = fc.record({
  trap: fc.constantFrom(...HOSTILE_TRAPS),
  onCall: fc.constantFrom(1, 2, 3, 5, 10, 20, 30),
  thrown,
});
/** Mostly no proxy: an event must be readable often enough to reach mapping, lifecycle and export. */
const maybeProxy = weighted<ProxyRecipe | undefined>([9, fc.constant(undefined)], [1, proxy]);
const nullPrototype = weighted([9, fc.constant(false)], [1, fc.constant(true)]);
const hostileValue = weighted<ValueRecipe>(
  [6, fc.constantFrom(...NAMED_VALUES.filter((n) => n !== 'huge-1mb-marked')).map(named)],
  [2, fc.constantFrom<string | number | boolean | null | undefined>(undefined, null, 1.5, true, 'lunch', 0).map(plain)],
);

function objectRecipe(fields: readonly FieldRecipe[], extra: { nullPrototype: boolean; proxy: ProxyRecipe | undefined }): ValueRecipe {
  const object: ObjectRecipe = extra.proxy ? { fields, nullPrototype: extra.nullPrototype, proxy: extra.proxy } : { fields, nullPrototype: extra.nullPrototype };
  return { kind: 'object', object };
}

/** A getter's reads: the field's previous value first, then a throw or a marker. */
function getterScript(m: Extract<Mutation, { op: 'getter' }>, first: ValueRecipe): ReadRecipe[] {
  const value: ReadRecipe = { return: first };
  const fail: ReadRecipe = { throw: m.thrown };
  const later: ReadRecipe = { return: { kind: 'marker', n: m.marker } };
  switch (m.script) {
    case 'throw@1':
      return [fail];
    case 'throw@2':
      return [value, fail];
    case 'throw@3':
      return [value, value, fail];
    case 'marker@2':
      return [value, later];
    case 'marker@3':
      return [value, value, later];
  }
}

function applyMutations(base: Readonly<Record<string, ValueRecipe>>, mutations: readonly Mutation[]): FieldRecipe[] {
  const fields = new Map<string, FieldRecipe>(Object.entries(base).map(([name, value]) => [name, { name, value }]));
  for (const m of mutations) {
    if (m.op === 'delete') fields.delete(m.field);
    else if (m.op === 'set') fields.set(m.field, { name: m.field, value: m.value });
    else {
      const previous = fields.get(m.field);
      const first = previous && 'value' in previous ? previous.value : plain(undefined);
      fields.set(m.field, { name: m.field, getter: getterScript(m, first), enumerable: m.enumerable });
    }
  }
  return [...fields.values()];
}

export function fuzzCaseArbitrary(enums: FuzzEnums): fc.Arbitrary<FuzzCase> {
  const { CallCenterAction: A, CallCenterEventType: T } = enums;
  const values = (e: Enum) => Object.values(e);
  const eventTypes: Record<EventKind, string> = { break: T.Break, contact: T.Contact, ops_scorecard: T.OpsScorecard };
  const breakActions = [A.View, A.Start, A.End, A.Pause, A.Resume, A.Other];

  const bases: Record<EventKind, fc.Arbitrary<Record<string, ValueRecipe>>> = {
    break: fc.record(
      {
        type: fc.constantFrom(...values(enums.BreakType)).map(plain),
        action: fc.constantFrom(...breakActions).map(plain),
        total_time: seconds,
        consumed_time: seconds,
        sub_type: text,
        meta,
      },
      { requiredKeys: [...REQUIRED_FIELDS.break] },
    ),
    contact: fc.record(
      {
        contact_id: fc.constantFrom('c1', 'c2', 'c3', 'c4').map(plain),
        action: fc.constantFrom(...values(A)).map(plain),
        contact_type: fc.constantFrom(...values(enums.ContactType)).map(plain),
        contact_channel: fc.constantFrom(...values(enums.ContactChannel)).map(plain),
        transfer_id: text,
        contact_sub_type: weighted([9, text], [1, fc.constantFrom<NamedValue>('huge-1mb', 'string-4096', 'string-4097').map(named)]),
        contact_start_time: startTime,
        contact_is_valid: fc.boolean().map(plain),
        contact_is_transfer: fc.boolean().map(plain),
        contact_incident_id: sensitiveText,
        contact_customer_id: sensitiveText,
        contact_customer_type: text,
        contact_phone_id: sensitiveText,
        contact_extension: sensitiveText,
        contact_duration: seconds,
        contact_resolution: text,
        contact_summary: sensitiveText,
        contact_remarks: sensitiveText,
        contact_is_priority: fc.boolean().map(plain),
        transfer_destination: text,
        transfer_summary: sensitiveText,
        transfer_remarks: sensitiveText,
        meta,
      },
      { requiredKeys: [...REQUIRED_FIELDS.contact] },
    ),
    ops_scorecard: fc.record(
      {
        audit_count: fc.integer({ min: -5, max: 500 }).map(plain),
        performance_group: weighted([3, fc.constantFrom('low', 'moderate', 'high').map(plain)], [1, text]),
        quality_score: fc.double({ min: 0, max: 100, noNaN: true }).map(plain),
        fatal_calls: fc.nat({ max: 50 }).map(plain),
        fatal_score: fc.double({ min: 0, max: 100, noNaN: true }).map(plain),
        remarks: sensitiveText,
        meta,
      },
      { requiredKeys: [...REQUIRED_FIELDS.ops_scorecard] },
    ),
  };

  const mutation = (kind: EventKind): fc.Arbitrary<Mutation> =>
    weighted<Mutation>(
      [1, fc.constantFrom(...ALL_FIELDS).map((field) => ({ op: 'delete', field }))],
      [2, fc.record({ op: fc.constant('set'), field: fc.constantFrom(...ALL_FIELDS), value: hostileValue })],
      [
        3,
        fc.record({
          op: fc.constant('set'),
          field: fc.constantFrom(...SENSITIVE_FIELDS[kind], ...NO_STRING_FIELDS[kind], ...UNKNOWN_FIELDS),
          value: markedText,
        }),
      ],
      [1, fc.record({ op: fc.constant('set'), field: markerNumber.map(freeTextMarker), value: hostileValue })],
      [
        3,
        fc.record({
          op: fc.constant('getter'),
          field: weighted([3, fc.constantFrom(...GETTER_TARGETS[kind])], [1, fc.constantFrom(...ALL_FIELDS)]),
          script: fc.constantFrom(...GETTER_SCRIPTS),
          thrown,
          marker: markerNumber,
          enumerable: weighted([9, fc.constant(true)], [1, fc.constant(false)]),
        }),
      ],
    );

  const objectEvent = (kind: EventKind): fc.Arbitrary<ValueRecipe> =>
    fc
      .record({ base: bases[kind], mutations: fc.array(mutation(kind), { maxLength: 3 }), nullPrototype, proxy: maybeProxy })
      .map(({ base, mutations, ...extra }) => objectRecipe(applyMutations(base, mutations), extra));
  const notAnObject = weighted<ValueRecipe>(
    [1, fc.constantFrom<NamedValue>('rethrowing-proxy', 'empty-array', 'mixed-array', 'function', 'symbol', 'string-10k').map(named)],
    [1, fc.constantFrom<string | number | boolean | null | undefined>(null, undefined, 'contact', 42).map(plain)],
  );
  const event = (kind: EventKind) => weighted([19, objectEvent(kind)], [1, notAnObject]);

  const eventType = (kind: EventKind) =>
    weighted<ValueRecipe>(
      [17, fc.constant(plain(eventTypes[kind]))],
      [2, fc.constantFrom(...Object.values(eventTypes)).map(plain)],
      [1, weighted([2, hostileValue], [1, marker], [1, fc.constant(plain('lunch'))])],
    );

  // The operator: its id and name may be getters that throw or turn into free text after the first read.
  const operatorField = (name: string, valid: fc.Arbitrary<ValueRecipe>) =>
    weighted<FieldRecipe>(
      [8, valid.map((value) => ({ name, value }))],
      [
        2,
        fc.record({ first: valid, script: fc.constantFrom(...GETTER_SCRIPTS), thrown, marker: markerNumber }).map(({ first, ...m }) => ({
          name,
          getter: getterScript({ op: 'getter', field: name, enumerable: true, ...m }, first),
          enumerable: true,
        })),
      ],
    );
  const operatorId = weighted<ValueRecipe>([9, fc.constantFrom('op-1', 'op-2', 'op-3').map(plain)], [1, weighted<ValueRecipe>([3, oddId], [1, hostileValue])]);
  const operatorObject = fc
    .record(
      {
        id: operatorField('id', operatorId),
        name: operatorField('name', fc.constantFrom('Asha', 'Ravi').map(plain)),
        team: fc.constantFrom('night', 'day').map((team): FieldRecipe => ({ name: 'team', value: plain(team) })),
        nullPrototype,
        proxy: maybeProxy,
      },
      { requiredKeys: ['id', 'nullPrototype', 'proxy'] },
    )
    .map(({ nullPrototype, proxy, ...fields }) => objectRecipe(Object.values(fields), { nullPrototype, proxy }));
  const operator = weighted<ValueRecipe>([9, operatorObject], [1, hostileValue]);

  const DAY_MS = 86_400_000;
  const timestamp = weighted<ValueRecipe>(
    [
      10,
      fc
        .record({
          from: fc.constant('now' as const),
          offsetMs: fc.integer({ min: -DAY_MS, max: 60_000 }),
          unit: fc.constant('ms' as const),
          as: fc.constantFrom('number' as const, 'date' as const),
        })
        .map((time) => ({ kind: 'time', time })),
    ],
    // Microseconds (the usual client mistake), far future, past the clock skew, around the epoch.
    [
      5,
      fc
        .constantFrom(
          { from: 'now', offsetMs: 0, unit: 'us' },
          { from: 'now', offsetMs: 10 * 365 * DAY_MS, unit: 'ms' },
          { from: 'now', offsetMs: 3_600_000, unit: 'ms' },
          { from: 'epoch', offsetMs: 1000, unit: 'ms' },
          { from: 'epoch', offsetMs: -1000, unit: 'ms' },
        )
        .chain((t) => fc.constantFrom('number' as const, 'date' as const).map((as) => ({ kind: 'time' as const, time: { ...t, as } as const }))),
    ],
    [1, fc.constantFrom<NamedValue>('nan', 'infinity', 'date-invalid', 'number-string', 'rethrowing-proxy').map(named)],
  );
  const optionsObject = fc
    .record(
      {
        operator: operator.map((value): FieldRecipe => ({ name: 'operator', value })),
        timestamp: timestamp.map((value): FieldRecipe => ({ name: 'timestamp', value })),
        nullPrototype,
        proxy: maybeProxy,
      },
      { requiredKeys: ['nullPrototype', 'proxy'] },
    )
    .map(({ nullPrototype, proxy, ...fields }) => objectRecipe(Object.values(fields), { nullPrototype, proxy }));
  const options = weighted<ValueRecipe | undefined>(
    [3, fc.constant(undefined)],
    [6, optionsObject],
    [1, weighted<ValueRecipe>([1, fc.constantFrom<NamedValue>('rethrowing-proxy', 'empty-array', 'function').map(named)], [1, fc.constantFrom('options', 7, null).map(plain)])],
  );

  const caseOf = (kind: EventKind): fc.Arbitrary<FuzzCase> =>
    fc
      .record({ via: fc.constantFrom('facade' as const, 'instance' as const), type: eventType(kind), event: event(kind), options })
      .map(({ options, ...rest }) => (options === undefined ? rest : { ...rest, options }));

  return weighted([6, caseOf('contact')], [3, caseOf('break')], [2, caseOf('ops_scorecard')]);
}
