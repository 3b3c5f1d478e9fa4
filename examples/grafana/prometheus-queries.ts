/*
 * Every Prometheus expression of the dashboard with its panel, for a test
 * that runs them against a real Prometheus.
 */
import { callCenterDashboard } from './dashboard.ts';

export interface PrometheusQuery {
  /** The panel's title, as in the dashboard. */
  panel: string;
  /** The target's refId within the panel (`A`, `B`, …). */
  refId: string;
  /** PromQL with Grafana's variables still in it (see prometheusQueries). */
  expr: string;
  /** Evaluated once at the end of the range (`true`), or as a range query (`false`). */
  instant: boolean;
  /** The panel's minimum step, where it sets one (`5m`): Grafana's `$__interval` is never shorter. */
  minInterval?: string;
}

/**
 * The dashboard's Prometheus expressions, panel by panel, in dashboard order.
 *
 * To run one as Grafana would, substitute:
 * - `$service`: in `job=~"$service"`: one service name as is (regex
 *   metacharacters escaped), several as `(a|b)`, All as `.+`;
 * - `$threshold`: one of `10`, `20`, `30`, `60` (default `20`), as is;
 * - `$__range`: the dashboard's time range as a duration (`43200s` for 12 h);
 * - `$__interval`: the step of a range query;
 * - `$__rate_interval`: `max($__interval + scrape interval, 4 × scrape interval)`,
 *   the scrape interval being the data source's setting (15 s by default).
 */
export function prometheusQueries(): PrometheusQuery[] {
  return (callCenterDashboard().panels ?? []).flatMap((panel) => {
    if (panel.type === 'row' || !('targets' in panel)) return [];
    return (panel.targets ?? []).flatMap((target) => {
      const t = target as { datasource?: { type?: string }; refId?: string; expr?: string; instant?: boolean };
      if (t.datasource?.type !== 'prometheus') return [];
      const query: PrometheusQuery = { panel: panel.title ?? '', refId: t.refId ?? '', expr: t.expr ?? '', instant: t.instant === true };
      if (panel.interval !== undefined) query.minInterval = panel.interval;
      return [query];
    });
  });
}
