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
  private readonly _eventCounts = new Map<string, { attributes: Attributes; value: number }>();
  private readonly _rejected: Counter;
  private readonly _ignored: Counter;
  private readonly _contactDuration: Histogram;
  private readonly _contactsActive: UpDownCounter;
  private readonly _contactsForceEnded: Counter;
  private readonly _breakDuration: Histogram;
  private readonly _breakOverruns: Counter;
  private readonly _breaksForceEnded: Counter;

  constructor(meter: Meter) {
    const int = { valueType: ValueType.INT };
    meter
      .createObservableCounter(sc.METRIC_EVENTS, {
        ...int,
        description: 'Ingest events accepted and emitted, by event type and action.',
        unit: '{event}',
      })
      .addCallback((result: ObservableResult) => {
        for (const { attributes, value } of this._eventCounts.values()) result.observe(value, attributes);
      });
    this._rejected = meter.createCounter(sc.METRIC_EVENTS_REJECTED, {
      ...int,
      description: 'Ingest events rejected and not emitted, by event type and reason.',
      unit: '{event}',
    });
    this._ignored = meter.createCounter(sc.METRIC_FIELDS_IGNORED, {
      ...int,
      description: 'Event fields the contract does not know, ignored and not exported, by event type.',
      unit: '{field}',
    });
    this._contactDuration = meter.createHistogram(sc.METRIC_CONTACT_DURATION, {
      description: 'Duration of contacts from attend to end, by channel, type and end reason.',
      unit: 's',
      valueType: ValueType.DOUBLE,
      advice: { explicitBucketBoundaries: CONTACT_DURATION_BUCKETS },
    });
    this._contactsActive = meter.createUpDownCounter(sc.METRIC_CONTACTS_ACTIVE, {
      ...int,
      description: 'Contacts attended and not yet ended, by channel.',
      unit: '{contact}',
    });
    this._contactsForceEnded = meter.createCounter(sc.METRIC_CONTACTS_FORCE_ENDED, {
      ...int,
      description: 'Contact spans the instrumentation ended itself (timeout, eviction, disable, shutdown), by end reason.',
      unit: '{contact}',
    });
    this._breakDuration = meter.createHistogram(sc.METRIC_BREAK_DURATION, {
      description: 'Duration of breaks from start to end, by break type and end reason.',
      unit: 's',
      valueType: ValueType.DOUBLE,
      advice: { explicitBucketBoundaries: BREAK_DURATION_BUCKETS },
    });
    this._breakOverruns = meter.createCounter(sc.METRIC_BREAK_OVERRUNS, {
      ...int,
      description: 'Breaks whose consumed time exceeded their total time, by break type.',
      unit: '{break}',
    });
    this._breaksForceEnded = meter.createCounter(sc.METRIC_BREAKS_FORCE_ENDED, {
      ...int,
      description: 'Break spans the instrumentation ended itself (timeout, eviction, disable, shutdown), by end reason.',
      unit: '{break}',
    });
  }

  accepted(eventType: string, action: string | undefined, operatorId: string | undefined): void {
    const key = operatorId === undefined ? `${eventType}|${action}` : `${eventType}|${action}|${operatorId}`;
    const series = this._eventCounts.get(key);
    if (series) {
      series.value++;
      return;
    }
    const attributes: Attributes = { [sc.ATTR_EVENT_TYPE]: eventType };
    if (action !== undefined) attributes[sc.ATTR_EVENT_ACTION] = action;
    if (operatorId !== undefined) attributes[sc.ATTR_OPERATOR_ID] = operatorId;
    if (this._eventCounts.size < MAX_EVENT_SERIES) {
      this._eventCounts.set(key, { attributes, value: 1 });
      return;
    }
    const overflow = this._eventCounts.get('overflow');
    if (overflow) overflow.value++;
    else this._eventCounts.set('overflow', { attributes: { [sc.ATTR_EVENT_TYPE]: eventType, 'otel.metric.overflow': true }, value: 1 });
  }

  rejected(eventType: string, reason: CallCenterRejectionReason): void {
    this._rejected.add(1, { [sc.ATTR_EVENT_TYPE]: eventType, [sc.ATTR_REJECTION_REASON]: reason });
  }

  ignoredFields(eventType: string, count: number): void {
    this._ignored.add(count, { [sc.ATTR_EVENT_TYPE]: eventType });
  }

  contactOpened(channel: string, operator: Attributes | undefined): void {
    this._contactsActive.add(1, { [sc.ATTR_CONTACT_CHANNEL]: channel, ...operator });
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
    if (wasOpen) this._contactsActive.add(-1, { [sc.ATTR_CONTACT_CHANNEL]: channel, ...operator });
    this._contactDuration.record(seconds, {
      [sc.ATTR_CONTACT_CHANNEL]: channel,
      [sc.ATTR_CONTACT_TYPE]: type,
      [sc.ATTR_CONTACT_END_REASON]: endReason,
      ...operator,
    });
    if (forced) this._contactsForceEnded.add(1, { [sc.ATTR_CONTACT_END_REASON]: endReason });
  }

  breakClosed(seconds: number, type: string, endReason: string, operator: Attributes | undefined, forced: boolean): void {
    this._breakDuration.record(seconds, { [sc.ATTR_BREAK_TYPE]: type, [sc.ATTR_BREAK_END_REASON]: endReason, ...operator });
    if (forced) this._breaksForceEnded.add(1, { [sc.ATTR_BREAK_END_REASON]: endReason });
  }

  breakOverran(type: string, operator: Attributes | undefined): void {
    this._breakOverruns.add(1, { [sc.ATTR_BREAK_TYPE]: type, ...operator });
  }
}
