import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { containsMarker } from './free-text-marker.ts';
import { fuzzCaseArbitrary, type FuzzCase } from './fuzz-generators.ts';
import { buildValue, type ObjectRecipe, type ThrownRecipe, type ValueRecipe } from './hostile-values.ts';

const NOW = Date.UTC(2026, 0, 1);
const cases = fuzzCaseArbitrary(api);

/** What reading a value's own fields four times each gives, as text: what an instrumentation would see. */
function transcript(value: unknown): string[] {
  const out: string[] = [];
  const attempt = (what: string, read: () => unknown) => {
    try {
      const v = read();
      out.push(`${what} = ${typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : typeof v}`);
    } catch (thrown) {
      out.push(`${what} threw ${thrown === undefined ? 'undefined' : typeof thrown}`);
    }
  };
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return [typeof value];
  let keys: Array<string | symbol> = [];
  attempt('keys', () => (keys = Reflect.ownKeys(value)));
  for (const key of keys) for (let read = 1; read <= 4; read++) attempt(`${String(key)}#${read}`, () => (value as Record<string | symbol, unknown>)[key]);
  return out;
}

/** Every tag a case carries: which hostile features it exercises, and where. */
function tags(c: FuzzCase): Set<string> {
  const found = new Set<string>([`via ${c.via}`]);
  const thrown = (t: ThrownRecipe) => found.add(`throws ${t.kind}`);
  const value = (v: ValueRecipe, where: string): void => {
    if (v.kind === 'time') {
      if (v.time.unit === 'us') found.add('timestamp in microseconds');
      if (v.time.offsetMs >= 10 * 365 * 86_400_000) found.add('timestamp ten years ahead');
    } else if (v.kind === 'named' && v.name.startsWith('huge-')) found.add(`${where} ${v.name}`);
    else if (v.kind === 'marker' || (v.kind === 'named' && v.name === 'meta-marked')) found.add(`${where} marker`);
    else if (v.kind === 'object') object(v.object, where);
  };
  const object = (o: ObjectRecipe, where: string): void => {
    if (o.proxy) {
      found.add(`${where} proxy ${o.proxy.trap}`);
      thrown(o.proxy.thrown);
    }
    for (const field of o.fields) {
      const at = `${where}.${field.name}`;
      if (!('getter' in field)) {
        value(field.value, at);
        continue;
      }
      const [first, second, third] = field.getter;
      if (first && 'throw' in first) found.add(`${at} getter throws on read 1`);
      if (third && 'throw' in third) found.add(`${at} getter throws on read 3`);
      if (second && 'return' in second && second.return.kind === 'marker') found.add(`${at} getter turns into a marker`);
      for (const step of field.getter) if ('throw' in step) thrown(step.throw);
    }
  };
  value(c.event, 'event');
  if (c.options) value(c.options, 'options');
  return found;
}

describe('fuzz case generators', () => {
  it('draw every choice from the seed: the same seed gives the same cases, another seed others', () => {
    const sample = (seed: number) => fc.sample(cases, { seed, numRuns: 300 }).map((c) => fc.stringify(c));
    expect(sample(42)).toEqual(sample(42));
    expect(sample(43)).not.toEqual(sample(42));
  });

  it('build fresh objects: two builds of a case read alike, read for read, whatever was read of the other', () => {
    for (const c of fc.sample(cases, { seed: 7, numRuns: 2000 })) {
      const build = () => ({ event: buildValue(c.event, NOW), options: c.options && buildValue(c.options, NOW) });
      const first = build();
      const firstReads = [transcript(first.event), transcript(first.options)];
      const second = build();
      expect([transcript(second.event), transcript(second.options)], fc.stringify(c)).toEqual(firstReads);
    }
  });

  it('cover every kind of hostile input the fuzz is for', () => {
    const seen = new Set<string>();
    for (const c of fc.sample(cases, { seed: 11, numRuns: 5000 })) for (const tag of tags(c)) seen.add(tag);
    const expected = [
      'via facade',
      'via instance',
      'throws error',
      'throws marker',
      'throws rethrowing-proxy',
      'throws error-with-throwing-name',
      'throws undefined',
      ...['get', 'ownKeys', 'getOwnPropertyDescriptor', 'has', 'getPrototypeOf'].flatMap((trap) => [
        `event proxy ${trap}`,
        `options proxy ${trap}`,
        `options.operator proxy ${trap}`,
      ]),
      ...['action', 'contact_channel', 'contact_type', 'contact_id', 'type', 'performance_group'].flatMap((field) => [
        `event.${field} getter throws on read 1`,
        `event.${field} getter throws on read 3`,
        `event.${field} getter turns into a marker`,
      ]),
      ...['id', 'name'].flatMap((field) => [`options.operator.${field} getter throws on read 3`, `options.operator.${field} getter turns into a marker`]),
      ...[
        'contact_summary',
        'contact_remarks',
        'transfer_summary',
        'transfer_remarks',
        'remarks',
        'contact_customer_id',
        'contact_phone_id',
        'contact_extension',
        'contact_incident_id',
        'meta',
      ].map((field) => `event.${field} marker`),
      'event.contact_sub_type huge-1mb',
      'event.contact_summary huge-1mb-marked',
      'timestamp in microseconds',
      'timestamp ten years ahead',
    ];
    expect(expected.filter((tag) => !seen.has(tag))).toEqual([]);
  });

  it('make a rethrowing proxy that throws itself again from instanceof, .name and String()', () => {
    const thrown = (() => {
      const getter: ValueRecipe = {
        kind: 'object',
        object: { fields: [{ name: 'action', getter: [{ throw: { kind: 'rethrowing-proxy' } }], enumerable: true }], nullPrototype: false },
      };
      try {
        return (buildValue(getter, NOW) as { action: unknown }).action;
      } catch (error) {
        return error;
      }
    })();
    expect(typeof thrown).toBe('object');
    for (const inspect of [() => thrown instanceof Error, () => (thrown as Error).name, () => String(thrown), () => Object.keys(thrown as object)]) {
      let again: unknown;
      try {
        inspect();
      } catch (error) {
        again = error;
      }
      expect(again).toBe(thrown);
    }
  });

  it('make getters that read valid first and free text, or a throw, later', () => {
    const event = buildValue(
      {
        kind: 'object',
        object: {
          nullPrototype: false,
          fields: [
            { name: 'action', enumerable: true, getter: [{ return: { kind: 'plain', value: 'attend' } }, { return: { kind: 'marker', n: 5 } }] },
            {
              name: 'contact_id',
              enumerable: true,
              getter: [{ return: { kind: 'plain', value: 'c1' } }, { return: { kind: 'plain', value: 'c1' } }, { throw: { kind: 'error' } }],
            },
          ],
        },
      },
      NOW,
    ) as { action: string; contact_id: string };
    expect(event.action).toBe('attend');
    expect(containsMarker(event.action)).toBe(true);
    expect([event.contact_id, event.contact_id]).toEqual(['c1', 'c1']);
    expect(() => event.contact_id).toThrow('hostile getter');
  });
});
