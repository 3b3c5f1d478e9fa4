import { SpanStatusCode } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logRecords, spans } from '../../examples/shift/otlp-json.js';
import {
  ATTR_CONTACT_ACTION,
  ATTR_CONTACT_END_REASON,
  ATTR_CONTACT_ID,
  ATTR_OPERATOR_ID,
  SPAN_CONTACT,
} from '../../src/index.js';
import { startCollector, type RunningCollector } from './collector.js';
import { killRelays, startRelay, waitFor } from './relay-process.js';

const contact = (id: string, action: string, extra: Record<string, unknown> = {}) => ({
  contact_id: id,
  action,
  contact_type: 'follow_up',
  contact_channel: 'call',
  transfer_id: 'none',
  ...extra,
});
const envelope = (operator: string, event: Record<string, unknown>) => ({ type: 'contact', operator: { id: operator }, event });

let collector: RunningCollector;
beforeAll(async () => {
  collector = await startCollector();
});
afterAll(async () => {
  await killRelays();
  await collector?.stop();
});

/** What the collector received for one operator: [contact id, action] per log record, and the contact spans. */
const received = (operator: string) => ({
  logs: logRecords(collector.read('logs'))
    .filter((r) => r.attributes[ATTR_OPERATOR_ID] === operator)
    .map((r) => [r.attributes[ATTR_CONTACT_ID], r.attributes[ATTR_CONTACT_ACTION]]),
  spans: spans(collector.read('traces')).filter((s) => s.name === SPAN_CONTACT && s.attributes[ATTR_OPERATOR_ID] === operator),
});

describe('examples/node/relay.ts against hostile requests, through the real collector', () => {
  it('answers every hostile body with a 4xx and a JSON error, relays a valid event, stays up, and flushes open contacts on SIGTERM', async () => {
    const relay = await startRelay(collector.httpEndpoint);
    try {
      const big = Buffer.alloc(20 * 1024 * 1024, 0x20);
      const hostile: Array<[string, unknown, number]> = [
        ['null', 'null', 400],
        ['[null]', '[null]', 400],
        ['a string', '"contact"', 400],
        ['a number', '42', 400],
        ['{}', '{}', 400],
        ['an object without event', { type: 'contact', operator: { id: 'op-h' } }, 400],
        ['invalid JSON', '{"type": "contact", "event": ', 400],
        ['20 MB', big, 413],
        ['an event the plugin refuses', envelope('op-h', { action: 'attend' }), 422],
      ];
      const answers = [];
      for (const [name, body, expected] of hostile) {
        const answer = await relay.post(body).catch((error: Error) => ({ status: `${error.message}: ${String(error.cause)}`, type: null, json: null }));
        answers.push([name, answer.status, answer.type, answer.json]);
        expect.soft([name, answer.status]).toEqual([name, expected]);
      }
      // The relay that died on `null` (issue 12) shows here, with what it printed.
      expect({ running: relay.running(), stderr: relay.stderr() }).toEqual({ running: true, stderr: '' });
      for (const [name, , type, json] of answers) {
        expect([name, type]).toEqual([name, 'application/json']);
        const error = (Array.isArray(json) ? json[0] : json) as { ok?: unknown; error?: unknown };
        expect([name, error?.ok, typeof error?.error]).toEqual([name, false, 'string']);
      }
      const wrongMethod = await fetch(`${relay.base}/events`);
      expect([wrongMethod.status, await wrongMethod.json()]).toMatchObject([405, { ok: false }]);
      const wrongPath = await fetch(`${relay.base}/`, { method: 'POST', body: '{}' });
      expect([wrongPath.status, await wrongPath.json()]).toMatchObject([404, { ok: false }]);
      expect(relay.running()).toBe(true);

      // Then valid events: c-1 left open, c-2 attended and ended.
      const valid = await relay.post([envelope('op-h', contact('c-1', 'attend')), envelope('op-h', contact('c-2', 'attend')), envelope('op-h', contact('c-2', 'end'))]);
      expect(valid).toMatchObject({ status: 200, json: [{ ok: true }, { ok: true }, { ok: true }] });
      await waitFor(() => received('op-h').logs, (logs) => logs.length === 3, 'the valid events at the collector');
      expect(relay.running()).toBe(true);

      relay.child.kill('SIGTERM');
      expect(await relay.exited).toEqual({ code: 0, signal: null });
    } finally {
      await killRelays();
    }
    expect(relay.stderr()).toBe('');
    const { logs, spans: contacts } = await waitFor(() => received('op-h'), (r) => r.spans.length === 2, 'both contact spans');
    // Only the valid events became log records: no hostile body reached the plugin.
    expect(logs).toEqual([
      ['c-1', 'attend'],
      ['c-2', 'attend'],
      ['c-2', 'end'],
    ]);
    const byId = Object.fromEntries(contacts.map((s) => [s.attributes[ATTR_CONTACT_ID], s]));
    expect(byId['c-1']?.attributes[ATTR_CONTACT_END_REASON]).toBe('shutdown');
    expect(byId['c-1']?.status.code).toBe(SpanStatusCode.ERROR);
    expect(byId['c-2']?.attributes[ATTR_CONTACT_END_REASON]).toBe('end');
  });
});
