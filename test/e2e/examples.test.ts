import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { logRecords, spans } from '../../examples/shift/otlp-json.js';
import { summarize, type Summary } from '../../examples/shift/summary.js';
import { startCollector } from './collector.js';

const root = new URL('../..', import.meta.url).pathname;

describe('npm run demo with OTEL_EXPORTER_OTLP_ENDPOINT, through the real collector', () => {
  it('sends the shift to the collector, and its summary matches what the collector wrote', async () => {
    const collector = await startCollector({ env: { CC_PATIENT_DATA_GUARD: 'on' } });
    let printed: { summary: Summary; simulated: { events: number } };
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [join(root, 'examples/shift/simulate.ts'), '--json', '--operators', '4', '--hours', '2', '--seed', '3', '--out', mkdtempSync(join(tmpdir(), 'cc-demo-'))],
        { cwd: root, env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.httpEndpoint } },
      );
      printed = JSON.parse(stdout);
    } finally {
      await collector.stop();
    }
    const fromCollector = summarize({
      logs: [...collector.read('logs'), ...collector.read('scorecards')],
      traces: collector.read('traces'),
      metrics: collector.read('metrics'),
    });
    expect(fromCollector.contacts).toBeGreaterThan(20);
    expect(fromCollector).toEqual(printed.summary);
    // The scorecards took their own pipeline.
    expect(logRecords(collector.read('scorecards')).every((r) => r.eventName === 'call_center.ops_scorecard')).toBe(true);
    expect(logRecords(collector.read('scorecards'))).toHaveLength(8);
  });
});

describe('examples/node/relay.ts, relaying many operators through the real collector', () => {
  it('relays per-event operators, answers validation errors, and flushes open contacts on SIGTERM', async () => {
    const collector = await startCollector({ env: { CC_PATIENT_DATA_GUARD: 'on' } });
    try {
      const relay = spawn(process.execPath, [join(root, 'examples/node/relay.ts')], {
        cwd: root,
        env: { ...process.env, PORT: '0', OTEL_EXPORTER_OTLP_ENDPOINT: collector.httpEndpoint, OTEL_METRIC_EXPORT_INTERVAL: '60000' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise<number | null>((resolve) => relay.once('exit', resolve));
      const url = await new Promise<string>((resolve, reject) => {
        relay.stdout.on('data', (chunk: Buffer) => {
          const match = /listening on (\S+)/.exec(chunk.toString());
          if (match?.[1]) resolve(match[1]);
        });
        relay.once('exit', () => reject(new Error('relay exited before listening')));
      });
      const contact = (id: string, action: string) => ({ contact_id: id, action, contact_type: 'follow_up', contact_channel: 'call', transfer_id: 'none' });
      const post = (body: unknown) => fetch(url, { method: 'POST', body: JSON.stringify(body) });

      const ok = await post([
        { type: 'contact', operator: { id: 'op-a', team: 'day' }, event: contact('c-1', 'attend') },
        { type: 'contact', operator: { id: 'op-b', team: 'night' }, event: contact('c-1', 'attend') },
        { type: 'contact', operator: { id: 'op-a', team: 'day' }, event: contact('c-1', 'end') },
      ]);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual([{ ok: true }, { ok: true }, { ok: true }]);

      const bad = await post({ type: 'break', operator: { id: 'op-a' }, event: { type: 'tea', action: 'add', total_time: 1, consumed_time: 0 } });
      expect(bad.status).toBe(422);
      expect(await bad.json()).toMatchObject({ ok: false, error: expect.stringContaining('expected one of view, start, end, pause, resume, other') });

      relay.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      await collector.stop();
    }
    const logs = logRecords(collector.read('logs'));
    expect(logs.map((r) => [r.attributes['call_center.operator.id'], r.attributes['call_center.contact.action']])).toEqual([
      ['op-a', 'attend'],
      ['op-b', 'attend'],
      ['op-a', 'end'],
    ]);
    const traces = spans(collector.read('traces'));
    expect(traces.map((s) => [s.attributes['call_center.operator.id'], s.attributes['call_center.contact.end_reason']]).sort()).toEqual([
      ['op-a', 'end'],
      ['op-b', 'shutdown'],
    ]);
  });
});
