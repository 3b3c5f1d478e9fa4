import { ValueType, type Attributes, type Counter, type Histogram, type Meter } from '@opentelemetry/api';
import type { CallCenterRejectionReason } from './errors.js';
import { addTo, joinMeter, leaveMeter, type ObservedMember, type Series } from './meter-observation.js';
import { PairMap } from './pair-map.js';
import * as sc from './semconv.js';

/** Bucket advice for contact handling: seconds up to an hour. */
export const CONTACT_DURATION_BUCKETS = [1, 5, 10, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 2700, 3600];
/**
 * Bucket advice for times to answer and holds: the usual service-level
 * thresholds (10, 20, 30, 60 s) and hold thresholds (1, 2, 3, 5 min) are
 * boundaries, so the share within one is exact, not interpolated.
 */
export const WAIT_HOLD_BUCKETS = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1800];
/** Bucket advice for breaks: a minute up to two hours. */
export const BREAK_DURATION_BUCKETS = [60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200];

/**
 * Series of `call_center.events` (and of `call_center.contacts.active`) kept
 * before new ones are folded into our overflow series (one per event type
 * for events, one for open contacts): with those, fewer than the SDK's
 * default cardinality limit (2 000), whose own overflow series would
 * otherwise keep only one of the values observed into it.
 */
const MAX_EVENT_SERIES = 1996;
/** The attribute OpenTelemetry marks overflow series with. */
const OVERFLOW = 'otel.metric.overflow';
const ACTIVE_OVERFLOW: Attributes = { [OVERFLOW]: true };
/** No contacts.active key (a channel, or channel|operator) can be this. */
const ACTIVE_OVERFLOW_KEY = '\u0000overflow';

/** Visits every open contact of one owner: its channel and, when configured, its operator attributes. */
export type OpenContactsFunction = (visit: (channel: string, operator: Attributes | undefined) => void) => void;

export interface ClosedSpan {
  readonly seconds: number;
  readonly type: string;
  readonly endReason: string;
  readonly operator: Attributes | undefined;
  /** Ended by the instrumentation (timeout, eviction, ...), not by an event. */
  readonly forced: boolean;
}

interface Instruments {
  readonly rejected: Counter;
  readonly ignored: Counter;
  readonly contactDuration: Histogram;
  readonly contactsForceEnded: Counter;
  readonly contactWait: Histogram;
  readonly contactHold: Histogram;
  readonly breakDuration: Histogram;
  readonly breakOverruns: Counter;
  readonly breaksForceEnded: Counter;
}

/**
 * The instruments of one instrumentation, re-pointed in place when its meter
 * provider changes (the metrics API has no proxy: instruments made before a
 * provider is registered stay no-ops for good). What is state rather than an
 * event is observed, not counted: accepted events from local counts that
 * survive a provider change, open contacts from the lifecycle itself, so
 * `call_center.contacts.active` cannot drift or go below zero.
 */
export class CallCenterMetrics implements ObservedMember {
  /** Accepted events, counted here and observed at collection: one Map lookup per event on the path every event takes. */
  readonly #eventCounts = new PairMap<Series>();
  /** The same series, in the order they appeared, for observation; past the limit, one overflow series per event type. */
  readonly #eventSeries: Series[] = [];
  readonly #eventsOverflow = new Map<string, Series>();
  readonly #openContacts: OpenContactsFunction;
  /**
   * Series of `call_center.contacts.active` seen so far: reported as 0 once
   * their contacts have ended, not dropped, until the limit is reached; then
   * those at 0 make room, and contacts of a new series that finds no room
   * count in the overflow series.
   */
  readonly #activeSeries = new Map<string, Attributes>();
  #instruments!: Instruments;
  #meter: Meter | undefined;

  constructor(meter: Meter, openContacts: OpenContactsFunction) {
    this.#openContacts = openContacts;
    this.setMeter(meter);
  }

  setMeter(meter: Meter): void {
    if (this.#meter) leaveMeter(this.#meter, this);
    this.#meter = meter;
    joinMeter(meter, this);
    const counter = (name: string, description: string, unit: string) => meter.createCounter(name, { description, unit, valueType: ValueType.INT });
    const histogram = (name: string, description: string, buckets: number[]) =>
      meter.createHistogram(name, { description, unit: 's', valueType: ValueType.DOUBLE, advice: { explicitBucketBoundaries: buckets } });
    this.#instruments = {
      rejected: counter(sc.METRIC_EVENTS_REJECTED, 'Rejected (dropped) ingest events.', '{event}'),
      ignored: counter(sc.METRIC_FIELDS_IGNORED, 'Unknown event fields, ignored.', '{field}'),
      contactDuration: histogram(sc.METRIC_CONTACT_DURATION, 'Contact duration, attend to end.', CONTACT_DURATION_BUCKETS),
      contactsForceEnded: counter(sc.METRIC_CONTACTS_FORCE_ENDED, 'Contacts ended by the instrumentation.', '{contact}'),
      contactWait: histogram(sc.METRIC_CONTACT_WAIT_DURATION, 'Time to answer, contact start to attend.', WAIT_HOLD_BUCKETS),
      contactHold: histogram(sc.METRIC_CONTACT_HOLD_DURATION, 'Hold, pause to resume or to the end.', WAIT_HOLD_BUCKETS),
      breakDuration: histogram(sc.METRIC_BREAK_DURATION, 'Break duration, start to end.', BREAK_DURATION_BUCKETS),
      breakOverruns: counter(sc.METRIC_BREAK_OVERRUNS, 'Breaks over their allotted time.', '{break}'),
      breaksForceEnded: counter(sc.METRIC_BREAKS_FORCE_ENDED, 'Breaks ended by the instrumentation.', '{break}'),
    };
  }

  /** This instance's accepted events, added into the series of the meter's observation. */
  observeEvents(into: Map<string, Series>): void {
    for (const { attributes, value } of this.#eventSeries) addTo(into, JSON.stringify(attributes), attributes, value);
    for (const { attributes, value } of this.#eventsOverflow.values()) addTo(into, JSON.stringify(attributes), attributes, value);
  }

  /** This instance's open contacts per series, added into the meter's observation; series at 0 make room once the limit is reached. */
  observeActive(into: Map<string, Series>): void {
    const counts = new Map<string, number>();
    for (const key of this.#activeSeries.keys()) counts.set(key, 0);
    this.#openContacts((channel, operator) => {
      const key = this.contactOpened(channel, operator);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
    const full = this.#activeSeries.size >= MAX_EVENT_SERIES;
    for (const [key, value] of counts) {
      const attributes = this.#activeSeries.get(key);
      if (attributes) addTo(into, key, attributes, value);
      else addTo(into, ACTIVE_OVERFLOW_KEY, ACTIVE_OVERFLOW, value);
      if (full && value === 0) this.#activeSeries.delete(key);
    }
  }

  accepted(eventType: string, action: string | undefined, operatorId: string | undefined): void {
    // Actions are enum values without '|': the second key is one string per (action, operator) pair, built only when operators are counted.
    const second = operatorId === undefined ? (action ?? '') : `${action ?? ''}|${operatorId}`;
    const series = this.#eventCounts.get(eventType, second);
    if (series) {
      series.value++;
      return;
    }
    if (this.#eventSeries.length >= MAX_EVENT_SERIES) {
      let overflow = this.#eventsOverflow.get(eventType);
      if (!overflow) this.#eventsOverflow.set(eventType, (overflow = { attributes: { [sc.ATTR_EVENT_TYPE]: eventType, [OVERFLOW]: true }, value: 0 }));
      overflow.value++;
      return;
    }
    const attributes: Attributes = { [sc.ATTR_EVENT_TYPE]: eventType };
    if (action !== undefined) attributes[sc.ATTR_EVENT_ACTION] = action;
    if (operatorId !== undefined) attributes[sc.ATTR_OPERATOR_ID] = operatorId;
    const created = this.#newSeries(attributes);
    created.value++;
    this.#eventCounts.set(eventType, second, created);
  }

  #newSeries(attributes: Attributes): Series {
    const series = { attributes, value: 0 };
    this.#eventSeries.push(series);
    return series;
  }

  /** A contact of this channel (and operator) is open: its `call_center.contacts.active` series exists from now on. */
  contactOpened(channel: string, operator: Attributes | undefined): string {
    const key = operator ? `${channel}|${String(operator[sc.ATTR_OPERATOR_ID])}` : channel;
    if (!this.#activeSeries.has(key) && this.#activeSeries.size < MAX_EVENT_SERIES) {
      this.#activeSeries.set(key, { [sc.ATTR_CONTACT_CHANNEL]: channel, ...operator });
    }
    return key;
  }

  rejected(eventType: string, reason: CallCenterRejectionReason, count = 1): void {
    this.#instruments.rejected.add(count, { [sc.ATTR_EVENT_TYPE]: eventType, [sc.ATTR_REJECTION_REASON]: reason });
  }

  ignoredFields(eventType: string, count: number): void {
    this.#instruments.ignored.add(count, { [sc.ATTR_EVENT_TYPE]: eventType });
  }

  contactClosed(closed: ClosedSpan & { readonly channel: string }): void {
    const { contactDuration, contactsForceEnded } = this.#instruments;
    contactDuration.record(closed.seconds, {
      [sc.ATTR_CONTACT_CHANNEL]: closed.channel,
      [sc.ATTR_CONTACT_TYPE]: closed.type,
      [sc.ATTR_CONTACT_END_REASON]: closed.endReason,
      ...closed.operator,
    });
    if (closed.forced) contactsForceEnded.add(1, { [sc.ATTR_CONTACT_END_REASON]: closed.endReason });
  }

  /** A time to answer (`call_center.contact.wait.duration`) or a hold (`call_center.contact.hold.duration`). */
  contactTime(which: 'wait' | 'hold', seconds: number, channel: string, type: string, operator: Attributes | undefined): void {
    const histogram = which === 'wait' ? this.#instruments.contactWait : this.#instruments.contactHold;
    histogram.record(seconds, { [sc.ATTR_CONTACT_CHANNEL]: channel, [sc.ATTR_CONTACT_TYPE]: type, ...operator });
  }

  breakClosed(closed: ClosedSpan): void {
    const { breakDuration, breaksForceEnded } = this.#instruments;
    breakDuration.record(closed.seconds, { [sc.ATTR_BREAK_TYPE]: closed.type, [sc.ATTR_BREAK_END_REASON]: closed.endReason, ...closed.operator });
    if (closed.forced) breaksForceEnded.add(1, { [sc.ATTR_BREAK_END_REASON]: closed.endReason });
  }

  breakOverran(type: string, operator: Attributes | undefined): void {
    this.#instruments.breakOverruns.add(1, { [sc.ATTR_BREAK_TYPE]: type, ...operator });
  }
}
