import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callCenterDashboard, renderDashboard } from '../../../examples/grafana/dashboard.js';
import { prometheusQueries } from '../../../examples/grafana/prometheus-queries.js';
import { SERVICE_LEVEL_THRESHOLDS, SERVICES_QUERY } from '../../../examples/grafana/variables.js';
import { WAIT_HOLD_BUCKETS } from '../../../src/metrics.js';

/*
 * examples/grafana/dashboard.ts is the source of the Grafana dashboard; the
 * JSON next to it is what users import, kept in git. These keep the two the
 * same, and the list of Prometheus queries complete. What the queries name is
 * checked against the plugin in dashboards.test.ts.
 */

const checkedIn = (): string => readFileSync(new URL('../../../examples/grafana/call-center-dashboard.json', import.meta.url), 'utf8');

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
    // Every `expr` anywhere in the JSON (in rows too) whose data source, its own or else its panel's, is Prometheus, with that panel's title.
    type Node = { expr?: unknown; refId?: unknown; title?: unknown; targets?: unknown; datasource?: { type?: string } };
    const expected: Array<{ panel: string; refId: string; expr: string }> = [];
    const walk = (node: unknown, panel: { title: string; source?: string }): void => {
      if (Array.isArray(node)) for (const item of node) walk(item, panel);
      else if (typeof node === 'object' && node !== null) {
        const o = node as Node & Record<string, unknown>;
        if (typeof o.expr === 'string' && (o.datasource?.type ?? panel.source) === 'prometheus') expected.push({ panel: panel.title, refId: String(o.refId), expr: o.expr });
        const around = 'targets' in o && typeof o.title === 'string' ? { title: o.title, source: o.datasource?.type } : panel;
        for (const [key, value] of Object.entries(o)) if (key !== 'templating') walk(value, around);
      }
    };
    walk(JSON.parse(checkedIn()), { title: '' });

    const listed = prometheusQueries();

    expect(listed.map(({ panel, refId, expr }) => ({ panel, refId, expr }))).toEqual(expected);
    expect(listed.length).toBeGreaterThan(8);
    // The variables' Prometheus queries: `$service`'s, which test/e2e/dashboard-queries.test.ts runs.
    const variables = (JSON.parse(checkedIn()) as { templating: { list: Array<{ query?: unknown; datasource?: { type?: string } }> } }).templating.list;
    const queries = variables.filter((v) => v.datasource?.type === 'prometheus').map((v) => (typeof v.query === 'object' ? (v.query as { query: string }).query : v.query));
    expect(queries).toEqual([SERVICES_QUERY]);
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
