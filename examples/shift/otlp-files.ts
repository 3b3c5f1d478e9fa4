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

class JsonLinesFile {
  readonly path: string;
  constructor(dir: string, name: string) {
    mkdirSync(dir, { recursive: true });
    this.path = join(dir, name);
    writeFileSync(this.path, '');
  }
  append(bytes: Uint8Array | undefined, done: (result: ExportResult) => void): void {
    if (!bytes) return done({ code: ExportResultCode.FAILED, error: new Error('could not serialise the export request') });
    try {
      appendFileSync(this.path, `${Buffer.from(bytes).toString('utf8')}\n`);
      done({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      done({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }
}

export class LogsFileExporter implements LogRecordExporter {
  readonly #file: JsonLinesFile;
  constructor(dir: string) {
    this.#file = new JsonLinesFile(dir, 'logs.jsonl');
  }
  export(records: ReadableLogRecord[], done: (result: ExportResult) => void): void {
    this.#file.append(JsonLogsSerializer.serializeRequest(records), done);
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

export class TracesFileExporter implements SpanExporter {
  readonly #file: JsonLinesFile;
  constructor(dir: string) {
    this.#file = new JsonLinesFile(dir, 'traces.jsonl');
  }
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.#file.append(JsonTraceSerializer.serializeRequest(spans), done);
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

export class MetricsFileExporter implements PushMetricExporter {
  readonly #file: JsonLinesFile;
  constructor(dir: string) {
    this.#file = new JsonLinesFile(dir, 'metrics.jsonl');
  }
  export(metrics: ResourceMetrics, done: (result: ExportResult) => void): void {
    this.#file.append(JsonMetricsSerializer.serializeRequest(metrics), done);
  }
  selectAggregationTemporality(): AggregationTemporality {
    return AggregationTemporality.CUMULATIVE;
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}
