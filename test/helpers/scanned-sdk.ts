/**
 * The real OpenTelemetry SDK (logs, traces, metrics) with every export going
 * through one TelemetryScan, a count of spans started (a span opened for a
 * rejected event shows here at once, not only when it ends), and a metric
 * reader the fuzzer collects from when it is done.
 */
import type { Context } from '@opentelemetry/api';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { SimpleSpanProcessor, TracerProvider, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { TelemetryScan } from './telemetry-scan.ts';

class SpanStartCounter implements SpanProcessor {
  started = 0;
  onStart(_span: Span, _parentContext: Context): void {
    this.started++;
  }
  onEnd(): void {}
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

/** Collects on demand only: the fuzzer reads cumulative sums once, at the end. */
class PullMetricReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

export class ScannedSdk {
  readonly scan: TelemetryScan;
  readonly #starts = new SpanStartCounter();
  readonly #reader = new PullMetricReader();
  readonly tracerProvider: TracerProvider;
  readonly loggerProvider: LoggerProvider;
  readonly meterProvider = new MeterProvider({ readers: [this.#reader] });

  /** `now`: the instrumentation's clock, for the scan's bound on times. */
  constructor(now: () => number) {
    this.scan = new TelemetryScan({ now });
    this.tracerProvider = new TracerProvider({ spanProcessors: [this.#starts, new SimpleSpanProcessor({ exporter: this.scan })] });
    this.loggerProvider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: this.scan })] });
  }

  get spansStarted(): number {
    return this.#starts.started;
  }

  /** Collects the metrics, scans their attributes, and returns them. */
  async collectMetrics(): Promise<ResourceMetrics> {
    const { resourceMetrics, errors } = await this.#reader.collect();
    if (errors.length > 0) throw errors[0];
    this.scan.scanMetrics(resourceMetrics);
    return resourceMetrics;
  }

  async shutdown(): Promise<void> {
    await Promise.all([this.tracerProvider.shutdown(), this.loggerProvider.shutdown(), this.meterProvider.shutdown()]);
  }
}

/** The sum of a counter's data points, optionally only those whose attribute `key` is `value`. */
export function counterSum(resourceMetrics: ResourceMetrics, name: string, match?: { key: string; value: string }): number {
  let sum = 0;
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      if (metric.descriptor.name !== name) continue;
      for (const point of metric.dataPoints) {
        if (match && point.attributes[match.key] !== match.value) continue;
        if (typeof point.value === 'number') sum += point.value;
      }
    }
  }
  return sum;
}
