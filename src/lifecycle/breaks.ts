import { SpanKind, SpanStatusCode, type Attributes, type Span } from '@opentelemetry/api';
import type { ParsedEvents } from '../events/validate.js';
import { ATTR_BREAK_END_REASON, ATTR_BREAK_OVERRUN, SPAN_BREAK, SPAN_EVENT_BREAK_PREFIX } from '../semconv.js';
import { seconds, type LifecycleHost, type MetricOperator } from './host.js';
import { OpenSpans, type ForcedEndReason, type OpenSpan } from './open-spans.js';

type BreakEvent = ParsedEvents['break'];

interface OpenBreak extends OpenSpan {
  readonly type: string;
  readonly metricOperator: MetricOperator;
  overrun: boolean;
}

const FORCED_DESCRIPTION: Record<ForcedEndReason, (host: LifecycleHost) => string> = {
  timeout: (h) => `break open longer than breakTimeoutMs (${h.breakLimits.timeoutMs} ms) without end`,
  evicted: (h) => `more than maxOpenBreaks (${h.breakLimits.max}) breaks open: the oldest was ended`,
  disabled: () => 'instrumentation disabled while the break was open',
  shutdown: () => 'tracer provider shut down while the break was open',
  page_hide: () => 'the page was hidden for good (tab closed or navigated away) while the break was open',
};

/**
 * Breaks as spans: `start` opens `call_center.break` (one open break per
 * operator), `end` closes it, and every break action, start and end included,
 * is a span event carrying total and consumed time.
 */
export class BreakSpans {
  readonly open: OpenSpans<OpenBreak>;
  private readonly _host: LifecycleHost;

  constructor(host: LifecycleHost) {
    this._host = host;
    this.open = new OpenSpans(
      () => host.breakLimits,
      (entry, reason, atMs) => this._forceEnd(entry, reason, atMs),
    );
  }

  /** Applies one accepted break event; returns the span its log record belongs to, if any. */
  onEvent(
    event: BreakEvent,
    attributes: Attributes,
    operatorId: string | undefined,
    metricOperator: MetricOperator,
    timeMs: number,
  ): Span | undefined {
    const key = operatorId ?? '';
    const overrun = event.consumed_time > event.total_time;
    let open = this.open.get(key);
    if (!open) {
      if (event.action === 'end' && overrun) this._host.metrics.breakOverran(event.type, metricOperator);
      if (event.action !== 'start') return undefined;
      const span = this._host.tracer.startSpan(SPAN_BREAK, {
        kind: SpanKind.INTERNAL,
        root: true,
        startTime: timeMs,
        attributes,
      });
      open = { span, startMs: timeMs, type: event.type, metricOperator, overrun: false };
      this.open.add(key, open, timeMs);
      this._host.spanOpened();
    } else {
      open.span.setAttributes(attributes);
    }
    const { span } = open;
    if (overrun) {
      open.overrun = true;
      span.setAttribute(ATTR_BREAK_OVERRUN, true);
      span.addEvent(SPAN_EVENT_BREAK_PREFIX + event.action, { ...attributes, [ATTR_BREAK_OVERRUN]: true }, timeMs);
    } else {
      span.addEvent(SPAN_EVENT_BREAK_PREFIX + event.action, attributes, timeMs);
    }
    if (event.action === 'end') {
      this.open.delete(key);
      span.setAttribute(ATTR_BREAK_END_REASON, 'end');
      const endMs = Math.max(timeMs, open.startMs);
      span.end(endMs);
      this._closed(open, 'end', endMs, false);
    }
    return span;
  }

  private _closed(entry: OpenBreak, reason: string, endMs: number, forced: boolean): void {
    this._host.metrics.breakClosed(seconds(entry.startMs, endMs), entry.type, reason, entry.metricOperator, forced);
    if (entry.overrun) this._host.metrics.breakOverran(entry.type, entry.metricOperator);
  }

  private _forceEnd(entry: OpenBreak, reason: ForcedEndReason, atMs: number): void {
    const endMs = Math.max(atMs, entry.startMs);
    entry.span.setAttribute(ATTR_BREAK_END_REASON, reason);
    entry.span.setStatus({ code: SpanStatusCode.ERROR, message: FORCED_DESCRIPTION[reason](this._host) });
    entry.span.end(endMs);
    this._closed(entry, reason, endMs, true);
  }
}
