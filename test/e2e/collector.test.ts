import { execFile } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectorBinary, startCollector, type RunningCollector } from './collector.js';
import { logRecords, metricPoints, spans, type LogRecord, type MetricPoint, type SpanRecord } from '../../examples/shift/otlp-json.js';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
/** The guard's keyed hash: SHA-256 of the key followed by the id. */
const GUARD_KEY = 'e2e-guard-key';
const keyed = (s: string) =>
  createHash('sha256')
    .update(GUARD_KEY + s)
    .digest('hex');
/** Every sensitive value the emitter sends (with the plugin told to keep them all). */
const SECRETS = ['chest pain', 'caller anxious', 'handed to paramedic', 'urgent', '+15550100', 'patient-0042', 'ext-4711', 'incident-0099', 'supervisor notes', 'attempt'];
const ID_ATTRIBUTES: Record<string, string> = {
  'call_center.contact.phone_id': '+15550100',
  'call_center.contact.customer_id': 'patient-0042',
  'call_center.contact.extension': 'ext-4711',
  'call_center.contact.incident_id': 'incident-0099',
};
const DROPPED = [
  'call_center.contact.summary',
  'call_center.contact.remarks',
  'call_center.transfer.summary',
  'call_center.transfer.remarks',
  'call_center.ops_scorecard.remarks',
  'call_center.meta',
];

/** Runs the emitter application against a collector. */
async function emit(collector: RunningCollector, protocol: 'json' | 'proto', runId: string, privacy: Privacy) {
  const { stdout } = await run(process.execPath, [join(root, 'test/e2e/emit.ts'), protocol, runId, privacy], {
    cwd: root,
    env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.httpEndpoint },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { rejected: number };
}

interface Received {
  logs: LogRecord[];
  scorecards: LogRecord[];
  traces: SpanRecord[];
  metrics: MetricPoint[];
  collectorLog: string;
}

/** 'keep': the plugin keeps sensitive fields (to test the collector's guard); 'default': its own policy, with a key. */
type Privacy = 'keep' | 'default';

async function through(env: Record<string, string>, protocols: Array<'json' | 'proto'>, runId: string, privacy: Privacy = 'keep'): Promise<Received> {
  const collector = await startCollector({ env });
  try {
    for (const protocol of protocols) expect((await emit(collector, protocol, runId, privacy)).rejected).toBe(1);
  } finally {
    await collector.stop();
  }
  return {
    logs: logRecords(collector.read('logs')),
    scorecards: logRecords(collector.read('scorecards')),
    traces: spans(collector.read('traces')),
    metrics: metricPoints(collector.read('metrics')),
    collectorLog: collector.log(),
  };
}

describe('collector-config.yaml', () => {
  it('passes otelcol validate', async () => {
    const bin = await collectorBinary();
    const { stdout, stderr } = await run(bin, ['validate', '--config', join(root, 'collector-config.yaml')], { cwd: root });
    expect(`${stdout}${stderr}`).not.toMatch(/error/i);
  });
});

describe.each(['json', 'proto'] as const)('through the real collector over OTLP/HTTP %s', (protocol) => {
  let got: Received;
  const service = `call-center-e2e-${protocol}`;
  beforeAll(async () => {
    got = await through({ CC_PATIENT_DATA_GUARD: 'on', CC_GUARD_HASH_KEY: GUARD_KEY }, [protocol], 'guarded');
  });

  it('delivers every accepted event as a log record with its eventName and attributes', () => {
    const logs = got.logs.filter((r) => r.service === service);
    expect(logs.map((r) => r.eventName)).toEqual([...Array(5).fill('call_center.contact'), ...Array(3).fill('call_center.break')]);
    expect(logs.map((r) => r.attributes['call_center.contact.action'] ?? r.attributes['call_center.break.action'])).toEqual([
      'attend',
      'pause',
      'resume',
      'transfer',
      'end',
      'start',
      'pause',
      'end',
    ]);
    expect(logs[0]).toMatchObject({
      severityText: 'INFO',
      body: 'contact attend (call, emergency)',
      attributes: {
        'call_center.contact.id': `guarded-${protocol}-c1`,
        'call_center.contact.channel': 'call',
        'call_center.contact.type': 'emergency',
        'call_center.transfer.id': 'guarded-t1',
        'call_center.operator.id': `op-${protocol}`,
        'call_center.operator.team': 'night',
      },
    });
    expect(logs[7]?.attributes).toMatchObject({ 'call_center.break.total_time': 600, 'call_center.break.consumed_time': 700 });
  });

  it('routes ops scorecards through their own pipeline', () => {
    const scorecards = got.scorecards.filter((r) => r.service === service);
    expect(scorecards.map((r) => r.eventName)).toEqual(['call_center.ops_scorecard']);
    expect(scorecards[0]?.attributes).toMatchObject({
      'call_center.ops_scorecard.audit_count': 12,
      'call_center.ops_scorecard.quality_score': 93.5,
      'call_center.ops_scorecard.performance_group': 'high',
    });
    expect(got.logs.some((r) => r.eventName === 'call_center.ops_scorecard')).toBe(false);
  });

  it('delivers the contact and break spans with their events, sharing trace ids with the logs', () => {
    const traces = got.traces.filter((s) => s.service === service);
    const contact = traces.find((s) => s.name === 'call_center.contact');
    const brk = traces.find((s) => s.name === 'call_center.break');
    expect(contact?.events.map((e) => e.name)).toEqual(['call_center.contact.pause', 'call_center.contact.resume', 'call_center.contact.transfer']);
    expect(contact?.attributes['call_center.contact.end_reason']).toBe('end');
    expect(brk?.events.map((e) => e.name)).toEqual(['call_center.break.start', 'call_center.break.pause', 'call_center.break.end']);
    expect(brk?.attributes['call_center.break.overrun']).toBe(true);
    const logs = got.logs.filter((r) => r.service === service);
    for (const r of logs.filter((l) => l.eventName === 'call_center.contact')) {
      expect([r.traceId, r.spanId]).toEqual([contact?.traceId, contact?.spanId]);
    }
    for (const r of logs.filter((l) => l.eventName === 'call_center.break')) {
      expect([r.traceId, r.spanId]).toEqual([brk?.traceId, brk?.spanId]);
    }
  });

  it('delivers the metrics', () => {
    const metrics = got.metrics.filter((m) => m.service === service);
    const value = (name: string, match: Record<string, unknown> = {}) =>
      metrics.filter((m) => m.name === name && Object.entries(match).every(([k, v]) => m.attributes[k] === v)).reduce((sum, m) => sum + m.value, 0);
    expect(value('call_center.events', { 'call_center.event.type': 'contact' })).toBe(5);
    expect(value('call_center.events', { 'call_center.event.type': 'break' })).toBe(3);
    expect(value('call_center.events.rejected', { 'call_center.rejection.reason': 'invalid_value' })).toBe(1);
    expect(value('call_center.contact.duration', { 'call_center.contact.channel': 'call' })).toBe(1);
    expect(value('call_center.break.overruns')).toBe(1);
  });

  it('applies the patient-data guard to every sensitive attribute: free text and meta dropped, ids keyed-hashed', () => {
    const records = [...got.logs, ...got.scorecards].filter((r) => r.service === service);
    const traces = got.traces.filter((s) => s.service === service);
    const everything = JSON.stringify([records, traces]);
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    const contacts = traces.filter((s) => s.name === 'call_center.contact');
    const contactAttributes = [...records.filter((r) => r.eventName === 'call_center.contact').map((r) => r.attributes), ...contacts.map((s) => s.attributes)];
    // Span events carry the action and what changed: the ids did not, so they are not there to check.
    const spanEvents = contacts.flatMap((s) => s.events.map((e) => e.attributes));
    expect([contactAttributes.length, spanEvents.length]).toEqual([6, 3]);
    for (const a of contactAttributes) {
      for (const [attribute, value] of Object.entries(ID_ATTRIBUTES)) expect(a[attribute]).toBe(keyed(value));
    }
    for (const a of [...records.map((r) => r.attributes), ...contacts.map((s) => s.attributes), ...spanEvents]) {
      for (const key of DROPPED) expect(a).not.toHaveProperty(key);
    }
  });
});

describe('the patient-data guard with no key set', () => {
  let got: Received;
  beforeAll(async () => {
    got = await through({ CC_PATIENT_DATA_GUARD: 'on' }, ['json'], 'unkeyed');
  });

  it('drops the ids rather than hash them without a key (an unkeyed hash of a phone number is reversed by enumerating numbers)', () => {
    const contact = got.logs.find((r) => r.eventName === 'call_center.contact');
    expect(contact?.attributes['call_center.contact.id']).toBe('unkeyed-json-c1');
    for (const attribute of [...Object.keys(ID_ATTRIBUTES), ...DROPPED]) {
      for (const r of [...got.logs, ...got.scorecards]) expect(r.attributes).not.toHaveProperty(attribute);
      for (const s of got.traces) expect(s.attributes).not.toHaveProperty(attribute);
    }
    expect(JSON.stringify(got)).not.toMatch(/[0-9a-f]{64}/);
  });
});

describe("the plugin's default privacy policy, as the collector receives it (guard off)", () => {
  let got: Received;
  beforeAll(async () => {
    got = await through({ CC_PATIENT_DATA_GUARD: 'off' }, ['json'], 'defaults', 'default');
  });

  it('arrives with free text and meta dropped and ids HMAC-hashed, before any collector rule', () => {
    const hmac = (value: string) => createHmac('sha256', 'e2e-key').update(value).digest('hex');
    const attend = got.logs.find((r) => r.eventName === 'call_center.contact');
    expect(attend?.attributes).toMatchObject({
      'call_center.contact.phone_id': hmac('+15550100'),
      'call_center.contact.customer_id': hmac('patient-0042'),
    });
    const everything = JSON.stringify([got.logs, got.scorecards, got.traces]);
    for (const secret of ['chest pain', 'caller anxious', 'handed to paramedic', 'urgent', '+15550100', 'patient-0042', 'supervisor notes', 'attempt']) {
      expect(everything).not.toContain(secret);
    }
    for (const r of got.logs) expect(r.attributes).not.toHaveProperty('call_center.meta');
  });
});

describe('with the patient-data guard turned off', () => {
  let got: Received;
  beforeAll(async () => {
    got = await through({ CC_PATIENT_DATA_GUARD: 'off' }, ['json'], 'unguarded');
  });

  it('passes every attribute through unchanged', () => {
    const attend = got.logs.find((r) => r.eventName === 'call_center.contact');
    expect(attend?.attributes).toMatchObject({
      'call_center.contact.summary': 'chest pain, ambulance dispatched',
      'call_center.contact.remarks': 'caller anxious',
      'call_center.transfer.summary': 'handed to paramedic desk',
      'call_center.transfer.remarks': 'urgent',
      'call_center.contact.phone_id': '+15550100',
      'call_center.contact.customer_id': 'patient-0042',
    });
    const span = got.traces.find((s) => s.name === 'call_center.contact');
    expect(span?.attributes['call_center.contact.summary']).toBe('chest pain, ambulance dispatched');
  });
});
