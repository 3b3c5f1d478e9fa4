import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../e2e/collector.js';
import { logRecords, metricPoints, spans, type MetricPoint } from '../../examples/shift/otlp-json.js';
import { launchChromium } from './chromium.js';
import { serve } from './server.js';

const root = new URL('../..', import.meta.url).pathname;

let browser: Browser;
let web: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  await promisify(execFile)('npm', ['run', '--silent', 'build:web'], { cwd: root });
  web = await serve(`${root}examples/web`);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

/** Hides the tab the way a browser does when the operator leaves: the SDK's processors (and the example's metric flush) run on it. */
function hideTab(page: Page): Promise<void> {
  return page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/** Starts a collector whose CORS admits the page's origin. */
function collectorFor(origin: string): Promise<RunningCollector> {
  return startCollector({ env: { CC_CORS_ALLOWED_ORIGINS: origin, CC_PATIENT_DATA_GUARD: 'on' } });
}

/** A new page of the web example for one operator, exporting to `collector`, once it says it is ready; page errors are collected. */
async function openConsole(collector: RunningCollector, operator: string, query = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${web.origin}/?collector=${encodeURIComponent(collector.httpEndpoint)}&operator=${operator}${query}`);
  await page.waitForSelector(`text=ready: operator ${operator}`);
  return { page, errors };
}

/** The span of a contact ended by a page reload, and the one that continues it on the next page: same trace, its child, linked, segment 2. */
function expectContinued(first: ReturnType<typeof spans>[number] | undefined, second: ReturnType<typeof spans>[number] | undefined): void {
  expect(first?.attributes).toMatchObject({ 'call_center.contact.end_reason': 'page_hide' });
  expect(second?.attributes).toMatchObject({ 'call_center.contact.end_reason': 'end', 'call_center.contact.segment': 2 });
  expect(second?.traceId).toBe(first?.traceId);
  expect(second?.parentSpanId).toBe(first?.spanId);
  expect(second?.links?.map((l) => l.spanId)).toEqual([first?.spanId]);
}

describe('the operator console in Chromium, exporting cross-origin through the real collector', () => {
  it('delivers log records, the contact span with its events, and the operator identity', async () => {
    const collector = await collectorFor(web.origin);
    try {
      const { page, errors } = await openConsole(collector, 'op-web-1');
      for (const id of ['attend', 'pause', 'resume', 'transfer', 'end', 'break-start', 'break-end', 'scorecard']) {
        await page.click(`#${id}`);
      }
      await page.click('#invalid');
      await expect.poll(() => page.textContent('#error')).toBe('Invalid break event: action: expected one of view, start, end, pause, resume, other; received "add"');
      await hideTab(page);
      await expect.poll(() => logRecords(collector.read('logs')).length, { timeout: 15_000 }).toBe(7);
      await expect.poll(() => spans(collector.read('traces')).length, { timeout: 15_000 }).toBe(2);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await collector.stop();
    }
    const logs = logRecords(collector.read('logs'));
    expect(logs.map((r) => r.eventName)).toEqual([...Array(5).fill('call_center.contact'), 'call_center.break', 'call_center.break']);
    for (const r of logs) expect(r.attributes).toMatchObject({ 'call_center.operator.id': 'op-web-1', 'call_center.operator.name': 'Asha' });
    expect(logs.every((r) => r.service === 'operator-console')).toBe(true);
    expect(logRecords(collector.read('scorecards')).map((r) => r.eventName)).toEqual(['call_center.ops_scorecard']);
    const traces = spans(collector.read('traces'));
    const contact = traces.find((s) => s.name === 'call_center.contact');
    expect(contact?.events.map((e) => e.name)).toEqual(['call_center.contact.pause', 'call_center.contact.resume', 'call_center.contact.transfer']);
    expect(contact?.attributes).toMatchObject({ 'call_center.operator.id': 'op-web-1', 'call_center.contact.end_reason': 'end' });
    for (const r of logs.filter((l) => l.eventName === 'call_center.contact')) expect(r.traceId).toBe(contact?.traceId);
  });

  // Retried once: in one CI run of many, headless Chromium sent nothing at all
  // when the page closed (0 of 3 records, not a partial loss); not reproduced
  // in 8 runs since, under load or not. Followed up in the session note.
  it('loses nothing when the tab is closed right after logging: logs arrive, open spans are ended and sent', { retry: 1 }, async () => {
    const collector = await collectorFor(web.origin);
    try {
      const { page } = await openConsole(collector, 'op-web-2');
      await page.click('#attend');
      await page.click('#pause');
      await page.click('#break-start');
      await page.close({ runBeforeUnload: true });
      await expect.poll(() => logRecords(collector.read('logs')).length, { timeout: 15_000 }).toBe(3);
      await expect.poll(() => spans(collector.read('traces')).length, { timeout: 15_000 }).toBe(2);
    } finally {
      await collector.stop();
    }
    const traces = spans(collector.read('traces'));
    expect(traces.map((s) => [s.name, s.attributes['call_center.contact.end_reason'] ?? s.attributes['call_center.break.end_reason']])).toEqual([
      ['call_center.contact', 'page_hide'],
      ['call_center.break', 'page_hide'],
    ]);
    expect(traces[0]?.events.map((e) => e.name)).toEqual(['call_center.contact.pause']);
    expect(traces[0]?.status.code).toBe(2); // ERROR, with the reason in its message
  });
});

/** The last exported point of each series of a metric (cumulative points repeat at every export). */
function lastPoints(points: MetricPoint[], name: string): MetricPoint[] {
  const bySeries = new Map<string, MetricPoint>();
  for (const p of points) if (p.name === name) bySeries.set(JSON.stringify(p.attributes), p);
  return [...bySeries.values()];
}

describe('a page reload in the middle of a contact', () => {
  it('continues the contact in a second span of the same trace, linked to the first, segment 2; handle and hold time recorded once', async () => {
    const collector = await collectorFor(web.origin);
    const wall: Record<string, number> = {};
    try {
      const { page, errors } = await openConsole(collector, 'op-web-3');
      const click = async (action: string) => {
        await page.click(`#${action}`);
        wall[action] = Date.now();
      };
      await click('attend');
      await page.waitForTimeout(1_200);
      await click('pause');
      await page.waitForTimeout(800);
      await page.reload();
      await page.waitForSelector('text=ready: operator op-web-3');
      await page.waitForTimeout(700);
      await click('resume');
      await page.waitForTimeout(1_000);
      await click('end');
      await hideTab(page);
      await expect.poll(() => spans(collector.read('traces')).length, { timeout: 15_000 }).toBe(2);
      await expect.poll(() => logRecords(collector.read('logs')).length, { timeout: 15_000 }).toBe(4);
      await expect.poll(() => lastPoints(metricPoints(collector.read('metrics')), 'call_center.contact.hold.duration').length, { timeout: 15_000 }).toBe(1);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await collector.stop();
    }
    const [first, second] = spans(collector.read('traces'));
    expectContinued(first, second);
    expect(second?.events.map((e) => e.name)).toEqual(['call_center.contact.resume']);
    // session.id (web-common's session manager) on every span and log record, the same before and after the reload.
    const sessionIds = [...spans(collector.read('traces')), ...logRecords(collector.read('logs'))].map((item) => item.attributes['session.id']);
    expect(sessionIds).toHaveLength(6);
    expect(new Set(sessionIds).size, JSON.stringify(sessionIds)).toBe(1);
    expect(sessionIds[0]).toMatch(/^[0-9a-f]{32}$/i);

    // One handle-time measurement, attend to end across the reload (none for the page_hide end), and one hold, pause to resume.
    const at = Object.fromEntries(logRecords(collector.read('logs')).map((r) => [r.attributes['call_center.contact.action'], r.timeMs]));
    const points = metricPoints(collector.read('metrics'));
    const handle = lastPoints(points, 'call_center.contact.duration');
    expect(handle.map((p) => [p.attributes['call_center.contact.end_reason'], p.value])).toEqual([['end', 1]]);
    expect(handle[0]!.sum! * 1000).toBeCloseTo(at.end! - at.attend!, 0);
    expect(Math.abs(handle[0]!.sum! * 1000 - (wall.end! - wall.attend!))).toBeLessThan(1_000);
    const hold = lastPoints(points, 'call_center.contact.hold.duration');
    expect(hold.map((p) => p.value)).toEqual([1]);
    expect(hold[0]!.sum! * 1000).toBeCloseTo(at.resume! - at.pause!, 0);
    expect(Math.abs(hold[0]!.sum! * 1000 - (wall.resume! - wall.pause!))).toBeLessThan(1_000);
    expect(second?.attributes).toMatchObject({ 'call_center.contact.hold_count': 1, 'call_center.contact.hold_time': hold[0]!.sum });
  });

  it('continues it after two reloads with no event between them, recorded once, attend to end', async () => {
    const collector = await collectorFor(web.origin);
    const wall: Record<string, number> = {};
    try {
      const { page, errors } = await openConsole(collector, 'op-web-5');
      await page.click('#attend');
      wall.attend = Date.now();
      for (let i = 0; i < 2; i++) {
        await page.waitForTimeout(500);
        await page.reload();
        await page.waitForSelector('text=ready: operator op-web-5');
      }
      await page.waitForTimeout(500);
      await page.click('#end');
      wall.end = Date.now();
      await hideTab(page);
      await expect.poll(() => spans(collector.read('traces')).length, { timeout: 15_000 }).toBe(2);
      await expect.poll(() => lastPoints(metricPoints(collector.read('metrics')), 'call_center.contact.duration').length, { timeout: 15_000 }).toBe(1);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await collector.stop();
    }
    // The page in the middle had no event for the contact: no span of its own, and the contact still waiting when it went away.
    const [first, second] = spans(collector.read('traces'));
    expectContinued(first, second);
    const handle = lastPoints(metricPoints(collector.read('metrics')), 'call_center.contact.duration');
    expect(handle.map((p) => [p.attributes['call_center.contact.end_reason'], p.value])).toEqual([['end', 1]]);
    expect(Math.abs(handle[0]!.sum! * 1000 - (wall.end! - wall.attend!))).toBeLessThan(1_000);
  });

  it('falls back to ending the contact at the reload, with no error on the page, where sessionStorage is unavailable', async () => {
    const collector = await collectorFor(web.origin);
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      // As in some private modes and sandboxed frames: any use of sessionStorage throws.
      await page.addInitScript(() => {
        Object.defineProperty(window, 'sessionStorage', {
          get() {
            throw new DOMException('denied', 'SecurityError');
          },
        });
      });
      const url = `${web.origin}/?collector=${encodeURIComponent(collector.httpEndpoint)}&operator=op-web-4`;
      await page.goto(url);
      await page.waitForSelector('text=ready: operator op-web-4');
      await page.click('#attend');
      await page.reload();
      await page.waitForSelector('text=ready: operator op-web-4');
      await page.click('#end');
      await hideTab(page);
      await expect.poll(() => logRecords(collector.read('logs')).length, { timeout: 15_000 }).toBe(2);
      await expect.poll(() => spans(collector.read('traces')).length, { timeout: 15_000 }).toBe(1);
      // Today's behaviour: the contact's handle time is recorded at the page_hide end, flushed as the page goes.
      await expect.poll(() => lastPoints(metricPoints(collector.read('metrics')), 'call_center.contact.duration').length, { timeout: 15_000 }).toBe(1);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await collector.stop();
    }
    expect(spans(collector.read('traces')).map((s) => s.attributes['call_center.contact.end_reason'])).toEqual(['page_hide']);
    const handle = lastPoints(metricPoints(collector.read('metrics')), 'call_center.contact.duration');
    expect(handle.map((p) => [p.attributes['call_center.contact.end_reason'], p.value])).toEqual([['page_hide', 1]]);
  });
});

describe('events logged before the OpenTelemetry set-up', () => {
  it('are held, answered pending, and arrive with the time they were logged at', async () => {
    const collector = await collectorFor(web.origin);
    let early: { at: number; ok: boolean; pending?: boolean } | undefined;
    try {
      const { page } = await openConsole(collector, 'op-web-5', '&early=1');
      early = await page.evaluate(() => (globalThis as unknown as { earlyResult: { at: number; ok: boolean; pending?: boolean } }).earlyResult);
      await hideTab(page);
      await expect.poll(() => logRecords(collector.read('logs')).length, { timeout: 15_000 }).toBe(1);
      await page.close();
    } finally {
      await collector.stop();
    }
    expect(early).toMatchObject({ ok: true, pending: true });
    const [record] = logRecords(collector.read('logs'));
    expect(record?.attributes).toMatchObject({ 'call_center.contact.id': 'early-1', 'call_center.operator.id': 'op-web-5' });
    expect(Math.abs((record?.timeMs ?? 0) - early!.at)).toBeLessThan(50);
  });
});

describe('a second registration in the middle of a contact (hot module reload)', () => {
  it('continues the open contact in the same span, ended once', async () => {
    const collector = await collectorFor(web.origin);
    try {
      const { page } = await openConsole(collector, 'op-web-6');
      await page.click('#attend');
      await page.click('#pause');
      await page.evaluate(() => (globalThis as unknown as { setUpCallCenter: () => void }).setUpCallCenter());
      await page.click('#resume');
      await page.click('#end');
      await hideTab(page);
      await expect.poll(() => logRecords(collector.read('logs')).length, { timeout: 15_000 }).toBe(4);
      await expect.poll(() => spans(collector.read('traces')).length, { timeout: 15_000 }).toBe(1);
      await page.close();
    } finally {
      await collector.stop();
    }
    const [contact] = spans(collector.read('traces'));
    expect(contact?.attributes['call_center.contact.end_reason']).toBe('end');
    expect(contact?.events.map((e) => e.name)).toEqual(['call_center.contact.pause', 'call_center.contact.resume']);
    for (const r of logRecords(collector.read('logs'))) expect(r.spanId).toBe(contact?.spanId);
  });
});

describe('the web example shows what it emits', () => {
  it('lists log records and ended spans, and the open contact’s running handle time, with no collector running', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Nothing listens on port 9 here: the exports fail, the panel still shows everything.
    await page.goto(`${web.origin}/?collector=${encodeURIComponent('http://127.0.0.1:9')}&operator=op-web-7`);
    await page.waitForSelector('text=ready: operator op-web-7');
    await page.click('#attend');
    await page.click('#pause');
    await expect.poll(() => page.textContent('#open')).toMatch(/^open contact c-1001: handle time 0:0\d$/);
    await page.click('#end');
    const rows = await page.$$eval('#emitted li', (items) => items.map((li) => li.textContent ?? ''));
    expect(rows.filter((r) => r.startsWith('span'))).toEqual([
      expect.stringMatching(/^span call_center\.contact ended end after \d+\.\d s {2}trace [0-9a-f]{8} span [0-9a-f]{8}$/),
    ]);
    expect(
      rows
        .filter((r) => r.startsWith('log'))
        .reverse()
        .map((r) => r.replace(/trace.*$/, '').trim()),
    ).toEqual(['log  call_center.contact attend', 'log  call_center.contact pause', 'log  call_center.contact end']);
    expect(await page.textContent('#open')).toBe('no open contact');
    await page.screenshot({ path: join(tmpdir(), 'cc-console-panel.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('a return from the back/forward cache in the middle of a contact', () => {
  it('continues the contact in a second span, as after a reload, with no script run again', async () => {
    // Playwright turns the back/forward cache off by default; browsers have it on.
    const cachingBrowser = await launchChromium({ ignoreDefaultArgs: ['--disable-back-forward-cache'] });
    const collector = await collectorFor(web.origin);
    let restoredFromCache: unknown;
    try {
      const page = await cachingBrowser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript(() => addEventListener('pageshow', (e) => ((globalThis as { cameBack?: boolean }).cameBack = e.persisted)));
      await page.goto(`${web.origin}/?collector=${encodeURIComponent(collector.httpEndpoint)}&operator=op-web-8`);
      await page.waitForSelector('text=ready: operator op-web-8');
      await page.click('#attend');
      await page.click('#pause');
      await page.goto('about:blank'); // another page, without the plugin: the console goes into the cache
      await page.goBack({ waitUntil: 'commit' }); // a page restored from the cache gets pageshow, not load
      await page.waitForFunction(() => (globalThis as { cameBack?: boolean }).cameBack !== undefined);
      restoredFromCache = await page.evaluate(() => (globalThis as { cameBack?: boolean }).cameBack);
      await page.click('#resume');
      await page.click('#end');
      await hideTab(page);
      await expect.poll(() => spans(collector.read('traces')).length, { timeout: 15_000 }).toBe(2);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await collector.stop();
      await cachingBrowser.close();
    }
    expect(restoredFromCache).toBe(true);
    const [first, second] = spans(collector.read('traces'));
    expect(first?.attributes).toMatchObject({ 'call_center.contact.end_reason': 'page_hide' });
    expect(second?.attributes).toMatchObject({ 'call_center.contact.end_reason': 'end', 'call_center.contact.segment': 2, 'call_center.contact.hold_count': 1 });
    expect(second?.traceId).toBe(first?.traceId);
    expect(second?.events.map((e) => e.name)).toEqual(['call_center.contact.resume']);
  });
});
