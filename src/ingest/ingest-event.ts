import type { Attributes } from '@opentelemetry/api';
import type { CallCenterOperator } from '../types.js';
import type { CallCenterEventType } from '../events/enums.js';
import type { EventRules, FieldRule } from '../events/field-rules.js';

/**
 * One event on its way through the pipeline, filled in stage by stage. Every
 * stage reads what earlier stages wrote here, never the caller's objects:
 * those are read once, by the read stage.
 */
export interface IngestEvent {
  readonly type: CallCenterEventType;
  readonly rules: EventRules;
  /** The event's known fields, each read once (a plain object: no getters, no prototype tricks); absent ones undefined. */
  readonly fields: Record<string, unknown>;
  /** The known fields present, in the event's own order, with their values at the same index. */
  readonly present: FieldRule[];
  readonly values: unknown[];
  /** Names of the fields the contract does not know (ignored, reported once per name, counted). */
  readonly unknown: string[];
  /** The operator of this event (per call, else the configured one), copied. */
  operator: CallCenterOperator | undefined;
  /** When the event happened, epoch ms: the per-call timestamp, else the clock's now. */
  timeMs: number;
  /** Whether the caller gave the time (it is then checked against the allowed window). */
  timeGiven: boolean;
  /** The attribute set shared by the log record, the span and its span events. */
  attributes: Attributes;
}

export function newIngestEvent(type: CallCenterEventType, rules: EventRules): IngestEvent {
  return {
    type,
    rules,
    fields: { ...rules.blank },
    present: [],
    values: [],
    unknown: [],
    operator: undefined,
    timeMs: 0,
    timeGiven: false,
    attributes: {},
  };
}
