import { ValueType, type Attributes, type Meter, type Observable, type ObservableCallback, type ObservableResult } from '@opentelemetry/api';
import * as sc from './semconv.js';

/** A series of an observed instrument, summed over the instances that share a meter. */
export type Series = { attributes: Attributes; value: number };

/** What an instance adds to the observations of its meter. */
export interface ObservedMember {
  /** Its accepted events, for `call_center.events`. */
  observeEvents(into: Map<string, Series>): void;
  /** Its open contacts, for `call_center.contacts.active`. */
  observeActive(into: Map<string, Series>): void;
}

/** The observed instruments of one meter, and the instances that use it. */
interface Observed {
  readonly members: Set<ObservedMember>;
  readonly callbacks: Array<[Observable, ObservableCallback]>;
}

/**
 * Per meter, one callback per observed instrument, summing every instance
 * that uses it. With one callback per instance, the SDK keeps one of two
 * observations of the same series, not their sum: after a hot reload (the
 * old instance disabled, a new one on the same provider) the event count
 * would go back to the new instance's, and two registrations would each
 * report only their own open contacts.
 */
const observedByMeter = new WeakMap<Meter, Observed>();

/** An instance observes through this meter from now on (its counts so far go with it). */
export function joinMeter(meter: Meter, member: ObservedMember): void {
  let observed = observedByMeter.get(meter);
  if (!observed) {
    const members = new Set<ObservedMember>();
    const events = meter.createObservableCounter(sc.METRIC_EVENTS, { description: 'Accepted ingest events.', unit: '{event}', valueType: ValueType.INT });
    const active = meter.createObservableUpDownCounter(sc.METRIC_CONTACTS_ACTIVE, { description: 'Open contacts.', unit: '{contact}', valueType: ValueType.INT });
    const sum = (each: (m: ObservedMember, into: Map<string, Series>) => void) => (result: ObservableResult) => {
      const into = new Map<string, Series>();
      for (const m of members) each(m, into);
      for (const { attributes, value } of into.values()) result.observe(value, attributes);
    };
    const observeEvents = sum((m, into) => m.observeEvents(into));
    const observeActive = sum((m, into) => m.observeActive(into));
    events.addCallback(observeEvents);
    active.addCallback(observeActive);
    observed = {
      members,
      callbacks: [
        [events, observeEvents],
        [active, observeActive],
      ],
    };
    observedByMeter.set(meter, observed);
  }
  observed.members.add(member);
}

/** An instance no longer observes through this meter; the last one to leave takes the callbacks away. */
export function leaveMeter(meter: Meter, member: ObservedMember): void {
  const observed = observedByMeter.get(meter);
  if (!observed?.members.delete(member) || observed.members.size > 0) return;
  for (const [observable, callback] of observed.callbacks) observable.removeCallback(callback);
  observedByMeter.delete(meter);
}

/** Adds `value` to the series under `key` (the same attributes, built the same way, give the same key). */
export function addTo(into: Map<string, Series>, key: string, attributes: Attributes, value: number): void {
  const series = into.get(key);
  if (series) series.value += value;
  else into.set(key, { attributes, value });
}
