import { describe, expect, it } from 'vitest';
import { operatorId, operatorName, simulateShift } from '../../../examples/shift/model.js';

describe('the simulated operators', () => {
  it('never share a name, up to the 500 the demo allows', () => {
    const names = Array.from({ length: 500 }, (_, i) => operatorName(i));
    expect(new Set(names).size).toBe(500);
    expect(names.slice(0, 3)).toEqual(['Asha', 'Ravi', 'Mei']);
    expect(names[16]).not.toBe('Asha');
    expect(names).toContain('Asha 2');
  });

  it('have ids that sort in their order, however many there are', () => {
    expect([operatorId(0, 12), operatorId(11, 12)]).toEqual(['op-01', 'op-12']);
    const ids = Array.from({ length: 500 }, (_, i) => operatorId(i, 500));
    expect(ids.slice(0, 2)).toEqual(['op-001', 'op-002']);
    expect([...ids].sort()).toEqual(ids);
  });

  it('in a shift of 60, are 60 different people', () => {
    const timeline = simulateShift({ operators: 60, hours: 1, seed: 3, start: Date.parse('2026-01-05T08:00:00Z') });
    const people = new Map(timeline.map((e) => [e.operator.id, e.operator.name]));
    expect(people.size).toBe(60);
    expect(new Set(people.values()).size).toBe(60);
  });

  it('dates no event before the shift starts, in a shift of less than a minute too (found in review)', () => {
    const start = Date.parse('2026-01-05T08:00:00Z');
    const timeline = simulateShift({ operators: 12, hours: 0.01, seed: 42, start });
    expect(timeline.filter((e) => e.at < start).map((e) => `${e.type} at ${new Date(e.at).toISOString()}`)).toEqual([]);
  });
});
