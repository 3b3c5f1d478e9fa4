import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callCenterDashboard, renderDashboard } from '../../../examples/grafana/dashboard.js';
import { prometheusQueries } from '../../../examples/grafana/prometheus-queries.js';
import { SERVICE_LEVEL_THRESHOLDS } from '../../../examples/grafana/variables.js';
import { WAIT_HOLD_BUCKETS } from '../../../src/metrics.js';

/*
 * examples/grafana/dashboard.ts is the source of the Grafana dashboard; the
 * JSON next to it is what users import, kept in git. These keep the two the
 * same, and the list of Prometheus queries complete. What the queries name is
 * checked against the plugin in dashboards.test.ts.
 */

const checkedIn = (): string => readFileSync(new URL('../../../examples/grafana/call-center-dashboard.json', import.meta.url), 'utf8');

interface Target {
  datasource?: { type?: string };
  refId?: string;
  expr?: string;
}

describe('examples/grafana/dashboard.ts', () => {
  it('generates the checked-in call-center-dashboard.json, byte for byte', () => {
    const generated = renderDashboard();

    // One assertion with a message, not a 1 500-line diff of two strings.
    expect(
      generated === checkedIn(),
      'examples/grafana/call-center-dashboard.json is not what examples/grafana/dashboard.ts generates: run `npm run dashboards` and commit the result',
    ).toBe(true);
  });

  it('generates the same text every time, ending in one newline', () => {
    const first = renderDashboard();

    expect(renderDashboard()).toBe(first);
    expect(first.endsWith('}\n')).toBe(true);
    expect((JSON.parse(first) as { uid: string }).uid).toBe(callCenterDashboard().uid);
  });

  it('lists every Prometheus target of the dashboard, with its panel, in dashboard order', () => {
    const dashboard = JSON.parse(checkedIn()) as { panels: Array<{ type: string; title: string; targets?: Target[] }> };
    const expected = dashboard.panels.flatMap((panel) =>
      (panel.targets ?? []).filter((t) => t.datasource?.type === 'prometheus').map((t) => ({ panel: panel.title, refId: t.refId, expr: t.expr })),
    );

    const listed = prometheusQueries();

    expect(listed.map(({ panel, refId, expr }) => ({ panel, refId, expr }))).toEqual(expected);
    expect(listed.length).toBeGreaterThan(8);
    // Every expression filters by the service picked, and the range panels say how short a step may be.
    for (const q of listed) expect(q.expr, q.panel).toContain('job=~"$service"');
    expect(listed.filter((q) => q.expr.includes('$__rate_interval')).every((q) => q.minInterval === '5m')).toBe(true);
    expect(listed.filter((q) => q.expr.includes('$__range')).every((q) => q.instant)).toBe(true);
  });

  it('offers as service-level targets only bucket boundaries of the wait histogram, which the panel selects by le', () => {
    const serviceLevel = prometheusQueries().filter((q) => q.expr.includes('$threshold'));

    // Another target would match no bucket series, and the panel would go blank.
    expect(SERVICE_LEVEL_THRESHOLDS.filter((t) => !WAIT_HOLD_BUCKETS.includes(Number(t)))).toEqual([]);
    expect(serviceLevel.map((q) => q.panel)).toEqual(['Service level by channel (answered within $threshold s)']);
    expect(serviceLevel[0]!.expr).toContain('call_center_contact_wait_duration_seconds_bucket{');
    // The le matcher, as Prometheus reads it (string literal unescaped, regex anchored), takes both spellings of a bound and nothing else.
    const literal = /\ble=~"((?:[^"\\]|\\.)*)"/.exec(serviceLevel[0]!.expr)?.[1] ?? '';
    const le = new RegExp(`^(?:${literal.replace(/\\(.)/g, '$1').replaceAll('$threshold', '20')})$`);
    expect(['20', '20.0', '200', '2'].map((v) => le.test(v))).toEqual([true, true, false, false]);
  });
});
