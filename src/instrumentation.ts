import {
  logs,
  metrics,
  SeverityNumber,
  trace,
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
import { CallCenterMetrics } from './metrics.js';
import { copyOperator, operatorIssue, readOptions } from './options.js';
import { EVENT_BREAK, EVENT_CONTACT, EVENT_OPS_SCORECARD, INSTRUMENTATION_SCOPE } from './semconv.js';
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

function normalizeConfig(config: CallCenterInstrumentationConfig): CallCenterInstrumentationConfig {
  const normalized: CallCenterInstrumentationConfig = { ...config };
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

  private _config: CallCenterInstrumentationConfig;
  private _enabled = false;
  private _tracer: Tracer;
  private _logger: Logger;
  private _metrics: CallCenterMetrics;
  private readonly _reportedFields = new Set<string>();

  constructor(config: CallCenterInstrumentationConfig = {}) {
    this._config = normalizeConfig(config);
    this._tracer = trace.getTracer(INSTRUMENTATION_SCOPE, VERSION);
    this._logger = logs.getLogger(INSTRUMENTATION_SCOPE, VERSION);
    this._metrics = new CallCenterMetrics(metrics.getMeter(INSTRUMENTATION_SCOPE, VERSION));
    if (this._config.enabled !== false) this.enable();
  }

  /** Starts emitting, and makes this instance the target of `CallCenter.logIngestEvent`. */
  enable(): void {
    this._enabled = true;
    bindFacade(this);
  }

  /** Stops emitting; `CallCenter.logIngestEvent` falls back to the previously enabled instance, if any. */
  disable(): void {
    this._enabled = false;
    unbindFacade(this);
  }

  isEnabled(): boolean {
    return this._enabled;
  }

  setTracerProvider(provider: TracerProvider): void {
    this._tracer = provider.getTracer(INSTRUMENTATION_SCOPE, VERSION);
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

    const attributes = eventAttributes(parsed);
    addOperatorAttributes(attributes, read.operator);
    this._logger.emit({
      eventName: EVENT_NAMES[parsed.type],
      severityNumber: SeverityNumber.INFO,
      severityText: 'INFO',
      body: logBody(parsed),
      attributes,
      timestamp: read.timestamp,
    });
    this._metrics.accepted(parsed.type, 'action' in parsed.event ? parsed.event.action : undefined);
    return undefined;
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
