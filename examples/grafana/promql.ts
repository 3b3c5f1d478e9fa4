/*
 * PromQL text for the dashboard's Prometheus panels, over the metrics the
 * plugin exports through Prometheus' OTLP receiver (default translation:
 * `call_center.contact.duration` in seconds becomes the series
 * `call_center_contact_duration_seconds_{bucket,sum,count}`; attributes become
 * labels with dots as underscores; `service.name` becomes `job`).
 */

/** `{job=~"$service", ...matchers}`: the series of the services picked in the dashboard. */
export function selector(matchers: readonly string[] = []): string {
  return `{${['job=~"$service"', ...matchers].join(', ')}}`;
}

export interface SumIncrease {
  /** Labels to keep; none sums everything. */
  by: readonly string[];
  series: string;
  /** Label matchers beyond `job`. */
  matchers?: readonly string[];
  window: string;
}

/** `sum by (...) (increase(series{...}[window]))`: what a counter (or a histogram's `_sum`, `_count`, `_bucket`) added in the window. */
export function sumIncrease({ by, series, matchers = [], window }: SumIncrease): string {
  return sum(by, `increase(${series}${selector(matchers)}[${window}])`);
}

/** `sum by (a, b) (inner)`, or `sum(inner)` when nothing is kept (PromQL and LogQL alike). */
export function sum(by: readonly string[], inner: string): string {
  return by.length === 0 ? `sum(${inner})` : `sum by (${by.join(', ')}) (${inner})`;
}

/** One expression divided by another, on lines of their own (as Grafana's code editor shows it). */
export function ratio(numerator: string, denominator: string): string {
  return `${numerator}\n/\n${denominator}`;
}

export interface HistogramMean {
  by: readonly string[];
  /** The histogram's series name without `_sum` / `_count`. */
  histogram: string;
  matchers?: readonly string[];
  window: string;
}

/** A histogram's mean over the window: what its `_sum` added over what its `_count` added. */
export function histogramMean({ histogram, ...rest }: HistogramMean): string {
  return ratio(sumIncrease({ ...rest, series: `${histogram}_sum` }), sumIncrease({ ...rest, series: `${histogram}_count` }));
}
