import { describe, expect, it } from 'vitest';
import { escapeHtml, renderReport } from '../../../examples/shift/report-html.js';
import type { Summary } from '../../../examples/shift/summary.js';
import { SUMMARY } from './summary-fixture.js';

const OPTIONS = { source: '.demo-output', writtenAt: Date.parse('2026-01-05T17:00:00Z') };

describe('report.html', () => {
  it('is one page that fetches nothing: no script, link, image, font or url(), and a policy that forbids them', () => {
    const html = renderReport(SUMMARY, OPTIONS);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    for (const fetching of [/<script/i, /<link/i, /<img/i, /<iframe/i, /\bsrc=/i, /\bhref=/i, /url\(/i, /@import/i, /@font-face/i]) expect(html).not.toMatch(fetching);
    // The one address in it is SVG's namespace, which is never fetched.
    expect(html.match(/https?:\/\/[^\s"]+/g)).toEqual(Array(8).fill('http://www.w3.org/2000/svg'));
  });

  it('shows the summary as tables with the figure behind each cell, and bar charts of them', () => {
    const html = renderReport(SUMMARY, OPTIONS);
    expect(html).toContain('<tr data-key="whatsapp"><td>WhatsApp</td><td class="num" data-value="12">12</td><td class="num" data-value="3725">1 h 02 min</td></tr>');
    expect(html).toContain('<tr data-key="op-02 Tomás"><td>op-02 Tomás</td><td class="num" data-value="128">128</td><td class="num" data-value="0">0 min</td></tr>');
    for (const chart of ['handle:2', 'answer:2', 'answer:3', 'holds:2', 'holds:3', 'operators:1', 'operators:2', 'quality:2']) expect(html).toContain(`data-chart="${chart}"`);
    expect(html).toContain('4 events refused by validation: 2 badly formatted dates, 1 value not allowed, 1 required field missing.');
  });

  it('draws bars to scale: the largest value the full width, a percentage or a score against 100', () => {
    const html = renderReport(SUMMARY, OPTIONS);
    const bar = (chart: string, key: string) => Number(new RegExp(`data-chart="${chart}".*?<g data-key="${key}"[^>]*>.*?<rect [^>]*width="([\\d.]+)"`, 's').exec(html)?.[1]);
    expect(bar('operators:1', 'op-02 Tomás')).toBe(220);
    expect(bar('operators:1', 'op-01 Asha')).toBeCloseTo((220 * 7) / 128, 1);
    expect(bar('quality:2', 'needs_support')).toBeCloseTo(220 * 0.71, 1);
    expect(bar('answer:3', 'email')).toBe(0);
  });

  it('escapes everything it inserts, names from the telemetry included', () => {
    const hostile = `<script>alert("x")</script>&'`;
    const summary: Summary = {
      ...SUMMARY,
      contactsPerOperator: { [`op-9 ${hostile}`]: 3 },
      breakMinutesPerOperator: {},
      ahtByChannel: { [hostile]: { contacts: 1, ahtSeconds: 30 } },
      rejectedEvents: { [hostile]: 1 },
    };
    const html = renderReport(summary, { ...OPTIONS, source: `/tmp/"><img src=x>` });
    expect(html).not.toMatch(/<script|<img|alert\("x"\)/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(escapeHtml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  });
});
