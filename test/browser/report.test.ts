import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../examples/shift/summary.js';
import { launchChromium } from './chromium.js';

const root = new URL('../..', import.meta.url).pathname;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Seconds from a duration as the report shows it: `15 s`, `4 min 07 s`, `1 h 02 min`. */
function seconds(text: string): number {
  const match = /^(?:(\d+) h )?(?:(\d+) min)?(?: ?(\d+) s)?$/.exec(text);
  if (!match || text === '') throw new Error(`not a duration: ${text}`);
  const [, h = '0', min = '0', s = '0'] = match;
  return Number(h) * 3600 + Number(min) * 60 + Number(s);
}

/** The text of each cell of a report table's rows, by row key. */
function table(page: Page, section: string): Promise<Record<string, string[]>> {
  return page.$$eval(`table[data-section="${section}"] tbody tr[data-key]`, (rows) =>
    Object.fromEntries(rows.map((row) => [row.getAttribute('data-key')!, [...row.querySelectorAll('td')].map((td) => td.textContent ?? '')])),
  );
}

describe('the demo’s report.html in Chromium', () => {
  it('fetches nothing but itself, and shows the figures of the --json summary of the same run', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cc-report-'));
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_|^OTEL_/i.test(key)));
    const { stdout } = await promisify(execFile)(process.execPath, ['examples/shift/simulate.ts', '--json', '--operators', '6', '--hours', '3', '--seed', '9', '--out', out], {
      cwd: root,
      env,
    });
    const { summary } = JSON.parse(stdout) as { summary: Summary };
    const report = pathToFileURL(join(out, 'report.html')).href;

    const page = await browser.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(report, { waitUntil: 'load' });

    const handle = await table(page, 'handle');
    expect(Object.keys(handle).sort()).toEqual(Object.keys(summary.ahtByChannel).sort());
    for (const [channel, { contacts, ahtSeconds }] of Object.entries(summary.ahtByChannel)) {
      expect(Number(handle[channel]![1]), channel).toBe(contacts);
      expect(seconds(handle[channel]![2]!), channel).toBe(Math.round(ahtSeconds));
    }
    const answer = await table(page, 'answer');
    for (const [channel, { answered, avgWaitSeconds, serviceLevel }] of Object.entries(summary.answerByChannel)) {
      expect([Number(answer[channel]![1]), seconds(answer[channel]![2]!), answer[channel]![3]], channel).toEqual([
        answered,
        Math.round(avgWaitSeconds),
        `${serviceLevel.toFixed(1)}%`,
      ]);
    }
    const operators = await table(page, 'operators');
    expect(Object.fromEntries(Object.entries(operators).map(([key, cells]) => [key, Number(cells[1])]))).toEqual(summary.contactsPerOperator);
    for (const [operator, onBreak] of Object.entries(summary.breakMinutesPerOperator)) expect(seconds(operators[operator]![2]!) / 60, operator).toBe(Math.round(onBreak));
    const quality = await table(page, 'quality');
    for (const [group, { scorecards, avgQuality }] of Object.entries(summary.qualityByGroup))
      expect([Number(quality[group]![1]), Number(quality[group]![2])]).toEqual([scorecards, avgQuality]);

    // The bars are drawn from the same figures: one per operator, the busiest the longest.
    const bars = await page.$$eval('[data-chart="operators:1"] g[data-key]', (groups) =>
      groups.map((g) => ({
        key: g.getAttribute('data-key')!,
        width: Number(g.querySelector('rect')!.getAttribute('width')),
        shown: g.querySelector('text:last-of-type')!.textContent,
      })),
    );
    expect(bars.map((b) => [b.key, Number(b.shown)])).toEqual(Object.entries(summary.contactsPerOperator));
    const busiest = Math.max(...Object.values(summary.contactsPerOperator));
    for (const bar of bars) expect(bar.width).toBeCloseTo((220 * summary.contactsPerOperator[bar.key]!) / busiest, 0);
    await page.screenshot({ path: join(tmpdir(), 'cc-report.png'), fullPage: true });

    expect(requests).toEqual([report]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
