/*
 * LogQL text for the dashboard's Loki panels, over the log records the plugin
 * exports to Loki's native OTLP endpoint: `service.name` is the stream label
 * `service_name`, and log attributes are structured metadata with dots as
 * underscores (`call_center_contact_action`), filtered after the selector.
 */
import { sum } from './promql.ts';

/** `{service_name=~"$service"} | stage | ...`: the log records of the services picked in the dashboard, through a pipeline. */
export function logs(stages: readonly string[]): string {
  return [`{service_name=~"$service"}`, ...stages].join(' | ');
}

export interface SumOverTime {
  by: readonly string[];
  /** `count_over_time` counts records; `sum_over_time` adds up the value the pipeline unwraps. */
  over: 'count_over_time' | 'sum_over_time';
  stages: readonly string[];
  window: string;
}

/** `sum by (...) (over(logs | ... [window]))`. */
export function sumOverTime({ by, over, stages, window }: SumOverTime): string {
  return sum(by, `${over}(${logs(stages)} [${window}])`);
}

/** Pipeline stages turning a numeric attribute into the sample value, skipping records where it does not parse. */
export function unwrap(label: string): string[] {
  return [`unwrap ${label}`, '__error__=""'];
}
