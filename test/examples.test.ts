import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../examples/shift/summary.js';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;

async function demo(...args: string[]): Promise<{ summary: Summary; simulated: { events: number; rejected: number } }> {
  const env = { ...process.env };
  delete env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const out = mkdtempSync(join(tmpdir(), 'cc-demo-'));
  const { stdout } = await run(process.execPath, ['examples/shift/simulate.ts', '--json', '--out', out, ...args], { env, cwd: root });
  return JSON.parse(stdout);
}

describe('npm run demo (examples/shift)', () => {
  it('simulates a shift and summarises what it exported, rejected events included', async () => {
    const { summary, simulated } = await demo('--operators', '4', '--hours', '2', '--seed', '7', '--start', '2026-01-05T08:00:00Z');
    expect(simulated.rejected).toBe(3);
    expect(summary.logRecords).toBe(simulated.events - simulated.rejected);
    expect(summary.rejectedEvents).toEqual({ invalid_format: 1, invalid_value: 1, missing_field: 1 });
    expect(Object.keys(summary.contactsPerOperator)).toHaveLength(4);
    const perOperator = Object.values(summary.contactsPerOperator).reduce((a, b) => a + b, 0);
    const perChannel = Object.values(summary.ahtByChannel).reduce((a, b) => a + b.contacts, 0);
    expect(summary.contacts).toBeGreaterThan(20);
    expect(perOperator).toBe(summary.contacts);
    expect(perChannel).toBe(summary.contacts);
    // Handle times follow the simulated clock: minutes, not the milliseconds the run took.
    for (const { ahtSeconds } of Object.values(summary.ahtByChannel)) expect(ahtSeconds).toBeGreaterThan(30);
    expect(summary.breaks).toBeGreaterThan(0);
    expect(Object.keys(summary.qualityByGroup).length).toBeGreaterThan(0);
  });

  it('is deterministic with --seed', async () => {
    const args = ['--operators', '3', '--hours', '1', '--start', '2026-01-05T08:00:00Z'];
    const [a, b, c] = await Promise.all([demo(...args, '--seed', '11'), demo(...args, '--seed', '11'), demo(...args, '--seed', '12')]);
    expect(b).toEqual(a);
    expect(c.summary).not.toEqual(a.summary);
  });

  it('refuses bad arguments with a usage line', async () => {
    await expect(run(process.execPath, ['examples/shift/simulate.ts', '--operators', '0'], { cwd: root })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: --operators 1..500'),
    });
  });
});
