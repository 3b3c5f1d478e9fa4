import { describe, expect, it } from 'vitest';
import { META_LIMITS } from '../../src/index.js';
import { sanitizeMeta } from '../../src/ingest/meta.js';

describe('sanitizeMeta', () => {
  it('keeps JSON-like values as they are', () => {
    const meta = { a: 1, b: 'x', c: true, d: null, e: [1, 'two', { three: 3 }], f: { g: { h: 1.5 } } };
    expect(sanitizeMeta(meta)).toEqual(meta);
  });

  it('cuts cycles, keeps shared (non-cyclic) references', () => {
    const shared = { s: 1 };
    const meta: Record<string, unknown> = { left: shared, right: shared };
    meta.self = meta;
    expect(sanitizeMeta(meta)).toEqual({ left: { s: 1 }, right: { s: 1 }, self: '[Circular]' });
  });

  it('drops functions, symbols and undefined; arrays keep positions', () => {
    expect(sanitizeMeta({ f() {}, s: Symbol('x'), u: undefined, k: 1, arr: [() => 1, Symbol('y'), 2] })).toEqual({ k: 1, arr: [null, null, 2] });
    expect(sanitizeMeta(() => 1)).toBeUndefined();
  });

  it('turns BigInt, Date, NaN and Infinity into strings', () => {
    expect(sanitizeMeta({ big: 2n ** 70n, at: new Date('2025-01-01T00:00:00Z'), bad: new Date('x'), nan: NaN, inf: -Infinity })).toEqual({
      big: '1180591620717411303424',
      at: '2025-01-01T00:00:00.000Z',
      bad: 'Invalid Date',
      nan: 'NaN',
      inf: '-Infinity',
    });
  });

  it('replaces a throwing getter and a throwing proxy with a marker', () => {
    const meta = Object.defineProperty({ ok: 1 }, 'bad', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(sanitizeMeta(meta)).toEqual({ ok: 1, bad: '[Unreadable]' });
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no');
        },
      },
    );
    expect(sanitizeMeta({ p: proxy })).toEqual({ p: '[Unreadable]' });
  });

  it('bounds string length, depth, width and total size', () => {
    const long = 'x'.repeat(META_LIMITS.maxStringLength + 10);
    expect((sanitizeMeta(long) as string).length).toBeLessThan(META_LIMITS.maxStringLength + 20);

    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 50; i++) deep = { d: deep };
    expect(JSON.stringify(sanitizeMeta(deep))).toContain('[MaxDepth]');

    const wide = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(sanitizeMeta(wide) as object)).toHaveLength(META_LIMITS.maxEntries);

    const huge = Array.from({ length: 100 }, () => Array.from({ length: 100 }, (_, i) => i));
    const out = sanitizeMeta(huge) as number[][];
    expect(out.flat().length + out.length).toBeLessThanOrEqual(META_LIMITS.maxNodes);
  });

  it('keeps a "__proto__" key as data under another name, so no copy can touch a prototype', () => {
    const meta = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    const out = sanitizeMeta(meta) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out).toEqual({ '[__proto__]': { polluted: true }, a: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('maps Map, Set, Error and binary data to exportable values', () => {
    expect(sanitizeMeta({ m: new Map([['a', 1]]), s: new Set([1, 2]), e: new TypeError('bad'), b: new Uint8Array([1, 2]) })).toEqual({
      m: { a: 1 },
      s: [1, 2],
      e: { name: 'TypeError', message: 'bad' },
      b: '[2 bytes]',
    });
  });
});
