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
});
