import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type HistogramMetricData,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { CallCenterInstrumentation, type CallCenterInstrumentationConfig } from '../../src/index.js';

/** The real SDK with in-memory exporters, and one registered instrumentation. */
export interface Harness {
  instrumentation: CallCenterInstrumentation;
  spans: InMemorySpanExporter;
  logs: InMemoryLogRecordExporter;
  tracerProvider: TracerProvider;
  loggerProvider: LoggerProvider;
  meterProvider: MeterProvider;
  /** Collects metrics now and returns them by name. */
  collectMetrics(): Promise<Map<string, MetricData>>;
  records(): ReadableLogRecord[];
  shutdown(): Promise<void>;
}

export function createHarness(config: CallCenterInstrumentationConfig = {}): Harness {
  const spans = new InMemorySpanExporter();
  const logs = new InMemoryLogRecordExporter();
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
  const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] });
  const loggerProvider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: logs })] });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const instrumentation = new CallCenterInstrumentation(config);
  const unregister = registerInstrumentations({
    instrumentations: [instrumentation],
    tracerProvider,
    loggerProvider,
    meterProvider,
  });
  return {
    instrumentation,
    spans,
    logs,
    tracerProvider,
    loggerProvider,
    meterProvider,
    records: () => logs.getFinishedLogRecords(),
    async collectMetrics() {
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length > 0) throw errors[0];
      const byName = new Map<string, MetricData>();
      for (const scope of resourceMetrics.scopeMetrics) for (const m of scope.metrics) byName.set(m.descriptor.name, m);
      return byName;
    },
    async shutdown() {
      unregister();
      await Promise.all([tracerProvider.shutdown(), loggerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
}

/** Sum of a counter's data points whose attributes include `match`. */
export function counterValue(metric: MetricData | undefined, match: Record<string, unknown> = {}): number {
  if (!metric) return 0;
  let sum = 0;
  for (const point of metric.dataPoints) {
    if (Object.entries(match).every(([k, v]) => point.attributes[k] === v)) sum += point.value as number;
  }
  return sum;
}

/** The histogram point whose attributes include `match` (the metric must be a histogram). */
export function histogramValue(metric: MetricData | undefined, match: Record<string, unknown> = {}) {
  if (metric && metric.dataPointType !== DataPointType.HISTOGRAM) throw new Error(`${metric.descriptor.name} is not a histogram`);
  const point = (metric as HistogramMetricData | undefined)?.dataPoints.find((p) => Object.entries(match).every(([k, v]) => p.attributes[k] === v));
  return point?.value;
}
