import { SpanKind, type Attributes, type Span } from '@opentelemetry/api';
import type { ParsedEvents } from '../events/validate.js';
import { ATTR_BREAK_OVERRUN, SPAN_BREAK, SPAN_EVENT_BREAK_PREFIX } from '../semconv.js';
import { forSpanEvent, seconds, type LifecycleHost, type MetricOperator } from './host.js';
import { OpenSpans, type OpenSpan } from './open-spans.js';

type BreakEvent = ParsedEvents['break'];

interface OpenBreak extends OpenSpan {
  readonly type: string;
  readonly metricOperator: MetricOperator;
  overrun: boolean;
}

/**
 * Breaks as spans: `start` opens `call_center.break` (one open break per
 * operator), `end` closes it, and every break action, start and end included,
 * is a span event carrying total and consumed time.
 */
export class BreakSpans {
  readonly open: OpenSpans<OpenBreak>;
  readonly #host: LifecycleHost;

  constructor(host: LifecycleHost) {
    this.#host = host;
    this.open = new OpenSpans('break', () => host.breakLimits, (entry, reason, endMs, forced) => {
      host.metrics.breakClosed(seconds(entry.startMs, endMs), entry.type, reason, entry.metricOperator, forced);
      if (entry.overrun) host.metrics.breakOverran(entry.type, entry.metricOperator);
    });
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
      if (event.action === 'end' && overrun) this.#host.metrics.breakOverran(event.type, metricOperator);
      if (event.action !== 'start') return undefined;
      const span = this.#host.tracer.startSpan(SPAN_BREAK, {
        kind: SpanKind.INTERNAL,
        root: true,
        startTime: timeMs,
        attributes,
      });
      open = { span, startMs: timeMs, type: event.type, metricOperator, overrun: false };
      this.open.add(key, open, timeMs);
      this.#host.spanOpened();
    } else {
      open.span.setAttributes(attributes);
    }
    const { span } = open;
    const eventAttributes = forSpanEvent(attributes);
    if (overrun) {
      open.overrun = true;
      span.setAttribute(ATTR_BREAK_OVERRUN, true);
      span.addEvent(SPAN_EVENT_BREAK_PREFIX + event.action, { ...eventAttributes, [ATTR_BREAK_OVERRUN]: true }, timeMs);
    } else {
      span.addEvent(SPAN_EVENT_BREAK_PREFIX + event.action, eventAttributes, timeMs);
    }
    if (event.action === 'end') this.open.end(key, open, 'end', timeMs);
    return span;
  }
}
