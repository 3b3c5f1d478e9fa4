import { describe, expect, it } from 'vitest';
import { ShiftProgress } from '../../../examples/shift/progress.js';

/** Runs `total` events through a progress on a stream that records what it is given. */
function run(total: number, isTTY: boolean): string {
  const written: string[] = [];
  const progress = new ShiftProgress({ isTTY, write: (text: string) => written.push(text) }, total);
  const start = Date.parse('2026-01-05T08:00:00Z');
  for (let done = 1; done <= total; done++) progress.update(done, start + done * 60_000);
  return written.join('');
}

describe('the demo’s progress', () => {
  it('piped or redirected, says each quarter once, whatever the number of events', () => {
    for (const total of [1997, 1000, 250, 7]) {
      const lines = run(total, false).split('\n').filter(Boolean);
      const percents = lines.map((line) => Number(/^simulating: (\d+)% \(\d+\/\d+ events, simulated \d\d:\d\d UTC\)$/.exec(line)?.[1]));
      expect(
        percents.map((p) => Math.floor(p / 25)),
        `${total} events: ${lines.join(' | ')}`,
      ).toEqual([1, 2, 3, 4]);
    }
    expect(run(1997, false).split('\n').filter(Boolean)[0]).toBe('simulating: 25% (500/1997 events, simulated 16:20 UTC)');
  });

  it('with one event, says 100% once', () => {
    expect(run(1, false)).toBe('simulating: 100% (1/1 events, simulated 08:01 UTC)\n');
  });

  it('on a terminal, redraws one bar in place every 250 events and ends the line at 100%', () => {
    const text = run(1000, true);
    const frames = text.split('\r').filter(Boolean);
    expect(frames).toHaveLength(4);
    expect(frames.at(-1)).toBe(`${'█'.repeat(30)} 100%  simulated 00:40 UTC  1000/1000 events\n`);
  });
});
