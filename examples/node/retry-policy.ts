// Which failed OTLP exports are worth sending again, and after how long.
//
// Read against the installed @opentelemetry/otlp-exporter-base 0.301 (its
// Node HTTP transport, shared by the OTLP/HTTP JSON and protobuf exporters),
// which hands a failed export to its caller as `ExportResult.error`:
//  - an HTTP status other than 429, 502, 503, 504: an `OTLPExporterError`
//    whose `code` is the status (message: the status text; `data`: the
//    response body). 408 and 500 arrive this way too: the exporter does not
//    retry them, and neither does the specification;
//  - 429, 502, 503, 504: retried inside the exporter until its
//    `timeoutMillis`, then an `OTLPExporterError` WITHOUT a code ("Export
//    failed with retryable status"): the status is lost on the way;
//  - no answer: Node's own error, with a string `code` (ECONNREFUSED,
//    ENOTFOUND, a TLS code, …), or `Error('Request timed out')`;
//  - a request it cannot build: thrown from `export()` itself (BigInt of a
//    NaN time: a RangeError), or `Error('Nothing to send')`.
// Errors are told apart by shape (`name`, `code`), not `instanceof`: two
// copies of the exporter package in one application must classify alike.

/** Why an export failed, and so whether sending the same batch again can succeed. */
export type ExportFailure =
  /** The collector said no for good (any status but 429, 502, 503 and 504, as OTLP/HTTP has it): the same batch gets the same answer. */
  | { kind: 'refused'; status: number; message: string }
  /** The exporter could not build a request from the batch. */
  | { kind: 'unserialisable'; message: string }
  /** No answer: connection refused, name not found, TLS, time-out. */
  | { kind: 'unreachable'; message: string }
  /** The collector answered "not now" (429, 502, 503, 504; `status` is absent when the exporter dropped it, as it does), or an error of no known shape. */
  | { kind: 'unavailable'; status?: number; message: string };

export interface ClassifyOptions {
  /** The exporter threw it from `export()` instead of reporting it. @default false */
  thrown?: boolean;
}

/**
 * The statuses OTLP/HTTP retries: 429, 502, 503, 504. Every other 4xx and
 * 5xx "MUST NOT be retried" (the specification, "Failures"): the
 * collector's receiver answers 500 for a permanent error of its pipeline.
 */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** Classifies what a failed export reported (or threw). */
export function classifyExportFailure(error: unknown, options: ClassifyOptions = {}): ExportFailure {
  const { name, code, message: raw } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; code?: unknown; message?: unknown };
  const text = typeof raw === 'string' ? raw : String(error);
  // The exporter's own errors carry the status text alone ("Bad Request"); other errors say what they are, unless plain.
  const message = name === 'OTLPExporterError' || name === 'Error' || typeof name !== 'string' ? text : `${name}: ${text}`;
  if (options.thrown) return { kind: 'unserialisable', message };
  if (name === 'OTLPExporterError' && typeof code === 'number') {
    if (RETRYABLE_STATUSES.has(code)) return { kind: 'unavailable', status: code, message };
    return { kind: 'refused', status: code, message };
  }
  if (typeof code === 'string' || text === 'Request timed out') return { kind: 'unreachable', message };
  if (text === 'Nothing to send') return { kind: 'unserialisable', message };
  return { kind: 'unavailable', message };
}

/** Whether sending the same batch again can succeed. */
export function isRetryable(failure: ExportFailure): boolean {
  return failure.kind === 'unreachable' || failure.kind === 'unavailable';
}

/** One line for a diag message: `HTTP 400 Bad Request`, `collector unreachable: connect ECONNREFUSED …`. */
export function describeFailure(failure: ExportFailure): string {
  switch (failure.kind) {
    case 'refused':
      return `HTTP ${failure.status} ${failure.message}`;
    case 'unavailable':
      return failure.status === undefined ? `collector unavailable: ${failure.message}` : `HTTP ${failure.status} ${failure.message}`;
    case 'unreachable':
      return `collector unreachable: ${failure.message}`;
    case 'unserialisable':
      return failure.message;
  }
}

export interface BackoffOptions {
  /** The wait before the first retry. */
  initialMs: number;
  /** No wait is longer. */
  maxMs: number;
  /** A number in [0, 1): the jitter. */
  random: () => number;
}

/**
 * The wait before retry `retry` (1 for the first) of the same batch: doubling
 * from `initialMs` up to `maxMs`, then drawn between half and all of that,
 * so that relays that lost the same collector do not all come back in step.
 * Below the cap, a wait is never shorter than the one before could be.
 */
export function retryDelayMs(retry: number, { initialMs, maxMs, random }: BackoffOptions): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(Math.max(retry, 1) - 1, 40));
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(Math.max(random(), 0), 1));
}
