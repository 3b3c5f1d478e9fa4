import type { Attributes, Tracer } from '@opentelemetry/api';
import { ATTR_META } from '../semconv.js';
import type { CallCenterMetrics } from '../metrics.js';
import type { OpenSpanLimits } from './open-spans.js';

/** What a lifecycle needs from the instrumentation that owns it; read on every use, since providers can change. */
export interface LifecycleHost {
  readonly tracer: Tracer;
  readonly metrics: CallCenterMetrics;
  readonly contactLimits: OpenSpanLimits;
  readonly breakLimits: OpenSpanLimits;
  /** Called when a span is opened, so the owner can arm its sweep and shutdown hook. */
  spanOpened(): void;
}

/** The operator attributes to put on metrics, when the configuration asks for them. */
export type MetricOperator = Attributes | undefined;

/** Epoch ms to seconds, never negative (event timestamps can arrive out of order). */
export function seconds(fromMs: number, toMs: number): number {
  return Math.max(0, toMs - fromMs) / 1000;
}

/**
 * The attributes for a span event. The SDK keeps only simple values on span
 * events and drops a map with a warning, so a kept `meta` (a map) stays on the
 * log record and the span, which the event's log record is linked to.
 */
export function forSpanEvent(attributes: Attributes): Attributes {
  if (typeof attributes[ATTR_META] !== 'object') return attributes;
  const { [ATTR_META]: _meta, ...rest } = attributes;
  return rest;
}
