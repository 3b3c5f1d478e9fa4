/**
 * Checks everything the SDK exports and forgets it: counts log records and
 * spans, and counts (with the first few examples) every exported value that
 * breaks the telemetry contract: a free-text marker anywhere, a value OTLP
 * cannot carry, a string over the length bound, a time outside
 * 1970 .. now + clock skew. Nothing exported is retained, so a million
 * events fit in memory.
 */
import type { AnyValue, Attributes, HrTime } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { containsMarker } from './free-text-marker.ts';

/** The contract's default `maxStringLength`: no exported string attribute, body or span name is longer. */
export const DEFAULT_MAX_STRING_LENGTH = 4096;
/** The contract's default `maxClockSkewMs`: no accepted time lies further ahead of now. */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 300_000;
/** Nesting deeper than this is not something an exporter should be handed (a sanitised `meta` stops at 8). */
const MAX_DEPTH = 32;
/** Examples kept per kind of finding: enough to debug, bounded for a million events. */
const MAX_EXAMPLES = 3;
/** How much of an offending value an example quotes. */
const EXAMPLE_LENGTH = 160;

export type FindingKind = 'marker' | 'invalid-value' | 'overlong-string' | 'time-out-of-bounds';

export interface ScanFindings {
  readonly counts: Readonly<Record<FindingKind, number>>;
  /** Per kind, how many were found where (`log body`, `span event name`, `metric call_center.events attribute …`). */
  readonly places: Readonly<Record<FindingKind, Readonly<Record<string, number>>>>;
  /** The first few findings of each kind, as `place: value` lines. */
  readonly examples: Readonly<Record<FindingKind, readonly string[]>>;
}

/** Distinct places counted per kind; past that they are counted as `elsewhere` (a key can be anything). */
const MAX_PLACES = 64;

const KINDS: readonly FindingKind[] = ['marker', 'invalid-value', 'overlong-string', 'time-out-of-bounds'];
const perKind = <T>(make: () => T): Record<FindingKind, T> => Object.fromEntries(KINDS.map((kind) => [kind, make()])) as Record<FindingKind, T>;

function quote(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > EXAMPLE_LENGTH ? `${text.slice(0, EXAMPLE_LENGTH)}… (${text.length} chars)` : text;
}

/** An attribute key as a place name: the key itself, unless it is what leaked. */
const keyPlace = (key: string): string => (containsMarker(key) ? '<a key holding a marker>' : key.slice(0, 60));

const isPlainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

export class TelemetryScan implements LogRecordExporter, SpanExporter {
  logRecords = 0;
  spans = 0;
  readonly #counts = perKind(() => 0);
  readonly #places = perKind(() => new Map<string, number>());
  readonly #examples = perKind((): string[] => []);
  readonly #maxStringLength: number;
  readonly #maxClockSkewMs: number;
  readonly #now: () => number;

  /** `now`: the clock the instrumentation is configured with, which bounds the times it may accept. */
  constructor({ now = Date.now, maxStringLength = DEFAULT_MAX_STRING_LENGTH, maxClockSkewMs = DEFAULT_MAX_CLOCK_SKEW_MS } = {}) {
    this.#now = now;
    this.#maxStringLength = maxStringLength;
    this.#maxClockSkewMs = maxClockSkewMs;
  }

  get findings(): ScanFindings {
    return {
      counts: { ...this.#counts },
      places: perKindFrom(this.#places, (places) => Object.fromEntries(places)),
      examples: perKindFrom(this.#examples, (examples) => [...examples]),
    };
  }

  export(items: ReadableLogRecord[] | ReadableSpan[], done: (result: ExportResult) => void): void {
    const latestMs = this.#now() + this.#maxClockSkewMs;
    for (const item of items) {
      // Log records may carry a spanContext too; only they have an observed time.
      if ('hrTimeObserved' in item) this.#scanLogRecord(item, latestMs);
      else this.#scanSpan(item, latestMs);
    }
    done({ code: ExportResultCode.SUCCESS });
  }

  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}

  /** Metric data points: their attributes must hold no marker and only values OTLP can carry. */
  scanMetrics(resourceMetrics: ResourceMetrics): void {
    for (const scope of resourceMetrics.scopeMetrics) {
      for (const metric of scope.metrics) {
        for (const point of metric.dataPoints) this.#scanAttributes(`metric ${metric.descriptor.name} attribute`, point.attributes);
      }
    }
  }

  #scanLogRecord(record: ReadableLogRecord, latestMs: number): void {
    this.logRecords++;
    if (typeof record.body !== 'string') this.#found('invalid-value', 'log body', record.body);
    else this.#scanString('log body', record.body);
    this.#scanAttributes('log attribute', record.attributes);
    this.#scanTime('log time', record.hrTime, latestMs);
  }

  #scanSpan(span: ReadableSpan, latestMs: number): void {
    this.spans++;
    this.#scanString('span name', span.name);
    this.#scanAttributes('span attribute', span.attributes);
    if (span.status.message !== undefined) this.#scanString('span status message', span.status.message);
    this.#scanTime('span start', span.startTime, latestMs);
    this.#scanTime('span end', span.endTime, latestMs);
    for (const event of span.events) {
      this.#scanString('span event name', event.name);
      this.#scanAttributes('span event attribute', event.attributes ?? {});
      this.#scanTime('span event time', event.time, latestMs);
    }
    for (const link of span.links) this.#scanAttributes('span link attribute', link.attributes ?? {});
  }

  #scanAttributes(place: string, attributes: Attributes | Record<string, AnyValue>): void {
    for (const [key, value] of Object.entries(attributes)) {
      this.#scanString(`${place} key`, key);
      this.#scanValue(`${place} ${keyPlace(key)}`, value, 0);
    }
  }

  /** Walks a value as OTLP's AnyValue: strings, finite numbers, booleans, bytes, arrays and plain maps of them. */
  #scanValue(place: string, value: unknown, depth: number): void {
    if (depth > MAX_DEPTH) {
      this.#found('invalid-value', place, `nested deeper than ${MAX_DEPTH}`);
      return;
    }
    if (typeof value === 'string') {
      this.#scanString(place, value);
      return;
    }
    if (value === null || value === undefined || typeof value === 'boolean') return;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) this.#found('invalid-value', place, value);
      return;
    }
    if (value instanceof Uint8Array) return;
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) this.#scanValue(place, item, depth + 1);
      return;
    }
    if (typeof value === 'object' && isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        this.#scanString(`${place} key`, key);
        this.#scanValue(place, item, depth + 1);
      }
      return;
    }
    this.#found('invalid-value', place, Object.prototype.toString.call(value));
  }

  #scanString(place: string, value: string): void {
    if (containsMarker(value)) this.#found('marker', place, value);
    if (value.length > this.#maxStringLength) this.#found('overlong-string', place, value);
  }

  #scanTime(place: string, time: HrTime, latestMs: number): void {
    const ms = time[0] * 1000 + time[1] / 1e6;
    if (ms >= 0 && ms <= latestMs) return;
    const date = new Date(ms);
    this.#found('time-out-of-bounds', place, Number.isNaN(date.getTime()) ? `${ms} ms` : `${ms} ms (${date.toISOString()})`);
  }

  #found(kind: FindingKind, place: string, value: unknown): void {
    this.#counts[kind]++;
    const places = this.#places[kind];
    const at = places.has(place) || places.size < MAX_PLACES ? place : 'elsewhere';
    places.set(at, (places.get(at) ?? 0) + 1);
    if (this.#examples[kind].length < MAX_EXAMPLES) this.#examples[kind].push(`${place}: ${quote(value)}`);
  }
}

function perKindFrom<A, B>(source: Readonly<Record<FindingKind, A>>, map: (a: A, kind: FindingKind) => B): Record<FindingKind, B> {
  return Object.fromEntries(KINDS.map((kind) => [kind, map(source[kind], kind)])) as Record<FindingKind, B>;
}

/** The findings of two scans as one (the fuzzer scans two SDKs). */
export function mergeFindings(a: ScanFindings, b: ScanFindings): ScanFindings {
  const places = (kind: FindingKind): Record<string, number> => {
    const sum: Record<string, number> = { ...a.places[kind] };
    for (const [place, n] of Object.entries(b.places[kind])) sum[place] = (sum[place] ?? 0) + n;
    return sum;
  };
  return {
    counts: perKindFrom(a.counts, (n, kind) => n + b.counts[kind]),
    places: perKindFrom(a.places, (_, kind) => places(kind)),
    examples: perKindFrom(a.examples, (examples, kind) => [...examples, ...b.examples[kind]].slice(0, MAX_EXAMPLES)),
  };
}
