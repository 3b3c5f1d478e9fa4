// Exporters that write OTLP/JSON export requests to files, one request per
// line: the same format as the collector's file exporter, so the demo's
// summary reads either.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { JsonLogsSerializer, JsonMetricsSerializer, JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { AggregationTemporality, type PushMetricExporter, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

/** Writes each export request, serialised by `serialize`, as one line of a file (truncated at start). */
class JsonLinesExporter<T> {
  readonly path: string;
  readonly #serialize: (items: T) => Uint8Array | undefined;
  constructor(dir: string, name: string, serialize: (items: T) => Uint8Array | undefined) {
    mkdirSync(dir, { recursive: true });
    this.path = join(dir, name);
    this.#serialize = serialize;
    writeFileSync(this.path, '');
  }
  export(items: T, done: (result: ExportResult) => void): void {
    const bytes = this.#serialize(items);
    if (!bytes) {
      done({ code: ExportResultCode.FAILED, error: new Error('could not serialise the export request') });
      return;
    }
    try {
      appendFileSync(this.path, `${Buffer.from(bytes).toString('utf8')}\n`);
      done({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      done({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

export class LogsFileExporter extends JsonLinesExporter<ReadableLogRecord[]> implements LogRecordExporter {
  constructor(dir: string) {
    super(dir, 'logs.jsonl', (records) => JsonLogsSerializer.serializeRequest(records));
  }
}

export class TracesFileExporter extends JsonLinesExporter<ReadableSpan[]> implements SpanExporter {
  constructor(dir: string) {
    super(dir, 'traces.jsonl', (spans) => JsonTraceSerializer.serializeRequest(spans));
  }
}

export class MetricsFileExporter extends JsonLinesExporter<ResourceMetrics> implements PushMetricExporter {
  constructor(dir: string) {
    super(dir, 'metrics.jsonl', (metrics) => JsonMetricsSerializer.serializeRequest(metrics));
  }
  selectAggregationTemporality(): AggregationTemporality {
    return AggregationTemporality.CUMULATIVE;
  }
}
