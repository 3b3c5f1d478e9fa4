// The demo's metric reader: a shift replayed in seconds must still export its
// metrics as the shift happened, or every series has one point and every
// rate or increase over it is empty. It collects each time the simulated clock
// passes an interval and stamps the points with that simulated time, to every
// exporter it is given, a few collections to a request.
//
// A series that first appears mid-shift (a channel's first e-mail at 11:00)
// would lose its first value to a backend's increase(): its first sample is
// already 1. So each series starts (StartTimeUnixNano) at the collection
// before it appeared, and a point of value 0 at that time is exported first.
// Prometheus (3.16) ingests the start time as a zero sample only within an hour
// of its newest sample, and only behind a feature flag; an explicit zero point
// works with any backend and any age.
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { DataPointType, MetricReader, type MetricData, type ResourceMetrics } from '@opentelemetry/sdk-metrics';

/** What the reader needs of an exporter: the file exporter and the collector's buffer both are. */
export interface MetricsExporter {
  export(metrics: ResourceMetrics, done: (result: ExportResult) => void): void;
  shutdown(): Promise<void>;
}

export interface SimulatedClockReaderOptions {
  exporters: MetricsExporter[];
  /** Epoch ms the shift starts: every cumulative series counts from it. */
  startMs: number;
  /** Simulated ms between two collections. */
  intervalMs: number;
  /** The simulated clock, read at shutdown for the last collection. */
  now: () => number;
  /**
   * Collections sent together, as one export request (one scope entry each,
   * in time order): a shift of 480 minutes is 32 requests, not 480, which a
   * collector with a persistent queue takes in well under a second.
   * @default 15
   */
  collectionsPerExport?: number;
}

const hrTime = (ms: number): [number, number] => [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];

/** A series' value before anything was recorded in it: 0, an empty histogram. */
function zeroOf(metric: MetricData, value: unknown): unknown {
  if (metric.dataPointType !== DataPointType.HISTOGRAM) return 0;
  const { buckets } = value as { buckets: { boundaries: number[]; counts: number[] } };
  return { buckets: { boundaries: buckets.boundaries, counts: buckets.counts.map(() => 0) }, sum: 0, count: 0 };
}

export class SimulatedClockReader extends MetricReader {
  readonly #options: SimulatedClockReaderOptions;
  #nextMs: number;
  #lastMs: number;
  /** Collections not sent yet, each a scope entry (its zero points first), and their resource. */
  #pending: ResourceMetrics['scopeMetrics'] = [];
  #pendingCollections = 0;
  #resource: ResourceMetrics['resource'] | undefined;
  /** When each series began, epoch ms: the collection before it first appeared. */
  readonly #seriesStartMs = new Map<string, number>();
  /** Exports that failed, by exporter order: the demo reports them. */
  readonly failures: unknown[] = [];

  constructor(options: SimulatedClockReaderOptions) {
    super();
    this.#options = options;
    this.#nextMs = options.startMs + options.intervalMs;
    this.#lastMs = options.startMs;
  }

  /**
   * The simulated clock is about to reach `ms`: exports once for each interval
   * passed, before the events at `ms` are applied, so a collection at time T
   * holds exactly the events before T.
   */
  async advanceTo(ms: number): Promise<void> {
    while (this.#nextMs <= ms) {
      await this.#exportAt(this.#nextMs);
      this.#nextMs += this.#options.intervalMs;
    }
  }

  async #exportAt(ms: number): Promise<void> {
    const { resourceMetrics, errors } = await this.collect();
    if (errors.length > 0) this.failures.push(...errors);
    const previousMs = this.#lastMs;
    this.#lastMs = ms;
    const zeros: MetricData[] = [];
    const stamped = resourceMetrics.scopeMetrics.map((scope) => ({
      ...scope,
      metrics: scope.metrics.map((metric) => {
        const fresh: Array<(typeof metric.dataPoints)[number]> = [];
        const dataPoints = metric.dataPoints.map((point) => {
          const key = `${scope.scope.name}\n${metric.descriptor.name}\n${JSON.stringify(point.attributes)}`;
          let startMs = this.#seriesStartMs.get(key);
          if (startMs === undefined) {
            startMs = previousMs;
            this.#seriesStartMs.set(key, startMs);
            fresh.push({ ...point, startTime: hrTime(startMs), endTime: hrTime(startMs), value: zeroOf(metric, point.value) } as typeof point);
          }
          return { ...point, startTime: hrTime(startMs), endTime: hrTime(ms) };
        });
        if (fresh.length > 0) zeros.push({ ...metric, dataPoints: fresh } as MetricData);
        return { ...metric, dataPoints } as MetricData;
      }),
    }));
    if (stamped.every((scope) => scope.metrics.length === 0)) return;
    this.#resource = resourceMetrics.resource;
    if (zeros.length > 0) this.#pending.push({ scope: resourceMetrics.scopeMetrics[0]!.scope, metrics: zeros });
    this.#pending.push(...stamped);
    if (++this.#pendingCollections >= (this.#options.collectionsPerExport ?? 15)) await this.#flush();
  }

  /** Sends the collections kept so far, as one request. */
  async #flush(): Promise<void> {
    if (!this.#resource || this.#pending.length === 0) return;
    const scopeMetrics = this.#pending;
    this.#pending = [];
    this.#pendingCollections = 0;
    await this.#send({ resource: this.#resource, scopeMetrics });
  }

  #send(metrics: ResourceMetrics): Promise<unknown> {
    return Promise.all(
      this.#options.exporters.map(
        (exporter) =>
          new Promise<void>((resolve) =>
            exporter.export(metrics, (result) => {
              if (result.code !== ExportResultCode.SUCCESS) this.failures.push(result.error);
              resolve();
            }),
          ),
      ),
    );
  }

  protected async onForceFlush(): Promise<void> {
    await this.#flush();
  }

  /** The last collection, at the simulated clock (what ended at the SDK's shutdown included), then the exporters' shutdown. */
  protected async onShutdown(): Promise<void> {
    await this.#exportAt(Math.max(this.#options.now(), this.#lastMs + 1));
    await this.#flush();
    await Promise.all(this.#options.exporters.map((exporter) => exporter.shutdown()));
  }
}
