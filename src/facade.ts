import { resolveConfig, type ResolvedConfig } from './config.js';
import { report } from './diag.js';
import { CallCenterValidationError, failure } from './errors.js';
import type { CallCenterEventType } from './events/enums.js';
import { checkEvent } from './ingest/pipeline.js';
import type { CallCenterEventMap, LogIngestEventOptions, LogIngestEventResult } from './types.js';

/** What the facade needs of an instrumentation. */
export interface IngestTarget {
  logIngestEvent<T extends CallCenterEventType>(type: T, event: CallCenterEventMap[T], options?: LogIngestEventOptions): LogIngestEventResult;
}

const OK: LogIngestEventResult = Object.freeze({ ok: true });

// Enabled instrumentations, oldest first; the facade delegates to the last.
const enabled: IngestTarget[] = [];
let defaults: ResolvedConfig | undefined;

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
      defaults ??= resolveConfig({});
      const checked = checkEvent(type, event, options, defaults, Date.now());
      if (!(checked instanceof CallCenterValidationError)) return OK;
      report('warn', `${checked.message} (dropped; no CallCenterInstrumentation is enabled)`);
      return { ok: false, error: checked };
    } catch (cause) {
      return { ok: false, error: failure('unknown', 'internal_error', 'checking an event failed; please report it', cause) };
    }
  },
};
