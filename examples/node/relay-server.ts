// The relay's HTTP side: it answers every request with JSON, hands each
// well-formed envelope to the plugin, and never lets a request take the
// process down. Process wiring (SDK, signals) lives in relay.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CallCenterOperator, CallCenterValidationIssue, LogIngestEventOptions, LogIngestEventResult } from '@kenkai/instrumentation-call-center';

export interface RelayServerOptions {
  /** Where each envelope's event goes: `CallCenter.logIngestEvent` in the relay. */
  ingest: (type: unknown, event: unknown, options: LogIngestEventOptions) => LogIngestEventResult;
  /** Bodies larger than this are refused with 413; the relay stops buffering there. @default 1_048_576 (1 MiB) */
  maxBodyBytes?: number;
  /** Arrays with more envelopes than this are refused with 413. @default 1_000 */
  maxEvents?: number;
  /** Told about every error caught in a handler (that request got 500). @default console.error */
  onError?: (error: unknown) => void;
}

export interface RelayServer {
  readonly server: Server;
  /**
   * Stops taking events: from now on requests get 503 (and /health too, so a
   * load balancer moves away), idle connections close. Resolves once every
   * connection has closed; ingest is synchronous, so no event reaches the
   * plugin after this is called.
   */
  close(): Promise<void>;
}

/** One envelope's outcome; an array body gets one per item, in order. */
export type RelayResult = { ok: true } | { ok: false; status: 400 | 422 | 500; error: string; issues?: readonly CallCenterValidationIssue[] };

/** The path events are POSTed to. */
export const EVENTS_PATH = '/events';
/** Answers 200 while the relay takes events, 503 once it is shutting down. */
export const HEALTH_PATH = '/health';
/**
 * Optional routing key: when a request carries it, every envelope's
 * `operator.id` must equal it, so events a load balancer hashed to this relay
 * cannot belong to an operator whose open contacts live on another one.
 */
export const OPERATOR_HEADER = 'x-operator-id';

export const DEFAULT_MAX_BODY_BYTES = 1_048_576;
export const DEFAULT_MAX_EVENTS = 1_000;

type Body = { kind: 'body'; bytes: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/** Reads at most `max` bytes; past that it stops buffering and says so (the caller discards the rest). */
function readBody(req: IncomingMessage, max: number): Promise<Body> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (declared > max) return resolve({ kind: 'too-large' });
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.off('data', onData);
        chunks.length = 0;
        resolve({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve({ kind: 'body', bytes: Buffer.concat(chunks) }));
    req.once('error', () => resolve({ kind: 'aborted' }));
    req.once('close', () => {
      if (!req.complete) resolve({ kind: 'aborted' });
    });
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/**
 * How long a client that sent a too-large body may go on uploading (into the
 * void) after its 413. Closing the socket on unread data resets the
 * connection, and the client sees EPIPE / ECONNRESET instead of the 413: a
 * network error it would retry for ever. Bounded, so that a client streaming
 * without end holds a socket for this long at most.
 */
const TOO_LARGE_LINGER_MS = 2_000;

/** Refuses a too-large body: nothing more of it is kept, the rest is discarded as it comes, for a while. */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, max: number): void {
  send(res, 413, { ok: false, error: `body larger than ${max} bytes` });
  if (req.complete) return;
  const timer = setTimeout(() => req.socket.destroy(), TOO_LARGE_LINGER_MS).unref();
  req.once('close', () => clearTimeout(timer));
  req.resume();
}

const kindOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

function relayOne(item: unknown, operatorHeader: string | undefined, options: Required<Pick<RelayServerOptions, 'ingest' | 'onError'>>): RelayResult {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { ok: false, status: 400, error: `an envelope must be a JSON object { type, event, operator?, timestamp? }, got ${kindOf(item)}` };
  }
  const envelope = item as Record<string, unknown>;
  for (const field of ['type', 'event'] as const) {
    if (!Object.hasOwn(envelope, field)) return { ok: false, status: 400, error: `envelope has no \`${field}\`` };
  }
  let timestamp: number | undefined;
  if (typeof envelope.timestamp === 'string') {
    timestamp = Date.parse(envelope.timestamp);
    if (Number.isNaN(timestamp)) return { ok: false, status: 400, error: 'envelope `timestamp` is not an ISO 8601 date' };
  } else if (typeof envelope.timestamp === 'number' || envelope.timestamp === undefined) {
    timestamp = envelope.timestamp;
  } else {
    return { ok: false, status: 400, error: 'envelope `timestamp` must be epoch milliseconds or an ISO 8601 string' };
  }
  const operator = envelope.operator as CallCenterOperator | undefined;
  if (operatorHeader !== undefined && (operator as { id?: unknown } | null | undefined)?.id !== operatorHeader) {
    return { ok: false, status: 400, error: `envelope \`operator.id\` differs from the ${OPERATOR_HEADER} header: it would be routed to the wrong relay` };
  }
  // The plugin validates the event, the operator and the time; in 'report' mode it returns, never throws.
  // Caught all the same, per envelope: the others of a batch are still relayed, and only this one says 500.
  let result: LogIngestEventResult;
  try {
    result = options.ingest(envelope.type, envelope.event, { operator, timestamp });
  } catch (error) {
    options.onError(error);
    return { ok: false, status: 500, error: 'internal error' };
  }
  return result.ok ? { ok: true } : { ok: false, status: 422, error: result.error.message, issues: result.error.issues };
}

/** 200 when every envelope was taken, 207 when some were, else the refusal (400 when the reasons differ). */
function batchStatus(results: RelayResult[]): number {
  const refused = results.filter((r) => !r.ok);
  if (refused.length === 0) return 200;
  if (refused.length < results.length) return 207;
  if (refused.some((r) => r.status === 500)) return 500;
  return refused.every((r) => r.status === 422) ? 422 : 400;
}

export function createRelayServer(options: RelayServerOptions): RelayServer {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  const onError = options.onError ?? ((error: unknown) => console.error('relay: request failed:', error));
  let closing = false;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path === HEALTH_PATH) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false, error: `${req.method} not allowed on ${HEALTH_PATH}` }, { allow: 'GET, HEAD' });
      return send(res, closing ? 503 : 200, closing ? { ok: false, error: 'relay is shutting down' } : { ok: true });
    }
    if (path !== EVENTS_PATH) return send(res, 404, { ok: false, error: `no such path; POST events to ${EVENTS_PATH}` });
    if (req.method !== 'POST') return send(res, 405, { ok: false, error: `${req.method} not allowed on ${EVENTS_PATH}; use POST` }, { allow: 'POST' });
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding !== 'identity') return send(res, 415, { ok: false, error: `content-encoding ${encoding} is not supported` });

    const body = await readBody(req, maxBodyBytes);
    if (body.kind === 'aborted') return;
    if (body.kind === 'too-large') return refuseTooLarge(req, res, maxBodyBytes);
    // Checked after the body is read: a request that was uploading when the relay began to stop must not reach the plugin.
    if (closing) return send(res, 503, { ok: false, error: 'relay is shutting down' }, { connection: 'close', 'retry-after': '1' });

    let parsed: unknown;
    try {
      parsed = JSON.parse(body.bytes.toString('utf8'));
    } catch (error) {
      return send(res, 400, { ok: false, error: `body is not JSON: ${(error as Error).message}` });
    }
    if (Array.isArray(parsed) && parsed.length > maxEvents) {
      return send(res, 413, { ok: false, error: `more than ${maxEvents} envelopes in one request` });
    }
    const header = req.headers[OPERATOR_HEADER];
    const operatorHeader = Array.isArray(header) ? header.join(',') : header;
    const results = (Array.isArray(parsed) ? parsed : [parsed]).map((item) => relayOne(item, operatorHeader, { ingest: options.ingest, onError }));
    send(res, batchStatus(results), Array.isArray(parsed) ? results : results[0]);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      onError(error);
      send(res, 500, { ok: false, error: 'internal error' });
    });
  });

  return {
    server,
    close() {
      closing = true;
      return new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
