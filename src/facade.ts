import { resolveConfig } from './config.js';
import { report } from './diag.js';
import { failure } from './errors.js';
import type { CallCenterEventType } from './events/enums.js';
import { IngestPipeline } from './ingest/pipeline.js';
import { createPrivacyPolicy } from './privacy/policy.js';
import type { CallCenterEventMap, LogIngestEventOptions, LogIngestEventResult } from './types.js';

/** What the facade needs of an instrumentation. */
export interface IngestTarget {
  logIngestEvent<T extends CallCenterEventType>(type: T, event: CallCenterEventMap[T], options?: LogIngestEventOptions): LogIngestEventResult;
}

const OK: LogIngestEventResult = Object.freeze({ ok: true });

// Enabled instrumentations, oldest first; the facade delegates to the last.
const enabled: IngestTarget[] = [];
/** Checks events while no instrumentation is enabled: the default configuration and privacy policy. */
let defaults: IngestPipeline | undefined;

/** @internal Called by an instrumentation when it is enabled. */
export function bindFacade(target: IngestTarget): void {
  unbindFacade(target);
  enabled.push(target);
}

/** @internal Called by an instrumentation when it is disabled. */
export function unbindFacade(target: IngestTarget): void {
  const i = enabled.indexOf(target);
  if (i !== -1) enabled.splice(i, 1);
}

/**
 * The platform's documented entry point. Delegates to the most recently
 * enabled {@link CallCenterInstrumentation}; while none is enabled it still
 * checks the event (and reports a bad one through `diag`) but emits
 * nothing, like the OpenTelemetry API's no-op providers. Never throws.
 */
export const CallCenter = {
  logIngestEvent<T extends CallCenterEventType>(type: T, event: CallCenterEventMap[T], options?: LogIngestEventOptions): LogIngestEventResult {
    const target = enabled[enabled.length - 1];
    if (target) return target.logIngestEvent(type, event, options);
    try {
      defaults ??= new IngestPipeline(resolveConfig({}), createPrivacyPolicy(undefined));
      const error = defaults.run(type, event, options, undefined);
      if (!error) return OK;
      report('warn', `${error.message} (dropped; no CallCenterInstrumentation is enabled)`);
      return { ok: false, error };
    } catch (cause) {
      return { ok: false, error: failure('unknown', 'internal_error', 'checking an event failed; please report it', cause) };
    }
  },
};
