import { logs, metrics, trace, type LoggerProvider, type MeterProvider, type TracerProvider } from '@opentelemetry/api';
import { resolveConfig } from './config.js';
import { failure, type CallCenterValidationError } from './errors.js';
import type { CallCenterEventType } from './events/enums.js';
import { isEventType } from './events/validate.js';
import { bindFacade, handOverBefore, unbindFacade, type IngestTarget } from './facade.js';
import { MAX_HELD_EVENTS, type TakenEvents } from './ingest/held-events.js';
import { IngestPipeline, type EmitTarget } from './ingest/pipeline.js';
import { lifecycle } from './lifecycle/lifecycle.js';
import type { SpanOwner } from './lifecycle/span-owner.js';
import { CallCenterMetrics } from './metrics.js';
import { createPrivacyPolicy } from './privacy/policy.js';
import { report } from './diag.js';
import { INSTRUMENTATION_SCOPE } from './semconv.js';
import type { CallCenterEventMap, CallCenterInstrumentationConfig, LogIngestEventOptions, LogIngestEventResult } from './types.js';
import { SCHEMA_URL, VERSION } from './version.js';

const OK: LogIngestEventResult = Object.freeze({ ok: true });
/** Every tracer, meter and logger of this package names the semantic conventions it follows. */
const SCOPE_OPTIONS = Object.freeze({ schemaUrl: SCHEMA_URL });

/**
 * Turns the call-center platform's ingest events into OpenTelemetry log
 * records, spans and metrics. Register it like any instrumentation:
 * `registerInstrumentations({ instrumentations: [it] })` or NodeSDK's
 * `instrumentations`. It patches nothing: events arrive through
 * {@link CallCenter.logIngestEvent} or {@link CallCenterInstrumentation.logIngestEvent}.
 * The class is the OpenTelemetry Instrumentation contract and the wiring:
 * the path an event takes is `IngestPipeline`, open spans are the shared
 * `lifecycle`'s.
 */
export class CallCenterInstrumentation implements IngestTarget {
  readonly instrumentationName: string = INSTRUMENTATION_SCOPE;
  readonly instrumentationVersion: string = VERSION;

  #pipeline!: IngestPipeline;
  #enabled = false;
  /** Where events go while enabled: made once, replaced when the logger provider changes. */
  #target!: EmitTarget;
  /** What this instance lends the spans it opens: updated in place on a provider or config change. */
  readonly #owner: SpanOwner;

  constructor(config: CallCenterInstrumentationConfig = {}) {
    this.setConfig(config);
    const owner: Omit<SpanOwner, 'metrics'> = {
      tracer: trace.getTracerProvider().getTracer(INSTRUMENTATION_SCOPE, VERSION, SCOPE_OPTIONS),
      tracerProvider: trace.getTracerProvider(),
      config: this.#pipeline.config,
      nextSweepMs: 0,
    };
    const openContacts = (visit: Parameters<typeof lifecycle.openContacts>[1]) => lifecycle.openContacts(this.#owner, visit);
    this.#owner = { ...owner, metrics: new CallCenterMetrics(metrics.getMeter(INSTRUMENTATION_SCOPE, VERSION, SCOPE_OPTIONS), openContacts) };
    this.#target = { owner: this.#owner, logger: logs.getLogger(INSTRUMENTATION_SCOPE, VERSION, SCOPE_OPTIONS) };
    if (this.#pipeline.config.enabled !== false) this.#enable(true);
  }

  /**
   * Starts emitting, and makes this instance the target of
   * `CallCenter.logIngestEvent`: it also emits what the facade held while no
   * instance was enabled.
   */
  enable(): void {
    this.#enable(false);
  }

  #enable(fromConstructor: boolean): void {
    this.#enabled = true;
    lifecycle.attach(this.#owner);
    bindFacade(this, fromConstructor);
  }

  /**
   * Stops emitting; `CallCenter.logIngestEvent` falls back to the previously
   * enabled instance, which takes over this one's open contacts and breaks.
   * When no other is enabled, they are ended (status ERROR, end reason
   * `disabled`) so that nothing silently disappears.
   */
  disable(): void {
    this.#enabled = false;
    unbindFacade(this);
    lifecycle.detach(this.#owner);
  }

  isEnabled(): boolean {
    return this.#enabled;
  }

  setTracerProvider(provider: TracerProvider): void {
    this.#owner.tracerProvider = provider;
    this.#owner.tracer = provider.getTracer(INSTRUMENTATION_SCOPE, VERSION, SCOPE_OPTIONS);
  }

  setMeterProvider(provider: MeterProvider): void {
    this.#owner.metrics.setMeter(provider.getMeter(INSTRUMENTATION_SCOPE, VERSION, SCOPE_OPTIONS));
  }

  setLoggerProvider(provider: LoggerProvider): void {
    this.#target = { owner: this.#owner, logger: provider.getLogger(INSTRUMENTATION_SCOPE, VERSION, SCOPE_OPTIONS) };
  }

  /** Replaces the configuration (the enabled state is kept). Throws TypeError on an unusable config, leaving the old one in force. */
  setConfig(config: CallCenterInstrumentationConfig = {}): void {
    const resolved = resolveConfig(config);
    this.#pipeline = new IngestPipeline(resolved, createPrivacyPolicy(resolved.privacy));
    // Undefined only while the constructor runs.
    if (this.#owner) {
      this.#owner.config = resolved;
      // Open spans follow the new limits and clock at once; the sweep timer, the new interval.
      if (this.#enabled) lifecycle.reconfigured(this.#owner);
    }
  }

  /** A copy: the configuration in force changes only through setConfig, which checks it. */
  getConfig(): CallCenterInstrumentationConfig {
    return { ...this.#pipeline.config };
  }

  /**
   * Validates one ingest event and emits its telemetry. In 'report' mode it
   * never throws; in 'strict' mode it throws {@link CallCenterValidationError}
   * for an invalid event, and nothing else.
   */
  logIngestEvent<T extends CallCenterEventType>(type: T, event: CallCenterEventMap[T], options?: LogIngestEventOptions): LogIngestEventResult {
    let error: CallCenterValidationError | undefined;
    try {
      if (this.#enabled) handOverBefore(this);
      error = this.#pipeline.run(type, event, options, this.#enabled ? this.#target : undefined);
      if (error === undefined) return OK;
    } catch (cause) {
      error = failure(isEventType(type) ? type : 'unknown', 'internal_error', 'the instrumentation failed while emitting the event; please report it', cause);
    }
    this.#reject(error);
    // Strict mode throws for the event's faults only, not for the instrumentation's or the redaction hook's.
    if (this.#pipeline.config.validation === 'strict' && error.reason !== 'internal_error' && error.reason !== 'redaction_failed') throw error;
    return { ok: false, error };
  }

  /** @internal The facade's held events: emitted with their original times; never thrown, whatever the mode. */
  takeHeld({ events, dropped, refused }: TakenEvents): void {
    // Refused while no instance was enabled (and reported then, through diag): counted here.
    for (const { eventType, reason, count } of refused) this.#owner.metrics.rejected(eventType, reason, count);
    for (const [type, count] of Object.entries(dropped)) {
      this.#owner.metrics.rejected(type, 'not_enabled', count);
      report('warn', `${count} ${type} events logged before any CallCenterInstrumentation was enabled were dropped (more than ${MAX_HELD_EVENTS} were waiting)`);
    }
    for (const ev of events) {
      let error: CallCenterValidationError | undefined;
      try {
        error = this.#pipeline.replay(ev, this.#target);
      } catch (cause) {
        error = failure(ev.type, 'internal_error', 'the instrumentation failed while emitting a held event; please report it', cause);
      }
      if (error) this.#reject(error);
    }
  }

  #reject(error: CallCenterValidationError): void {
    try {
      if (this.#enabled) this.#owner.metrics.rejected(isEventType(error.eventType) ? error.eventType : 'unknown', error.reason);
      // Failures were reported where they happened, with their cause.
      if (error.reason !== 'internal_error' && error.reason !== 'redaction_failed') report('warn', `${error.message} (event dropped)`);
      this.#pipeline.config.onInvalidEvent?.(error);
    } catch (cause) {
      report('error', 'onInvalidEvent threw; the error was caught', cause);
    }
  }
}
