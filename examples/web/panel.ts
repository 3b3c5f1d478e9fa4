// What the page emits, on the page: a log record processor and a span
// processor in one, listing each log record as it is emitted and each span
// as it ends, and the open contacts with their running handle time. It sits
// beside the exporting processors, so it works with no collector running.
import type { Context } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { ATTR_CONTACT_ACTION, ATTR_BREAK_ACTION, ATTR_CONTACT_END_REASON, ATTR_BREAK_END_REASON, ATTR_CONTACT_ID, SPAN_CONTACT } from '@kenkai/instrumentation-call-center';

const ms = (hr: [number, number]) => hr[0] * 1000 + hr[1] / 1e6;
const short = (id: string | undefined) => (id ? id.slice(0, 8) : '–');
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

export class ConsolePanel implements LogRecordProcessor, SpanProcessor {
  readonly #list: HTMLElement;
  readonly #open: HTMLElement;
  /** Open contact spans: span id → contact id and start (epoch ms). */
  readonly #contacts = new Map<string, { contactId: string; startMs: number }>();
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(list: HTMLElement, open: HTMLElement) {
    this.#list = list;
    this.#open = open;
    this.#timer = setInterval(() => this.#showOpen(), 1000);
  }

  #row(text: string, kind: 'log' | 'span'): void {
    const li = document.createElement('li');
    li.className = kind;
    li.textContent = text;
    this.#list.prepend(li);
  }

  #showOpen(): void {
    const now = Date.now();
    this.#open.textContent = [...this.#contacts.values()].map((c) => `open contact ${c.contactId}: handle time ${clock((now - c.startMs) / 1000)}`).join('\n') || 'no open contact';
  }

  onEmit(record: ReadWriteLogRecord, _context?: Context): void {
    const action = record.attributes[ATTR_CONTACT_ACTION] ?? record.attributes[ATTR_BREAK_ACTION] ?? '';
    const { traceId, spanId } = record.spanContext ?? {};
    this.#row(`log  ${record.eventName ?? ''} ${action}  trace ${short(traceId)} span ${short(spanId)}`, 'log');
  }

  onStart(span: Span, _parentContext: Context): void {
    const readable = span as unknown as ReadableSpan;
    if (readable.name !== SPAN_CONTACT) return;
    this.#contacts.set(span.spanContext().spanId, { contactId: String(readable.attributes[ATTR_CONTACT_ID] ?? ''), startMs: ms(readable.startTime) });
    this.#showOpen();
  }

  onEnd(span: ReadableSpan): void {
    this.#contacts.delete(span.spanContext().spanId);
    const reason = span.attributes[ATTR_CONTACT_END_REASON] ?? span.attributes[ATTR_BREAK_END_REASON] ?? '';
    const seconds = (ms(span.endTime) - ms(span.startTime)) / 1000;
    const { traceId, spanId } = span.spanContext();
    this.#row(`span ${span.name} ended ${reason} after ${seconds.toFixed(1)} s  trace ${short(traceId)} span ${short(spanId)}`, 'span');
    this.#showOpen();
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    clearInterval(this.#timer);
    return Promise.resolve();
  }
}
