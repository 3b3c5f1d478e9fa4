// The demo's metric reader: a shift replayed in seconds must still export its
// metrics as the shift happened, or every series has one point and every
// rate or increase over it is empty. It collects each time the simulated clock
// passes an interval and stamps the points with that simulated time, from the
// shift's start, to every exporter it is given.
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';

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
}

const hrTime = (ms: number): [number, number] => [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];

export class SimulatedClockReader extends MetricReader {
  readonly #options: SimulatedClockReaderOptions;
  #nextMs: number;
  #lastMs: number;
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
    this.#lastMs = ms;
    const start = hrTime(this.#options.startMs);
    const end = hrTime(ms);
    const stamped: ResourceMetrics = {
      resource: resourceMetrics.resource,
      scopeMetrics: resourceMetrics.scopeMetrics.map((scope) => ({
        ...scope,
        metrics: scope.metrics.map((metric) => ({ ...metric, dataPoints: metric.dataPoints.map((point) => ({ ...point, startTime: start, endTime: end })) }) as typeof metric),
      })),
    };
    if (stamped.scopeMetrics.every((scope) => scope.metrics.length === 0)) return;
    await Promise.all(
      this.#options.exporters.map(
        (exporter) =>
          new Promise<void>((resolve) =>
            exporter.export(stamped, (result) => {
              if (result.code !== ExportResultCode.SUCCESS) this.failures.push(result.error);
              resolve();
            }),
          ),
      ),
    );
  }

  protected async onForceFlush(): Promise<void> {}

  /** The last collection, at the simulated clock (what ended at the SDK's shutdown included), then the exporters' shutdown. */
  protected async onShutdown(): Promise<void> {
    await this.#exportAt(Math.max(this.#options.now(), this.#lastMs + 1));
    await Promise.all(this.#options.exporters.map((exporter) => exporter.shutdown()));
  }
}
