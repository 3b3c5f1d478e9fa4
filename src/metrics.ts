import {
  ValueType,
  type Attributes,
  type Counter,
  type Histogram,
  type Meter,
  type ObservableResult,
  type UpDownCounter,
} from '@opentelemetry/api';
import type { CallCenterRejectionReason } from './errors.js';
import * as sc from './semconv.js';

/** Bucket advice for contact handling: seconds up to an hour. */
export const CONTACT_DURATION_BUCKETS = [1, 5, 10, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 2700, 3600];
/** Bucket advice for breaks: a minute up to two hours. */
export const BREAK_DURATION_BUCKETS = [60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200];

/**
 * The instruments of the instrumentation, made from one meter. Recreated when
 * the meter provider changes: the metrics API has no proxy, so instruments
 * made before a provider is registered stay no-ops for good.
 */
/** Series of `call_center.events` kept before new ones are folded into one overflow series. */
const MAX_EVENT_SERIES = 2000;

export class CallCenterMetrics {
  /**
   * Accepted events are counted here and observed at collection time: one
   * Map lookup per event instead of the SDK's per-call attribute handling,
   * on the path every event takes.
   */
  readonly #eventCounts = new Map<string, { attributes: Attributes; value: number }>();
  readonly #rejected: Counter;
  readonly #ignored: Counter;
  readonly #contactDuration: Histogram;
  readonly #contactsActive: UpDownCounter;
  readonly #contactsForceEnded: Counter;
  readonly #breakDuration: Histogram;
  readonly #breakOverruns: Counter;
  readonly #breaksForceEnded: Counter;

  constructor(meter: Meter) {
    const counter = (name: string, description: string, unit: string) =>
      meter.createCounter(name, { description, unit, valueType: ValueType.INT });
    const histogram = (name: string, description: string, buckets: number[]) =>
      meter.createHistogram(name, { description, unit: 's', valueType: ValueType.DOUBLE, advice: { explicitBucketBoundaries: buckets } });
    meter
      .createObservableCounter(sc.METRIC_EVENTS, { description: 'Accepted ingest events.', unit: '{event}', valueType: ValueType.INT })
      .addCallback((result: ObservableResult) => {
        for (const { attributes, value } of this.#eventCounts.values()) result.observe(value, attributes);
      });
    this.#rejected = counter(sc.METRIC_EVENTS_REJECTED, 'Rejected (dropped) ingest events.', '{event}');
    this.#ignored = counter(sc.METRIC_FIELDS_IGNORED, 'Unknown event fields, ignored.', '{field}');
    this.#contactDuration = histogram(sc.METRIC_CONTACT_DURATION, 'Contact duration, attend to end.', CONTACT_DURATION_BUCKETS);
    this.#contactsActive = meter.createUpDownCounter(sc.METRIC_CONTACTS_ACTIVE, {
      description: 'Open contacts.',
      unit: '{contact}',
      valueType: ValueType.INT,
    });
    this.#contactsForceEnded = counter(sc.METRIC_CONTACTS_FORCE_ENDED, 'Contacts ended by the instrumentation.', '{contact}');
    this.#breakDuration = histogram(sc.METRIC_BREAK_DURATION, 'Break duration, start to end.', BREAK_DURATION_BUCKETS);
    this.#breakOverruns = counter(sc.METRIC_BREAK_OVERRUNS, 'Breaks over their allotted time.', '{break}');
    this.#breaksForceEnded = counter(sc.METRIC_BREAKS_FORCE_ENDED, 'Breaks ended by the instrumentation.', '{break}');
  }

  accepted(eventType: string, action: string | undefined, operatorId: string | undefined): void {
    const key = operatorId === undefined ? `${eventType}|${action}` : `${eventType}|${action}|${operatorId}`;
    const series = this.#eventCounts.get(key);
    if (series) {
      series.value++;
      return;
    }
    const attributes: Attributes = { [sc.ATTR_EVENT_TYPE]: eventType };
    if (action !== undefined) attributes[sc.ATTR_EVENT_ACTION] = action;
    if (operatorId !== undefined) attributes[sc.ATTR_OPERATOR_ID] = operatorId;
    if (this.#eventCounts.size < MAX_EVENT_SERIES) {
      this.#eventCounts.set(key, { attributes, value: 1 });
      return;
    }
    const overflow = this.#eventCounts.get('overflow');
    if (overflow) overflow.value++;
    else this.#eventCounts.set('overflow', { attributes: { [sc.ATTR_EVENT_TYPE]: eventType, 'otel.metric.overflow': true }, value: 1 });
  }

  rejected(eventType: string, reason: CallCenterRejectionReason): void {
    this.#rejected.add(1, { [sc.ATTR_EVENT_TYPE]: eventType, [sc.ATTR_REJECTION_REASON]: reason });
  }

  ignoredFields(eventType: string, count: number): void {
    this.#ignored.add(count, { [sc.ATTR_EVENT_TYPE]: eventType });
  }

  contactOpened(channel: string, operator: Attributes | undefined): void {
    this.#contactsActive.add(1, { [sc.ATTR_CONTACT_CHANNEL]: channel, ...operator });
  }

  contactClosed(
    seconds: number,
    channel: string,
    type: string,
    endReason: string,
    operator: Attributes | undefined,
    wasOpen: boolean,
    forced: boolean,
  ): void {
    if (wasOpen) this.#contactsActive.add(-1, { [sc.ATTR_CONTACT_CHANNEL]: channel, ...operator });
    this.#contactDuration.record(seconds, {
      [sc.ATTR_CONTACT_CHANNEL]: channel,
      [sc.ATTR_CONTACT_TYPE]: type,
      [sc.ATTR_CONTACT_END_REASON]: endReason,
      ...operator,
    });
    if (forced) this.#contactsForceEnded.add(1, { [sc.ATTR_CONTACT_END_REASON]: endReason });
  }

  breakClosed(seconds: number, type: string, endReason: string, operator: Attributes | undefined, forced: boolean): void {
    this.#breakDuration.record(seconds, { [sc.ATTR_BREAK_TYPE]: type, [sc.ATTR_BREAK_END_REASON]: endReason, ...operator });
    if (forced) this.#breaksForceEnded.add(1, { [sc.ATTR_BREAK_END_REASON]: endReason });
  }

  breakOverran(type: string, operator: Attributes | undefined): void {
    this.#breakOverruns.add(1, { [sc.ATTR_BREAK_TYPE]: type, ...operator });
  }
}
