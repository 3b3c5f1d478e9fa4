import {
  context,
  logs,
  metrics,
  SeverityNumber,
  trace,
  type Attributes,
  type Span,
  type Logger,
  type LoggerProvider,
  type MeterProvider,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import { addOperatorAttributes, createEventMapper, logBody, type EventMapper } from './attributes.js';
import { ccDiag } from './diag.js';
import { CallCenterValidationError, configError, type CallCenterValidationIssue } from './errors.js';
import type { CallCenterEventType } from './events/enums.js';
import { actionOf, eventSpec, isEventType, validateEvent, type ParsedEvent } from './events/validate.js';
import { bindFacade, unbindFacade, type IngestTarget } from './facade.js';
import { BreakSpans } from './lifecycle/breaks.js';
import { ContactSpans } from './lifecycle/contacts.js';
import type { LifecycleHost } from './lifecycle/host.js';
import type { ForcedEndReason } from './lifecycle/open-spans.js';
import { onPageHide } from './lifecycle/page-hide.js';
import { flushTracerProvider, onProviderShutdown } from './lifecycle/provider-shutdown.js';
import { CallCenterMetrics } from './metrics.js';
import { createPrivacyPolicy, type PrivacyPolicy } from './privacy/policy.js';
import { copyOperator, operatorIssue, readOptions } from './options.js';
import { ATTR_OPERATOR_ID, EVENT_BREAK, EVENT_CONTACT, EVENT_OPS_SCORECARD, INSTRUMENTATION_SCOPE } from './semconv.js';
import type {
  CallCenterEventMap,
  CallCenterInstrumentationConfig,
  LogIngestEventOptions,
  LogIngestEventResult,
} from './types.js';
import { VERSION } from './version.js';

const EVENT_NAMES: Record<CallCenterEventType, string> = {
  break: EVENT_BREAK,
  contact: EVENT_CONTACT,
  ops_scorecard: EVENT_OPS_SCORECARD,
};

const OK: LogIngestEventResult = Object.freeze({ ok: true });

/** Unknown field names reported per instance before it stops reporting new ones (a bound on memory). */
const MAX_REPORTED_FIELDS = 256;

const HOUR_MS = 3_600_000;

/** The configuration with every default filled in. */
type ResolvedConfig = CallCenterInstrumentationConfig &
  Required<Pick<CallCenterInstrumentationConfig, 'contactTimeoutMs' | 'maxOpenContacts' | 'breakTimeoutMs' | 'maxOpenBreaks' | 'now'>>;

/** How often open spans are checked for timeouts: a tenth of the shorter timeout, between 1 s and 1 min. */
function sweepIntervalMs(config: ResolvedConfig): number {
  return Math.min(60_000, Math.max(1_000, Math.min(config.contactTimeoutMs, config.breakTimeoutMs) / 10));
}

function positive(config: CallCenterInstrumentationConfig, key: keyof CallCenterInstrumentationConfig, integer: boolean): void {
  const value = config[key];
  if (value === undefined) return;
  if (typeof value !== 'number' || !(value > 0) || (integer ? !Number.isInteger(value) : !Number.isFinite(value))) {
    throw configError(key, `expected a positive ${integer ? 'whole ' : ''}number`);
  }
}

function normalizeConfig(config: CallCenterInstrumentationConfig): ResolvedConfig {
  positive(config, 'contactTimeoutMs', false);
  positive(config, 'breakTimeoutMs', false);
  positive(config, 'maxOpenContacts', true);
  positive(config, 'maxOpenBreaks', true);
  if (config.now !== undefined && typeof config.now !== 'function') {
    throw configError('now', 'expected a function returning epoch milliseconds');
  }
  const normalized: ResolvedConfig = {
    ...config,
    contactTimeoutMs: config.contactTimeoutMs ?? 4 * HOUR_MS,
    maxOpenContacts: config.maxOpenContacts ?? 10_000,
    breakTimeoutMs: config.breakTimeoutMs ?? 4 * HOUR_MS,
    maxOpenBreaks: config.maxOpenBreaks ?? 10_000,
    now: config.now ?? Date.now,
  };
  if (config.operator !== undefined) {
    const issue = operatorIssue(config.operator, 'operator');
    if (issue) throw configError(issue.path, issue.message);
    normalized.operator = copyOperator(config.operator);
  }
  if (config.validation !== undefined && config.validation !== 'report' && config.validation !== 'strict') {
    throw configError('validation', `expected 'report' or 'strict'`);
  }
  return normalized;
}

/**
 * Turns the call-center platform's ingest events into OpenTelemetry log
 * records (and, with the lifecycle modules, spans and metrics). Register it
 * like any instrumentation: `registerInstrumentations({ instrumentations: [it] })`
 * or NodeSDK's `instrumentations`. It patches nothing: events arrive through
 * {@link CallCenter.logIngestEvent} or {@link CallCenterInstrumentation.logIngestEvent}.
 */
export class CallCenterInstrumentation implements IngestTarget {
  readonly instrumentationName: string = INSTRUMENTATION_SCOPE;
  readonly instrumentationVersion: string = VERSION;

  #config!: ResolvedConfig;
  #policy!: PrivacyPolicy;
  #mapEvent!: EventMapper;
  #enabled = false;
  #tracerProvider: TracerProvider | undefined;
  #tracer: Tracer;
  #logger: Logger;
  #metrics: CallCenterMetrics;
  readonly #reportedFields = new Set<string>();
  readonly #contacts: ContactSpans;
  readonly #breaks: BreakSpans;
  /** The one sweep timer, armed while spans are open. */
  #timer: ReturnType<typeof setInterval> | undefined;
  /** Event time (by the configured clock) at which the next inline sweep is due. */
  #nextSweepMs = 0;
  #shutdownHooked = false;
  #removePageHide: (() => void) | undefined;

  constructor(config: CallCenterInstrumentationConfig = {}) {
    this.setConfig(config);
    this.#tracer = trace.getTracer(INSTRUMENTATION_SCOPE, VERSION);
    this.#logger = logs.getLogger(INSTRUMENTATION_SCOPE, VERSION);
    this.#metrics = new CallCenterMetrics(metrics.getMeter(INSTRUMENTATION_SCOPE, VERSION));
    const self = this;
    const host: LifecycleHost = {
      get tracer() {
        return self.#tracer;
      },
      get metrics() {
        return self.#metrics;
      },
      get contactLimits() {
        return { max: self.#config.maxOpenContacts, timeoutMs: self.#config.contactTimeoutMs };
      },
      get breakLimits() {
        return { max: self.#config.maxOpenBreaks, timeoutMs: self.#config.breakTimeoutMs };
      },
      spanOpened: () => this.#spanOpened(),
    };
    this.#contacts = new ContactSpans(host);
    this.#breaks = new BreakSpans(host);
    if (this.#config.enabled !== false) this.enable();
  }

  /** Starts emitting, and makes this instance the target of `CallCenter.logIngestEvent`. */
  enable(): void {
    this.#enabled = true;
    bindFacade(this);
    // In a browser, a closing tab would lose its open spans: end them and
    // flush (the SDK's browser processors flush on visibilitychange, which
    // comes before pagehide, and export with fetch keepalive).
    this.#removePageHide ??= onPageHide(() => {
      if (this.#contacts.open.size + this.#breaks.open.size === 0) return;
      this.#endAll('page_hide');
      flushTracerProvider(this.#tracerProvider ?? trace.getTracerProvider());
    });
  }

  /**
   * Stops emitting and ends every open contact and break span (status ERROR,
   * end reason `disabled`); `CallCenter.logIngestEvent` falls back to the
   * previously enabled instance, if any.
   */
  disable(): void {
    this.#enabled = false;
    unbindFacade(this);
    this.#removePageHide?.();
    this.#removePageHide = undefined;
    this.#endAll('disabled');
  }

  isEnabled(): boolean {
    return this.#enabled;
  }

  setTracerProvider(provider: TracerProvider): void {
    this.#tracerProvider = provider;
    this.#tracer = provider.getTracer(INSTRUMENTATION_SCOPE, VERSION);
    this.#shutdownHooked = false;
  }

  setMeterProvider(provider: MeterProvider): void {
    this.#metrics = new CallCenterMetrics(provider.getMeter(INSTRUMENTATION_SCOPE, VERSION));
  }

  setLoggerProvider(provider: LoggerProvider): void {
    this.#logger = provider.getLogger(INSTRUMENTATION_SCOPE, VERSION);
  }

  /** Replaces the configuration (the enabled state is kept). Throws TypeError on an unusable config. */
  setConfig(config: CallCenterInstrumentationConfig = {}): void {
    // All checked before anything changes: a bad config leaves the old one in force.
    const resolved = normalizeConfig(config);
    const policy = createPrivacyPolicy(resolved.privacy);
    this.#config = resolved;
    this.#policy = policy;
    this.#mapEvent = createEventMapper(policy);
  }

  getConfig(): CallCenterInstrumentationConfig {
    return this.#config;
  }

  /**
   * Validates one ingest event and emits its telemetry. In 'report' mode it
   * never throws; in 'strict' mode it throws {@link CallCenterValidationError}
   * for an invalid event, and nothing else.
   */
  logIngestEvent<T extends CallCenterEventType>(
    type: T,
    event: CallCenterEventMap[T],
    options?: LogIngestEventOptions,
  ): LogIngestEventResult {
    let error: CallCenterValidationError;
    try {
      const result = this.#ingest(type, event, options);
      if (result === undefined) return OK;
      error = result;
    } catch (cause) {
      error = failure(isEventType(type) ? type : 'unknown', 'internal_error', 'the instrumentation failed while emitting the event; please report it', cause);
    }
    this.#reject(error);
    // Strict mode throws for the event's faults only, not for the instrumentation's or the redaction hook's.
    if (this.#config.validation === 'strict' && error.reason !== 'internal_error' && error.reason !== 'redaction_failed') throw error;
    return { ok: false, error };
  }

  /** Emits the event; returns the validation error instead when it is invalid. */
  #ingest(type: unknown, input: unknown, options: unknown): CallCenterValidationError | undefined {
    // The common case, a valid event, is validated and mapped in one pass;
    // anything else goes through validateEvent, which decides and explains.
    let attributes: Attributes | undefined;
    let parsed: ParsedEvent;
    let unknownFields: string[] = [];
    if (isEventType(type) && typeof input === 'object' && input !== null && !Array.isArray(input)) {
      try {
        attributes = this.#mapEvent.fast(type, input as Record<string, unknown>, unknownFields);
      } catch {
        // An unreadable event: validateEvent reports it.
      }
    }
    if (attributes) {
      parsed = { type, event: input } as ParsedEvent;
    } else {
      const result = validateEvent(type, input);
      if (!result.ok) return result.error;
      parsed = result.parsed;
      const { known } = eventSpec(parsed.type);
      unknownFields = Object.keys(input as object).filter((field) => !known.has(field));
    }
    const read = readOptions(options, this.#config.operator);
    if (isIssue(read)) return new CallCenterValidationError(parsed.type, [read]);
    if (unknownFields.length) this.#reportUnknownFields(parsed.type, unknownFields);
    if (!this.#enabled) return undefined;
    attributes ??= this.#mapEvent.map(parsed);

    const timeMs = read.timestamp ?? this.#config.now();
    if (timeMs >= this.#nextSweepMs) this.#sweep(timeMs);
    const { operator } = read;
    const metricOperator: Attributes | undefined =
      this.#config.operatorOnMetrics && operator ? { [ATTR_OPERATOR_ID]: operator.id } : undefined;
    addOperatorAttributes(attributes, operator);
    if (this.#policy.redact) {
      const redacted = this.#redact(parsed, attributes);
      if (redacted instanceof CallCenterValidationError) return redacted;
      attributes = redacted;
    }

    let span: Span | undefined;
    if (parsed.type === 'contact') span = this.#contacts.onEvent(parsed.event, attributes, operator?.id, metricOperator, timeMs);
    else if (parsed.type === 'break') span = this.#breaks.onEvent(parsed.event, attributes, operator?.id, metricOperator, timeMs);

    this.#logger.emit({
      eventName: EVENT_NAMES[parsed.type],
      severityNumber: SeverityNumber.INFO,
      severityText: 'INFO',
      body: logBody(parsed),
      attributes,
      timestamp: timeMs,
      // The log record links to the contact's or break's span, both ways.
      context: span ? trace.setSpan(context.active(), span) : undefined,
    });
    this.#metrics.accepted(parsed.type, actionOf(parsed), metricOperator ? operator?.id : undefined);
    return undefined;
  }

  /** Runs the user's redaction hook; fails closed (the event is dropped) when it throws or returns garbage. */
  #redact(parsed: ParsedEvent, attributes: Attributes): Attributes | CallCenterValidationError {
    try {
      const action = actionOf(parsed);
      const result = this.#policy.redact!(attributes, action === undefined ? { eventType: parsed.type } : { eventType: parsed.type, action });
      if (result === undefined) return attributes;
      if (typeof result === 'object' && result !== null && !Array.isArray(result)) return result;
      throw new TypeError('privacy.redact returned neither an attributes object nor nothing');
    } catch (cause) {
      return failure(parsed.type, 'redaction_failed', 'privacy.redact failed; the event was dropped rather than sent unredacted', cause);
    }
  }

  /** A span was opened: arm the sweep timer and the provider-shutdown hook if they are not. */
  #spanOpened(): void {
    if (!this.#shutdownHooked) {
      this.#shutdownHooked = onProviderShutdown(this.#tracerProvider ?? trace.getTracerProvider(), () => this.#endAll('shutdown'));
    }
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      try {
        this.#sweep(this.#config.now());
      } catch (cause) {
        ccDiag.error('sweeping open spans failed', cause);
      }
    }, sweepIntervalMs(this.#config));
    // Never keep a Node process alive for the sake of a sweep (browsers return a number).
    const timer = this.#timer as { unref?: () => void };
    if (typeof timer.unref === 'function') timer.unref();
  }

  /** Ends spans past their timeout; one sweep for all of them, by the timer or inline on an event. */
  #sweep(nowMs: number): void {
    this.#contacts.open.sweep(nowMs);
    this.#breaks.open.sweep(nowMs);
    this.#nextSweepMs = nowMs + sweepIntervalMs(this.#config);
    if (this.#contacts.open.size === 0 && this.#breaks.open.size === 0) this.#stopTimer();
  }

  #endAll(reason: ForcedEndReason): void {
    try {
      const nowMs = this.#config.now();
      this.#contacts.open.endAll(reason, nowMs);
      this.#breaks.open.endAll(reason, nowMs);
    } catch (cause) {
      ccDiag.error(`ending open spans (${reason}) failed`, cause);
    }
    this.#stopTimer();
  }

  #stopTimer(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #reportUnknownFields(type: CallCenterEventType, fields: readonly string[]): void {
    for (const field of fields) {
      const key = `${type}.${field.length > 64 ? `${field.slice(0, 64)}…` : field}`;
      if (this.#reportedFields.has(key) || this.#reportedFields.size >= MAX_REPORTED_FIELDS) continue;
      this.#reportedFields.add(key);
      ccDiag.warn(`${type} event field ${JSON.stringify(field.slice(0, 64))} is not in the contract: ignored, not exported (reported once per field name)`);
    }
    if (this.#enabled) this.#metrics.ignoredFields(type, fields.length);
  }

  #reject(error: CallCenterValidationError): void {
    try {
      if (this.#enabled) this.#metrics.rejected(isEventType(error.eventType) ? error.eventType : 'unknown', error.reason);
      // Failures were reported where they happened, with their cause.
      if (error.reason !== 'internal_error' && error.reason !== 'redaction_failed') ccDiag.warn(`${error.message} (event dropped)`);
      this.#config.onInvalidEvent?.(error);
    } catch (cause) {
      ccDiag.error('onInvalidEvent threw; the error was caught', cause);
    }
  }

}

/** An event dropped through no fault of its own: reported with its cause through diag, counted by the caller. */
function failure(eventType: string, code: 'internal_error' | 'redaction_failed', what: string, cause: unknown): CallCenterValidationError {
  ccDiag.error(what, cause);
  return new CallCenterValidationError(eventType, [{ path: '', code, message: `${what} (${cause instanceof Error ? cause.name : typeof cause})` }]);
}

function isIssue(value: object): value is CallCenterValidationIssue {
  return 'code' in value;
}
