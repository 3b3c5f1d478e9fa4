import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRelayServer, EVENTS_PATH, HEALTH_PATH, OPERATOR_HEADER, type RelayServer, type RelayServerOptions } from '../../../examples/node/relay-server.js';
import { ATTR_OPERATOR_ID, type LogIngestEventResult } from '../../../src/index.js';
import { minimalContact } from '../../helpers/events.js';
import { createHarness, type Harness } from '../../helpers/otel.js';

const envelope = (operator: string, contactId = 'c-1') => ({ type: 'contact', operator: { id: operator }, event: minimalContact({ contact_id: contactId }) });

let harness: Harness | undefined;
let relay: RelayServer | undefined;
afterEach(async () => {
  await relay?.close();
  await harness?.shutdown();
  relay = harness = undefined;
});

/** A relay on a free port, in front of the real SDK with in-memory exporters. */
async function start(options: Partial<RelayServerOptions> = {}) {
  const h = (harness = createHarness());
  const errors: unknown[] = [];
  relay = createRelayServer({
    ingest: (type, event, opts) => h.instrumentation.logIngestEvent(type as never, event as never, opts),
    onError: (error) => void errors.push(error),
    ...options,
  });
  const server = relay.server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (body: BodyInit, init: RequestInit = {}) => {
    const response = await fetch(`${base}${EVENTS_PATH}`, { method: 'POST', body, ...init });
    return { status: response.status, type: response.headers.get('content-type'), json: (await response.json()) as unknown };
  };
  const operators = () => h.records().map((r) => r.attributes[ATTR_OPERATOR_ID]);
  return { base, post, operators, errors };
}

describe('relay server (examples/node/relay-server.ts)', () => {
  it.each([
    ['null', 'null', /must be a JSON object.*got null/],
    ['[null]', '[null]', /must be a JSON object.*got null/],
    ['a string', '"contact"', /got string/],
    ['a number', '42', /got number/],
    ['true', 'true', /got boolean/],
    ['a nested array', '[[]]', /got an array/],
    ['{}', '{}', /no `type`/],
    ['an object without event', JSON.stringify({ type: 'contact', operator: { id: 'op-1' } }), /no `event`/],
    ['a bad timestamp', JSON.stringify({ ...envelope('op-1'), timestamp: 'yesterday' }), /timestamp/],
    ['a timestamp object', JSON.stringify({ ...envelope('op-1'), timestamp: {} }), /timestamp/],
    ['invalid JSON', '{"type":', /not JSON/],
    ['an empty body', '', /not JSON/],
  ])('answers %s with 400 and a JSON error, relaying nothing', async (_, body, message) => {
    const { post, operators } = await start();
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(answer.type).toBe('application/json');
    const error = (Array.isArray(answer.json) ? answer.json[0] : answer.json) as { ok: boolean; error: string };
    expect(error).toMatchObject({ ok: false, error: expect.stringMatching(message) });
    expect(operators()).toEqual([]);
  });

  it('answers an event the plugin refuses with 422 and its issues', async () => {
    const { post } = await start();
    const answer = await post(JSON.stringify({ type: 'contact', operator: { id: 'op-1' }, event: { action: 'attend' } }));
    expect(answer.status).toBe(422);
    expect(answer.json).toMatchObject({ ok: false, status: 422, error: expect.stringContaining('contact_id'), issues: expect.any(Array) });
  });

  it('refuses a 20 MB body with 413, declared or streamed, without buffering it, and goes on serving', async () => {
    const { post, operators } = await start({ maxBodyBytes: 1024 });
    const declared = await post(Buffer.alloc(20 * 1024 * 1024, 0x20));
    expect(declared).toMatchObject({ status: 413, json: { ok: false, error: 'body larger than 1024 bytes' } });
    let sent = 0;
    const streamed = await post(
      new ReadableStream({
        pull(controller) {
          if (sent++ === 20) return controller.close();
          controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
        },
      }),
      { duplex: 'half' } as RequestInit,
    );
    expect(streamed).toMatchObject({ status: 413, json: { ok: false, error: 'body larger than 1024 bytes' } });
    expect((await post(JSON.stringify(envelope('op-1')))).status).toBe(200);
    expect(operators()).toEqual(['op-1']);
  });

  it('lets a client still uploading read its 413: the connection is not reset under it', async () => {
    const { base } = await start({ maxBodyBytes: 1024 });
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    const failures: string[] = [];
    socket.on('error', (error: NodeJS.ErrnoException) => failures.push(error.code ?? error.message));
    let answer = '';
    const answered = new Promise<void>((resolve) =>
      socket.on('data', (chunk: Buffer) => {
        answer += chunk.toString();
        if (answer.includes('}')) resolve();
      }),
    );
    socket.write(`POST ${EVENTS_PATH} HTTP/1.1\r\nhost: relay\r\ncontent-length: ${20 * 1024 * 1024}\r\n\r\n`);
    socket.write(Buffer.alloc(64 * 1024, 0x20));
    await answered;
    // Closing a socket with unread data resets it, and a client would see EPIPE or ECONNRESET, not the 413:
    // the relay keeps the connection open while the client goes on uploading.
    for (let i = 0; i < 16; i++) {
      await new Promise<void>((resolve) => socket.write(Buffer.alloc(64 * 1024, 0x20), () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const open = socket.readyState;
    socket.destroy();
    expect(answer).toMatch(/^HTTP\/1.1 413 /);
    expect([open, failures]).toEqual(['open', []]);
  });

  it('answers other paths 404, other methods 405 and compressed bodies 415, in JSON', async () => {
    const { base } = await start();
    const get = await fetch(`${base}${EVENTS_PATH}`);
    expect([get.status, get.headers.get('allow'), await get.json()]).toEqual([405, 'POST', { ok: false, error: 'GET not allowed on /events; use POST' }]);
    const put = await fetch(`${base}${EVENTS_PATH}?x=1`, { method: 'PUT', body: '{}' });
    expect(put.status).toBe(405);
    const other = await fetch(`${base}/event`, { method: 'POST', body: '{}' });
    expect([other.status, await other.json()]).toEqual([404, { ok: false, error: 'no such path; POST events to /events' }]);
    const gzip = await fetch(`${base}${EVENTS_PATH}`, { method: 'POST', body: '{}', headers: { 'content-encoding': 'gzip' } });
    expect([gzip.status, await gzip.json()]).toEqual([415, { ok: false, error: 'content-encoding gzip is not supported' }]);
    const health = await fetch(`${base}${HEALTH_PATH}`);
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
  });

  it('answers an array item by item: 200 when all are taken, 207 when some, the refusal when none', async () => {
    const { post, operators } = await start({ maxEvents: 3 });
    expect(await post(JSON.stringify([envelope('op-1'), envelope('op-2')]))).toMatchObject({ status: 200, json: [{ ok: true }, { ok: true }] });
    expect(await post('[]')).toMatchObject({ status: 200, json: [] });

    const mixed = await post(JSON.stringify([envelope('op-3'), null, { type: 'contact', event: {} }]));
    expect(mixed.status).toBe(207);
    expect(mixed.json).toEqual([
      { ok: true },
      { ok: false, status: 400, error: expect.stringContaining('got null') },
      { ok: false, status: 422, error: expect.any(String), issues: expect.any(Array) },
    ]);
    expect(
      (
        await post(
          JSON.stringify([
            { type: 'contact', event: {} },
            { type: 'break', event: 1 },
          ]),
        )
      ).status,
    ).toBe(422);
    expect((await post(JSON.stringify([{ type: 'contact', event: {} }, 7]))).status).toBe(400);
    expect(await post(JSON.stringify([1, 2, 3, 4]))).toMatchObject({ status: 413, json: { ok: false, error: 'more than 3 envelopes in one request' } });
    expect(operators()).toEqual(['op-1', 'op-2', 'op-3']);
  });

  it('refuses an envelope whose operator is not the one the request was routed by', async () => {
    const { post, operators } = await start();
    const headers = { [OPERATOR_HEADER]: 'op-1' };
    const answer = await post(JSON.stringify([envelope('op-1'), envelope('op-2'), { type: 'contact', event: minimalContact() }]), { headers });
    expect(answer.status).toBe(207);
    expect(answer.json).toEqual([
      { ok: true },
      { ok: false, status: 400, error: expect.stringContaining('x-operator-id') },
      { ok: false, status: 400, error: expect.stringContaining('x-operator-id') },
    ]);
    expect(operators()).toEqual(['op-1']);
  });

  it('answers 500 for an error in a handler and goes on serving', async () => {
    let fault: 'throw' | 'bad result' | undefined;
    const { post, errors, operators } = await start({
      ingest: (type, event, opts) => {
        if (fault === 'throw') throw new Error('boom');
        if (fault === 'bad result') return undefined as unknown as LogIngestEventResult;
        return harness!.instrumentation.logIngestEvent(type as never, event as never, opts);
      },
    });
    fault = 'throw';
    // One envelope failing does not take the batch down: only it says 500.
    expect(await post(JSON.stringify([envelope('op-1')]))).toMatchObject({ status: 500, json: [{ ok: false, status: 500, error: 'internal error' }] });
    fault = 'bad result';
    expect(await post(JSON.stringify(envelope('op-1')))).toMatchObject({ status: 500, json: { ok: false, error: 'internal error' } });
    expect(errors).toHaveLength(2);
    fault = undefined;
    expect((await post(JSON.stringify(envelope('op-2')))).status).toBe(200);
    expect(operators()).toEqual(['op-2']);
  });

  it('once closing, answers 503 to a request still uploading, and relays nothing more', async () => {
    const { base, operators } = await start();
    let finish!: () => void;
    const body = new ReadableStream({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode('{"type":"contact",'));
        await new Promise<void>((resolve) => (finish = resolve));
        controller.enqueue(new TextEncoder().encode(JSON.stringify(envelope('op-1')).slice(1)));
        controller.close();
      },
    });
    const pending = fetch(`${base}${EVENTS_PATH}`, { method: 'POST', body, duplex: 'half' } as RequestInit);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = relay!.close();
    finish();
    const answer = await pending;
    expect([answer.status, await answer.json()]).toEqual([503, { ok: false, error: 'relay is shutting down' }]);
    await closed;
    expect(operators()).toEqual([]);
  });
});
