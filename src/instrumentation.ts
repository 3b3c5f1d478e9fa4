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
import { addOperatorAttributes, eventAttributes, logBody } from './attributes.js';
import { ccDiag } from './diag.js';
import { CallCenterValidationError, type CallCenterValidationIssue } from './errors.js';
import type { CallCenterEventType } from './events/enums.js';
import { isEventType, knownFields, validateEvent } from './events/validate.js';
import { bindFacade, unbindFacade, type IngestTarget } from './facade.js';
import { BreakSpans } from './lifecycle/breaks.js';
import { ContactSpans } from './lifecycle/contacts.js';
import type { LifecycleHost } from './lifecycle/host.js';
import type { ForcedEndReason } from './lifecycle/open-spans.js';
import { onPageHide } from './lifecycle/page-hide.js';
import { flushTracerProvider, onProviderShutdown } from './lifecycle/provider-shutdown.js';
import { CallCenterMetrics } from './metrics.js';
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
    throw new TypeError(`CallCenterInstrumentation config ${key}: expected a positive ${integer ? 'whole ' : ''}number`);
  }
}

function normalizeConfig(config: CallCenterInstrumentationConfig): ResolvedConfig {
  positive(config, 'contactTimeoutMs', false);
  positive(config, 'breakTimeoutMs', false);
  positive(config, 'maxOpenContacts', true);
  positive(config, 'maxOpenBreaks', true);
  if (config.now !== undefined && typeof config.now !== 'function') {
    throw new TypeError('CallCenterInstrumentation config now: expected a function returning epoch milliseconds');
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
    if (issue) throw new TypeError(`CallCenterInstrumentation config ${issue.path}: ${issue.message}`);
    normalized.operator = copyOperator(config.operator);
  }
  if (config.validation !== undefined && config.validation !== 'report' && config.validation !== 'strict') {
    throw new TypeError(`CallCenterInstrumentation config validation: expected 'report' or 'strict'`);
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

  private _config: ResolvedConfig;
  private _enabled = false;
  private _tracerProvider: TracerProvider | undefined;
  private _tracer: Tracer;
  private _logger: Logger;
  private _metrics: CallCenterMetrics;
  private readonly _reportedFields = new Set<string>();
  private readonly _contacts: ContactSpans;
  private readonly _breaks: BreakSpans;
  /** The one sweep timer, armed while spans are open. */
  private _timer: ReturnType<typeof setInterval> | undefined;
  /** Event time (by the configured clock) at which the next inline sweep is due. */
  private _nextSweepMs = 0;
  private _shutdownHooked = false;
  private _removePageHide: (() => void) | undefined;

  constructor(config: CallCenterInstrumentationConfig = {}) {
    this._config = normalizeConfig(config);
    this._tracer = trace.getTracer(INSTRUMENTATION_SCOPE, VERSION);
    this._logger = logs.getLogger(INSTRUMENTATION_SCOPE, VERSION);
    this._metrics = new CallCenterMetrics(metrics.getMeter(INSTRUMENTATION_SCOPE, VERSION));
    const self = this;
    const host: LifecycleHost = {
      get tracer() {
        return self._tracer;
      },
      get metrics() {
        return self._metrics;
      },
      get contactLimits() {
        return { max: self._config.maxOpenContacts, timeoutMs: self._config.contactTimeoutMs };
      },
      get breakLimits() {
        return { max: self._config.maxOpenBreaks, timeoutMs: self._config.breakTimeoutMs };
      },
      spanOpened: () => this._spanOpened(),
    };
    this._contacts = new ContactSpans(host);
    this._breaks = new BreakSpans(host);
    if (this._config.enabled !== false) this.enable();
  }

  /** Starts emitting, and makes this instance the target of `CallCenter.logIngestEvent`. */
  enable(): void {
    this._enabled = true;
    bindFacade(this);
    // In a browser, a closing tab would lose its open spans: end them and
    // flush (the SDK's browser processors flush on visibilitychange, which
    // comes before pagehide, and export with fetch keepalive).
    this._removePageHide ??= onPageHide(() => {
      if (this._contacts.open.size + this._breaks.open.size === 0) return;
      this._endAll('page_hide');
      flushTracerProvider(this._tracerProvider ?? trace.getTracerProvider());
    });
  }

  /**
   * Stops emitting and ends every open contact and break span (status ERROR,
   * end reason `disabled`); `CallCenter.logIngestEvent` falls back to the
   * previously enabled instance, if any.
   */
  disable(): void {
    this._enabled = false;
    unbindFacade(this);
    this._removePageHide?.();
    this._removePageHide = undefined;
    this._endAll('disabled');
  }

  isEnabled(): boolean {
    return this._enabled;
  }

  setTracerProvider(provider: TracerProvider): void {
    this._tracerProvider = provider;
    this._tracer = provider.getTracer(INSTRUMENTATION_SCOPE, VERSION);
    this._shutdownHooked = false;
  }

  setMeterProvider(provider: MeterProvider): void {
    this._metrics = new CallCenterMetrics(provider.getMeter(INSTRUMENTATION_SCOPE, VERSION));
  }

  setLoggerProvider(provider: LoggerProvider): void {
    this._logger = provider.getLogger(INSTRUMENTATION_SCOPE, VERSION);
  }

  /** Replaces the configuration (the enabled state is kept). Throws TypeError on an unusable config. */
  setConfig(config: CallCenterInstrumentationConfig = {}): void {
    this._config = normalizeConfig(config);
  }

  getConfig(): CallCenterInstrumentationConfig {
    return this._config;
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
      const result = this._ingest(type, event, options);
      if (result === undefined) return OK;
      error = result;
    } catch (cause) {
      error = this._internalError(type, cause);
    }
    this._reject(error);
    if (this._config.validation === 'strict' && error.reason !== 'internal_error') throw error;
    return { ok: false, error };
  }

  /** Emits the event; returns the validation error instead when it is invalid. */
  private _ingest(type: unknown, input: unknown, options: unknown): CallCenterValidationError | undefined {
    const result = validateEvent(type, input);
    if (!result.ok) return result.error;
    const { parsed } = result;
    const read = readOptions(options, this._config.operator);
    if (isIssue(read)) return new CallCenterValidationError(parsed.type, [read]);
    this._reportUnknownFields(parsed.type, result.input);
    if (!this._enabled) return undefined;

    const timeMs = read.timestamp ?? this._config.now();
    if (timeMs >= this._nextSweepMs) this._sweep(timeMs);
    const { operator } = read;
    const metricOperator: Attributes | undefined =
      this._config.operatorOnMetrics && operator ? { [ATTR_OPERATOR_ID]: operator.id } : undefined;
    const attributes = eventAttributes(parsed);
    addOperatorAttributes(attributes, operator);

    let span: Span | undefined;
    if (parsed.type === 'contact') span = this._contacts.onEvent(parsed.event, attributes, operator?.id, metricOperator, timeMs);
    else if (parsed.type === 'break') span = this._breaks.onEvent(parsed.event, attributes, operator?.id, metricOperator, timeMs);

    this._logger.emit({
      eventName: EVENT_NAMES[parsed.type],
      severityNumber: SeverityNumber.INFO,
      severityText: 'INFO',
      body: logBody(parsed),
      attributes,
      timestamp: timeMs,
      // The log record links to the contact's or break's span, both ways.
      context: span ? trace.setSpan(context.active(), span) : undefined,
    });
    this._metrics.accepted(
      parsed.type,
      'action' in parsed.event ? parsed.event.action : undefined,
      metricOperator ? operator?.id : undefined,
    );
    return undefined;
  }

  /** A span was opened: arm the sweep timer and the provider-shutdown hook if they are not. */
  private _spanOpened(): void {
    if (!this._shutdownHooked) {
      this._shutdownHooked = onProviderShutdown(this._tracerProvider ?? trace.getTracerProvider(), () => this._endAll('shutdown'));
    }
    if (this._timer !== undefined) return;
    this._timer = setInterval(() => {
      try {
        this._sweep(this._config.now());
      } catch (cause) {
        ccDiag.error('sweeping open spans failed', cause);
      }
    }, sweepIntervalMs(this._config));
    // Never keep a Node process alive for the sake of a sweep (browsers return a number).
    const timer = this._timer as { unref?: () => void };
    if (typeof timer.unref === 'function') timer.unref();
  }

  /** Ends spans past their timeout; one sweep for all of them, by the timer or inline on an event. */
  private _sweep(nowMs: number): void {
    this._contacts.open.sweep(nowMs);
    this._breaks.open.sweep(nowMs);
    this._nextSweepMs = nowMs + sweepIntervalMs(this._config);
    if (this._contacts.open.size === 0 && this._breaks.open.size === 0) this._stopTimer();
  }

  private _endAll(reason: ForcedEndReason): void {
    try {
      const nowMs = this._config.now();
      this._contacts.open.endAll(reason, nowMs);
      this._breaks.open.endAll(reason, nowMs);
    } catch (cause) {
      ccDiag.error(`ending open spans (${reason}) failed`, cause);
    }
    this._stopTimer();
  }

  private _stopTimer(): void {
    if (this._timer === undefined) return;
    clearInterval(this._timer);
    this._timer = undefined;
  }

  private _reportUnknownFields(type: CallCenterEventType, input: Record<string, unknown>): void {
    const known = knownFields(type);
    let unknown = 0;
    for (const field in input) {
      if (known.has(field) || !Object.prototype.hasOwnProperty.call(input, field)) continue;
      unknown++;
      const key = `${type}.${field.length > 64 ? `${field.slice(0, 64)}…` : field}`;
      if (this._reportedFields.has(key) || this._reportedFields.size >= MAX_REPORTED_FIELDS) continue;
      this._reportedFields.add(key);
      ccDiag.warn(`${type} event field ${JSON.stringify(field.slice(0, 64))} is not in the contract: ignored, not exported (reported once per field name)`);
    }
    if (unknown > 0 && this._enabled) this._metrics.ignoredFields(type, unknown);
  }

  private _reject(error: CallCenterValidationError): void {
    try {
      if (this._enabled) this._metrics.rejected(isEventType(error.eventType) ? error.eventType : 'unknown', error.reason);
      if (error.reason === 'internal_error') ccDiag.error(error.message);
      else ccDiag.warn(`${error.message} (event dropped)`);
      this._config.onInvalidEvent?.(error);
    } catch (cause) {
      ccDiag.error('onInvalidEvent threw; the error was caught', cause);
    }
  }

  private _internalError(type: unknown, cause: unknown): CallCenterValidationError {
    const issue: CallCenterValidationIssue = {
      path: '',
      code: 'internal_error',
      message: `the instrumentation failed while emitting the event (${cause instanceof Error ? cause.name : 'non-Error thrown'}); please report it`,
    };
    ccDiag.error('internal error while emitting an event', cause);
    return new CallCenterValidationError(isEventType(type) ? type : 'unknown', [issue]);
  }
}

function isIssue(value: object): value is CallCenterValidationIssue {
  return 'code' in value;
}
