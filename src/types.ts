import type { BreakEvent } from './events/break.js';
import type { ContactEvent } from './events/contact.js';
import type { OpsScorecardEvent } from './events/ops-scorecard.js';
import type { CallCenterValidationError } from './errors.js';
import type { CallCenterPrivacyConfig } from './privacy/policy.js';

/** The operator who handled an event. */
export interface CallCenterOperator {
  /** Stable id of the operator: a non-empty string of at most 256 characters. */
  id: string;
  /** Display name. */
  name?: string;
  /** Team or shift. */
  team?: string;
}

/** The event each event type takes. */
export interface CallCenterEventMap {
  break: BreakEvent;
  contact: ContactEvent;
  ops_scorecard: OpsScorecardEvent;
}

/** Called with every rejected event's error. Whatever it throws is caught and reported. */
export type OnInvalidEventFunction = (error: CallCenterValidationError) => void;

/** Configuration of {@link CallCenterInstrumentation}. Every option is optional. */
export interface CallCenterInstrumentationConfig {
  /**
   * Whether the instrumentation starts enabled. As with every OpenTelemetry
   * instrumentation, `registerInstrumentations()` enables it regardless.
   * @default true
   */
  enabled?: boolean;
  /**
   * The operator whose events these are: set it where one operator is signed
   * in (a browser tab). A server relaying many operators passes
   * `{ operator }` with each event instead, which wins over this.
   * @default undefined (no operator attributes)
   */
  operator?: CallCenterOperator;
  /**
   * 'report': an invalid event is dropped, counted, passed to
   * `onInvalidEvent`, warned about through `diag`, and `logIngestEvent`
   * returns `{ ok: false, error }`; nothing is ever thrown.
   * 'strict': the same, then `CallCenterValidationError` is thrown.
   * @default 'report'
   */
  validation?: 'report' | 'strict';
  /**
   * Called for every rejected event, in both modes.
   * @default undefined
   */
  onInvalidEvent?: OnInvalidEventFunction;
  /**
   * A contact span still open this long after its `attend` is ended with
   * status ERROR and end reason `timeout`, and counted.
   * @default 14_400_000 (4 hours)
   */
  contactTimeoutMs?: number;
  /**
   * At most this many contact spans are kept open; past it the oldest is
   * ended with status ERROR and end reason `evicted`, and counted.
   * @default 10_000
   */
  maxOpenContacts?: number;
  /**
   * A break span still open this long after its `start` is ended with status
   * ERROR and end reason `timeout`, and counted.
   * @default 14_400_000 (4 hours)
   */
  breakTimeoutMs?: number;
  /**
   * At most this many break spans (one per operator) are kept open; past it
   * the oldest is ended with status ERROR and end reason `evicted`.
   * @default 10_000
   */
  maxOpenBreaks?: number;
  /**
   * Put `call_center.operator.id` on metrics. Off by default: operator ids are
   * high-cardinality and multiply every metric series.
   * @default false
   */
  operatorOnMetrics?: boolean;
  /**
   * The instrumentation's clock, epoch milliseconds: the time of an event
   * logged without `timestamp`, and the "now" of span timeouts. For
   * simulations that run in accelerated time, and tests.
   * @default Date.now
   */
  now?: () => number;
  /**
   * How far ahead of the clock (`now`) an event's time may be: a per-call
   * `timestamp` or a `contact_start_time` later than now plus this, or
   * before 1970, is refused (`invalid_value`). A timestamp in microseconds is
   * the usual case; one such event would otherwise get whole export batches
   * refused by the Collector.
   * @default 300_000 (5 minutes)
   */
  maxClockSkewMs?: number;
  /**
   * Strings (other than identifiers, which are refused past 256 characters)
   * are cut to this many UTF-16 code units; so are the strings inside `meta`,
   * whose strings together are bounded to 4 times this. No exported string
   * is longer. At least 256.
   * @default 4096
   */
  maxStringLength?: number;
  /**
   * What happens to patient data before anything is emitted or buffered: per
   * sensitive attribute `keep`, `hash` (HMAC-SHA-256 with `key`) or `drop`,
   * and a last-word `redact` hook. See the README's "Patient data".
   * @default free text and meta dropped; ids hashed with a key, else dropped
   */
  privacy?: CallCenterPrivacyConfig;
}

/** Options of one `logIngestEvent` call. */
export interface LogIngestEventOptions {
  /** The operator of this event; overrides the configured one. */
  operator?: CallCenterOperator;
  /** When the event happened (epoch milliseconds or a Date); defaults to now. */
  timestamp?: number | Date;
}

/** What `logIngestEvent` returns: never throws in 'report' mode. */
export type LogIngestEventResult =
  | {
      ok: true;
      /** The event was checked and is held until an instrumentation is enabled (facade only). */
      pending?: true;
    }
  | { ok: false; error: CallCenterValidationError };
