import { describe, expect, it } from 'vitest';
import { RECENTLY_ENDED_MAX, RecentlyEnded } from '../../src/lifecycle/recently-ended.js';

const ctx = (n: number) => ({ traceId: n.toString(16).padStart(32, '0'), spanId: n.toString(16).padStart(16, '0'), traceFlags: 1 });

describe('RecentlyEnded', () => {
  it('keeps the span ids of the last contacts ended, forgetting the oldest first', () => {
    const recent = new RecentlyEnded();
    for (let i = 0; i <= RECENTLY_ENDED_MAX; i++) recent.remember('op', `c${i}`, ctx(i + 1), 0);
    expect(recent.get('op', 'c0')).toBeUndefined();
    expect(recent.get('op', 'c1')).toEqual(ctx(2));
    expect(recent.get('op', `c${RECENTLY_ENDED_MAX}`)).toEqual(ctx(RECENTLY_ENDED_MAX + 1));
  });

  it('counts a contact remembered again from its latest end', () => {
    const recent = new RecentlyEnded();
    recent.remember('op', 'again', ctx(1), 0);
    for (let i = 0; i < RECENTLY_ENDED_MAX - 1; i++) recent.remember('op', `c${i}`, ctx(i + 2), 0);
    recent.remember('op', 'again', ctx(9999), 0);
    // The slot of its first end is reused now; the later one still holds it.
    recent.remember('op', 'one-more', ctx(5), 0);
    expect(recent.get('op', 'again')).toEqual(ctx(9999));
  });

  it('keeps only the three ids, not the span context object it was given', () => {
    const recent = new RecentlyEnded();
    recent.remember('', 'c', { ...ctx(3), isRemote: false, traceState: undefined }, 0);
    expect(recent.get('', 'c')).toEqual(ctx(3));
  });
});
