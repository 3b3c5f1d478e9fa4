import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairMap } from '../src/pair-map.js';

describe('PairMap', () => {
  it('keeps pairs apart whatever characters their strings hold', () => {
    const map = new PairMap<number>();
    map.set('op-1', 'c1', 1);
    map.set('', 'op-1\u0000c1', 2);
    map.set('op-1\u0000', 'c1', 3);
    expect([map.get('op-1', 'c1'), map.get('', 'op-1\u0000c1'), map.get('op-1\u0000', 'c1'), map.size]).toEqual([1, 2, 3, 3]);
  });

  it('counts what it holds and forgets emptied operators', () => {
    const map = new PairMap<number>();
    map.set('a', 'x', 1);
    map.set('a', 'x', 2);
    map.set('a', 'y', 3);
    map.delete('a', 'x');
    map.delete('a', 'nope');
    expect([map.size, map.get('a', 'x'), map.get('a', 'y')]).toEqual([1, undefined, 3]);
    map.delete('a', 'y');
    expect(map.size).toBe(0);
    map.set('b', 'z', 4);
    map.clear();
    expect([map.size, map.get('b', 'z')]).toEqual([0, undefined]);
  });

  it('answers as a map of [a, b] keys would, whatever the order of gets, sets, deletes and clears', () => {
    const op = fc.oneof(
      fc.tuple(fc.constant('set'), fc.constantFrom('a', 'b', ''), fc.constantFrom('x', 'y'), fc.integer()),
      fc.tuple(fc.constant('get'), fc.constantFrom('a', 'b', ''), fc.constantFrom('x', 'y')),
      fc.tuple(fc.constant('delete'), fc.constantFrom('a', 'b', ''), fc.constantFrom('x', 'y')),
      fc.tuple(fc.constant('clear')),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const map = new PairMap<number>();
        const reference = new Map<string, number>();
        for (const [name, a = '', b = '', value = 0] of ops as Array<[string, string?, string?, number?]>) {
          const key = JSON.stringify([a, b]);
          if (name === 'set') {
            map.set(a, b, value);
            reference.set(key, value);
          } else if (name === 'delete') {
            map.delete(a, b);
            reference.delete(key);
          } else if (name === 'clear') {
            map.clear();
            reference.clear();
          }
          expect(map.get(a, b)).toBe(reference.get(key));
          expect(map.size).toBe(reference.size);
        }
      }),
    );
  });
});
