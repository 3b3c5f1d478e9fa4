import { SpanStatusCode } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logRecords, metricPoints, spans } from '../../examples/shift/otlp-json.js';
import {
  ATTR_CONTACT_ACTION,
  ATTR_CONTACT_END_REASON,
  ATTR_CONTACT_ID,
  ATTR_CONTACT_RECONSTRUCTED,
  ATTR_OPERATOR_ID,
  METRIC_CONTACTS_FORCE_ENDED,
  SPAN_CONTACT,
} from '../../src/index.js';
import { startCollector, type OtlpRequest, type RunningCollector } from './collector.js';
import { killRelays, startRelay } from './relay-process.js';
import { waitFor } from './wait-for.js';
import { minimalContact } from '../helpers/events.js';
import { startOtlpEndpoint } from '../helpers/otlp-endpoint.js';

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

/** The metric export requests' resources of one `service.instance.id`. */
function fromInstance(requests: OtlpRequest[], instance: string): OtlpRequest[] {
  type Resource = { resource?: { attributes?: Array<{ key: string; value?: { stringValue?: string } }> } };
  return requests.map((request) => ({
    resourceMetrics: ((request.resourceMetrics ?? []) as Resource[]).filter((r) =>
      r.resource?.attributes?.some((a) => a.key === 'service.instance.id' && a.value?.stringValue === instance),
    ),
  }));
}

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
      await waitFor(
        () => received('op-h').logs,
        (logs) => logs.length === 3,
        'the valid events at the collector',
      );
      expect(relay.running()).toBe(true);

      relay.child.kill('SIGTERM');
      expect(await relay.exited).toEqual({ code: 0, signal: null });
    } finally {
      await killRelays();
    }
    expect(relay.stderr()).toBe('');
    const { logs, spans: contacts } = await waitFor(
      () => received('op-h'),
      (r) => r.spans.length === 2,
      'both contact spans',
    );
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

describe('several relays, each operator routed to one (README "Running several relays")', () => {
  it('SIGTERM: the stopped relay ends its open contacts (shutdown, ERROR, counted); the end arriving at the next relay is reconstructed', async () => {
    const [a, b] = await Promise.all([
      startRelay(collector.httpEndpoint, { OTEL_RESOURCE_ATTRIBUTES: 'service.instance.id=relay-a' }),
      startRelay(collector.httpEndpoint, { OTEL_RESOURCE_ATTRIBUTES: 'service.instance.id=relay-b' }),
    ]);
    const headers = { 'x-operator-id': 'op-term' };
    const started = new Date(Date.now() - 60_000).toISOString();
    try {
      expect((await a.post(envelope('op-term', contact('c-1', 'attend', { contact_start_time: started })), headers)).status).toBe(200);
      a.child.kill('SIGTERM');
      expect(await a.exited).toEqual({ code: 0, signal: null });
      // The load balancer now sends op-term to relay B.
      expect((await b.post(envelope('op-term', contact('c-1', 'end', { contact_start_time: started })), headers)).status).toBe(200);
      expect(b.running()).toBe(true);
      b.child.kill('SIGTERM');
      expect(await b.exited).toEqual({ code: 0, signal: null });
    } finally {
      await killRelays();
    }
    const { logs, spans: contacts } = await waitFor(
      () => received('op-term'),
      (r) => r.spans.length === 2 && r.logs.length === 2,
      'both spans and log records',
    );
    expect(logs).toEqual([
      ['c-1', 'attend'],
      ['c-1', 'end'],
    ]);
    const [ended, reconstructed] = [...contacts].sort(
      (x, y) => Number(x.attributes[ATTR_CONTACT_RECONSTRUCTED] ?? false) - Number(y.attributes[ATTR_CONTACT_RECONSTRUCTED] ?? false),
    );
    expect(ended).toMatchObject({ attributes: { [ATTR_CONTACT_END_REASON]: 'shutdown' }, status: { code: SpanStatusCode.ERROR } });
    expect(reconstructed).toMatchObject({ attributes: { [ATTR_CONTACT_END_REASON]: 'end', [ATTR_CONTACT_RECONSTRUCTED]: true }, startMs: Date.parse(started) });
    // Relay A's last metric export, on its way out, counted the contact it ended.
    const forceEnded = await waitFor(
      () => metricPoints(fromInstance(collector.read('metrics'), 'relay-a')).filter((p) => p.name === METRIC_CONTACTS_FORCE_ENDED),
      (points) => points.length > 0,
      "relay A's force_ended count",
    );
    expect(forceEnded.map((p) => [p.attributes[ATTR_CONTACT_END_REASON], p.value])).toEqual([['shutdown', 1]]);
  });

  it("SIGKILL: the killed relay's open spans are lost; ends at the next relay are reconstructed from contact_start_time, else only logged", async () => {
    const [a, b] = await Promise.all([startRelay(collector.httpEndpoint), startRelay(collector.httpEndpoint)]);
    const started = new Date(Date.now() - 90_000).toISOString();
    try {
      for (const operator of ['op-kill', 'op-kill-2']) {
        expect((await a.post(envelope(operator, contact('c-1', 'attend', { contact_start_time: started })), { 'x-operator-id': operator })).status).toBe(200);
      }
      // What the relay had exported before the crash is at the collector; only what it still held is lost with it.
      await waitFor(
        () => [received('op-kill').logs.length, received('op-kill-2').logs.length],
        ([x, y]) => x === 1 && y === 1,
        'the attends at the collector',
      );
      a.child.kill('SIGKILL');
      expect(await a.exited).toEqual({ code: null, signal: 'SIGKILL' });
      const ends = [
        b.post(envelope('op-kill', contact('c-1', 'end', { contact_start_time: started })), { 'x-operator-id': 'op-kill' }),
        b.post(envelope('op-kill-2', contact('c-1', 'end')), { 'x-operator-id': 'op-kill-2' }),
      ];
      expect((await Promise.all(ends)).map((r) => r.status)).toEqual([200, 200]);
      await waitFor(
        () => [received('op-kill').spans.length, received('op-kill-2').logs.length],
        ([s, l]) => s === 1 && l === 2,
        'the reconstructed span and the logged end',
      );
      // Stopped the usual way: a span relay B had opened by mistake would be ended (shutdown) and exported.
      b.child.kill('SIGTERM');
      expect(await b.exited).toEqual({ code: 0, signal: null });
    } finally {
      await killRelays();
    }
    await new Promise((resolve) => setTimeout(resolve, 300)); // the collector's file exporter writes every 100 ms
    const killed = received('op-kill');
    expect(killed.logs).toEqual([
      ['c-1', 'attend'],
      ['c-1', 'end'],
    ]);
    expect(killed.spans).toHaveLength(1);
    expect(killed.spans[0]).toMatchObject({ attributes: { [ATTR_CONTACT_END_REASON]: 'end', [ATTR_CONTACT_RECONSTRUCTED]: true }, startMs: Date.parse(started) });
    // Without contact_start_time or contact_duration there is no start to rebuild a span from: the end is a log record.
    const unknownStart = received('op-kill-2');
    expect(unknownStart.logs).toEqual([
      ['c-1', 'attend'],
      ['c-1', 'end'],
    ]);
    expect(unknownStart.spans).toEqual([]);
  });
});

describe('examples/node/relay.ts with a collector that refuses or is gone (found in review)', () => {
  it('says on stderr what the collector refused, though OTEL_LOG_LEVEL is not set', async () => {
    const endpoint = await startOtlpEndpoint();
    endpoint.answer = () => 400;
    const relay = await startRelay(`http://127.0.0.1:${endpoint.port}`);
    try {
      expect((await relay.post({ type: 'contact', operator: { id: 'op-1' }, event: minimalContact({ action: 'view' as never }) })).status).toBe(200);
      await waitFor(() => endpoint.requests.some((r) => r.status === 400 && r.bodies.length > 0), Boolean, 'a refused log batch', { timeoutMs: 5_000 });
      relay.child.kill('SIGTERM');
      expect((await relay.exited).code).toBe(0);
      expect(relay.stderr()).toMatch(/refused/);
    } finally {
      await endpoint.close();
    }
  }, 60_000);

  it('exits at once on a SIGINT that follows a SIGTERM, as the README says', async () => {
    const endpoint = await startOtlpEndpoint();
    await endpoint.close(); // the collector is gone: the shutdown would keep trying for seconds
    const relay = await startRelay(`http://127.0.0.1:${endpoint.port}`);
    expect((await relay.post({ type: 'contact', operator: { id: 'op-1' }, event: minimalContact() })).status).toBe(200);
    relay.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(relay.running(), 'still shutting down after the first signal').toBe(true);
    relay.child.kill('SIGINT');
    const exited = await Promise.race([relay.exited, new Promise((resolve) => setTimeout(() => resolve('still running 3 s after the second signal'), 3_000))]);
    expect(exited).toEqual({ code: null, signal: 'SIGINT' });
  }, 60_000);
});
