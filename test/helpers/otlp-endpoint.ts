import { createServer, type Server } from 'node:http';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';

/** One OTLP/HTTP logs request the endpoint received, and how it answered. */
export interface EndpointRequest {
  /** `performance.now()` when the request had been read. */
  at: number;
  /** The string bodies of its log records, in order. */
  bodies: string[];
  status: number;
}

/**
 * A stand-in for a collector's OTLP/HTTP logs endpoint (OTLP/JSON), so that
 * the real OTLPLogExporter meets the answers a collector gives: each request
 * gets the status `answer` picks from its log record bodies.
 */
export interface OtlpEndpoint {
  readonly port: number;
  /** The logs URL, for `new OTLPLogExporter({ url })`. */
  readonly url: string;
  /** Every request answered, in order. */
  readonly requests: EndpointRequest[];
  /** The bodies of the requests answered 2xx, in order. */
  accepted(): string[];
  /** Picks a request's status from its bodies; 200 until set. */
  answer: (bodies: string[]) => number;
  /** Stops listening: connections are refused until `listen()`. */
  close(): Promise<void>;
  /** Listens again, on the same port. */
  listen(): Promise<void>;
}

interface OtlpJsonLogs {
  resourceLogs?: Array<{ scopeLogs?: Array<{ logRecords?: Array<{ body?: { stringValue?: string } }> }> }>;
}

/** Starts an endpoint on a free loopback port (or `port`). */
export async function startOtlpEndpoint(options: { port?: number } = {}): Promise<OtlpEndpoint> {
  let server: Server | undefined;
  let port = options.port ?? 0;
  const endpoint: OtlpEndpoint = {
    get port() {
      return port;
    },
    get url() {
      return `http://127.0.0.1:${port}/v1/logs`;
    },
    requests: [],
    accepted: () => endpoint.requests.filter((r) => r.status < 300).flatMap((r) => r.bodies),
    answer: () => 200,
    async close() {
      const closing = server;
      server = undefined;
      if (!closing) return;
      closing.closeAllConnections();
      await new Promise<void>((resolve, reject) => closing.close((error) => (error ? reject(error) : resolve())));
    },
    async listen() {
      const next = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpJsonLogs;
          const bodies = (request.resourceLogs ?? []).flatMap((r) => (r.scopeLogs ?? []).flatMap((s) => (s.logRecords ?? []).map((l) => String(l.body?.stringValue))));
          const status = endpoint.answer(bodies);
          endpoint.requests.push({ at: performance.now(), bodies, status });
          // The collector's own answer to a refusal: a google.rpc.Status.
          const answer = status < 300 ? {} : { code: 3, message: `refused with ${status}` };
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
        });
      });
      await new Promise<void>((resolve, reject) => {
        next.once('error', reject);
        next.listen(port, '127.0.0.1', () => resolve());
      });
      const address = next.address();
      if (typeof address === 'object' && address) port = address.port;
      server = next;
    },
  };
  await endpoint.listen();
  return endpoint;
}

/** Real SDK log records, one per body, each with that string body and the time given (default: now). */
export function logRecordsWithBodies(bodies: string[], timestamp?: number): ReadableLogRecord[] {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: memory })] });
  const logger = provider.getLogger('otlp-endpoint-test');
  for (const body of bodies) logger.emit(timestamp === undefined ? { body } : { body, timestamp });
  return memory.getFinishedLogRecords();
}
