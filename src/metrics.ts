import { ValueType, type Counter, type Meter } from '@opentelemetry/api';
import type { CallCenterRejectionReason } from './errors.js';
import * as sc from './semconv.js';

/**
 * The instruments of the instrumentation, made from one meter. Recreated when
 * the meter provider changes: the metrics API has no proxy, so instruments
 * made before a provider is registered stay no-ops for good.
 */
export class CallCenterMetrics {
  private readonly _events: Counter;
  private readonly _rejected: Counter;
  private readonly _ignored: Counter;

  constructor(meter: Meter) {
    this._events = meter.createCounter(sc.METRIC_EVENTS, {
      description: 'Ingest events accepted and emitted, by event type and action.',
      unit: '{event}',
      valueType: ValueType.INT,
    });
    this._rejected = meter.createCounter(sc.METRIC_EVENTS_REJECTED, {
      description: 'Ingest events rejected and not emitted, by event type and reason.',
      unit: '{event}',
      valueType: ValueType.INT,
    });
    this._ignored = meter.createCounter(sc.METRIC_FIELDS_IGNORED, {
      description: 'Event fields the contract does not know, ignored and not exported, by event type.',
      unit: '{field}',
      valueType: ValueType.INT,
    });
  }

  accepted(eventType: string, action: string | undefined): void {
    this._events.add(1, action === undefined ? { [sc.ATTR_EVENT_TYPE]: eventType } : { [sc.ATTR_EVENT_TYPE]: eventType, [sc.ATTR_EVENT_ACTION]: action });
  }

  rejected(eventType: string, reason: CallCenterRejectionReason): void {
    this._rejected.add(1, { [sc.ATTR_EVENT_TYPE]: eventType, [sc.ATTR_REJECTION_REASON]: reason });
  }

  ignoredFields(eventType: string, count: number): void {
    this._ignored.add(count, { [sc.ATTR_EVENT_TYPE]: eventType });
  }
}
