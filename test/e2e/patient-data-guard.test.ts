// Patient data the guard (transform/patient_data_guard) must reach with the guard on and a key set; found in review:
// metrics, resource and scope attributes, a map log body and ids that only looked hashed got through.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from './collector.js';

const KEY = 'hunt-key';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const s = (v: string) => ({ stringValue: v });
const kv = (key: string, value: unknown) => ({ key, value });
const T0 = '1700000000000000000';
let c: RunningCollector;

async function post(signal: 'logs' | 'traces' | 'metrics', body: unknown) {
  const r = await fetch(`${c.httpEndpoint}/v1/${signal}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(r.status).toBe(200);
}
/** Everything the collector exported for these pipelines, once `marker` shows up. */
async function exported(signals: Array<'logs' | 'scorecards' | 'traces' | 'metrics'>, marker: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const text = JSON.stringify(signals.map((sig) => c.read(sig)));
    if (text.includes(marker)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${marker} never exported\n${c.log()}`);
}
const resource = (marker: string, extra: unknown[] = []) => ({ attributes: [kv('service.name', s(marker)), ...extra] });

beforeAll(async () => {
  c = await startCollector({ env: { CC_PATIENT_DATA_GUARD: 'on', CC_GUARD_HASH_KEY: KEY } });
});
afterAll(async () => {
  await c?.stop();
});

describe('transform/patient_data_guard, on and with a key', () => {
  it('reaches metric data point attributes', async () => {
    await post('metrics', {
      resourceMetrics: [
        {
          resource: resource('m-dp'),
          scopeMetrics: [
            {
              scope: { name: 'x' },
              metrics: [
                {
                  name: 'call_center.contacts',
                  sum: {
                    aggregationTemporality: 2,
                    isMonotonic: true,
                    dataPoints: [
                      { asInt: '1', timeUnixNano: T0, attributes: [kv('call_center.contact.phone_id', s('+15550100')), kv('call_center.contact.summary', s('chest pain'))] },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
    });
    const out = await exported(['metrics'], 'm-dp');
    expect(out).not.toContain('+15550100');
    expect(out).not.toContain('chest pain');
  });

  it('reaches resource and scope attributes of logs, spans and metrics', async () => {
    const res = resource('res-scope', [kv('call_center.contact.customer_id', s('patient-0042')), kv('call_center.contact.summary', s('chest pain'))]);
    const scope = { name: 'x', attributes: [kv('call_center.contact.phone_id', s('+15550100')), kv('call_center.meta', s('supervisor notes'))] };
    await post('logs', { resourceLogs: [{ resource: res, scopeLogs: [{ scope, logRecords: [{ timeUnixNano: T0, eventName: 'call_center.contact', body: s('ok') }] }] }] });
    await post('traces', {
      resourceSpans: [
        {
          resource: res,
          scopeSpans: [
            {
              scope,
              spans: [
                { traceId: '0102030405060708090a0b0c0d0e0f10', spanId: '0102030405060708', name: 'call_center.contact', kind: 1, startTimeUnixNano: T0, endTimeUnixNano: T0 },
              ],
            },
          ],
        },
      ],
    });
    await post('metrics', { resourceMetrics: [{ resource: res, scopeMetrics: [{ scope, metrics: [{ name: 'g', gauge: { dataPoints: [{ asInt: '1', timeUnixNano: T0 }] } }] }] }] });
    for (const sig of ['logs', 'traces', 'metrics'] as const) {
      const out = await exported([sig], 'res-scope');
      for (const secret of ['patient-0042', 'chest pain', '+15550100', 'supervisor notes']) expect(`${sig}: ${out}`).not.toContain(secret);
    }
  });

  it('reaches a map log body (the old Events API put event data there)', async () => {
    const body = { kvlistValue: { values: [kv('call_center.contact.summary', s('chest pain')), kv('call_center.contact.phone_id', s('+15550100'))] } };
    await post('logs', {
      resourceLogs: [{ resource: resource('body-map'), scopeLogs: [{ scope: { name: 'x' }, logRecords: [{ timeUnixNano: T0, eventName: 'call_center.contact', body }] }] }],
    });
    const out = await exported(['logs'], 'body-map');
    expect(out).not.toContain('chest pain');
    expect(out).not.toContain('+15550100');
  });

  it('hashes an id that only looks hashed (an unkeyed SHA-256, 32 raw bytes) rather than letting it through', async () => {
    const unkeyed = sha('+15550100'); // reversed by hashing every phone number
    const raw32 = Buffer.from(sha('patient-0042'), 'hex').toString('base64'); // the same as 32 raw bytes
    await post('logs', {
      resourceLogs: [
        {
          resource: resource('unkeyed'),
          scopeLogs: [
            {
              scope: { name: 'x' },
              logRecords: [
                {
                  timeUnixNano: T0,
                  eventName: 'call_center.contact',
                  body: s('ok'),
                  attributes: [kv('call_center.contact.phone_id', s(unkeyed)), kv('call_center.contact.customer_id', { bytesValue: raw32 })],
                },
              ],
            },
          ],
        },
      ],
    });
    const out = await exported(['logs'], 'unkeyed');
    expect(out).not.toContain(unkeyed);
    expect(out).not.toContain(raw32);
    expect(out).toContain(sha(KEY + unkeyed));
  });
});
