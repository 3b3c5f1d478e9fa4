import type { Attributes, Tracer, TracerProvider } from '@opentelemetry/api';
import type { CallCenterMetrics } from '../metrics.js';
import { ATTR_OPERATOR_ID } from '../semconv.js';

/** The limits and clock an owner applies to the spans it owns. */
export interface OwnerConfig {
  readonly now: () => number;
  readonly contactTimeoutMs: number;
  readonly maxOpenContacts: number;
  readonly breakTimeoutMs: number;
  readonly maxOpenBreaks: number;
  readonly operatorOnMetrics?: boolean | undefined;
}

/**
 * What an enabled instrumentation lends the spans it opens or adopts: its
 * tracer, the instruments their ends are recorded on, and its clock and
 * limits. One object per instrumentation, updated in place when a provider or
 * the configuration changes, so that every open span follows the change.
 */
export interface SpanOwner {
  tracer: Tracer;
  /** Where `tracer` came from: the explicit provider, or the global one. */
  tracerProvider: TracerProvider;
  readonly metrics: CallCenterMetrics;
  config: OwnerConfig;
  /** When, by this owner's clock, its next inline timeout check is due. */
  nextSweepMs: number;
}

/** The operator attributes to put on metrics, when the owner's configuration asks for them. */
export function metricOperator(owner: SpanOwner, operatorId: string | undefined): Attributes | undefined {
  return owner.config.operatorOnMetrics && operatorId !== undefined ? { [ATTR_OPERATOR_ID]: operatorId } : undefined;
}
