import type { Attributes } from '@opentelemetry/api';
import type { CallCenterValidationIssue } from '../errors.js';
import type { CallCenterEventType } from '../events/enums.js';
import type { EventRules } from '../events/field-rules.js';
import type { CallCenterOperator } from '../types.js';
import type { EventPlan, FieldStep } from './field-plan.js';

/**
 * One event on its way through the pipeline, filled in stage by stage. Every
 * stage reads what earlier stages wrote here, never the caller's objects:
 * those are read once, by the read stage.
 */
export interface IngestEvent {
  readonly type: CallCenterEventType;
  /** How this instrumentation takes in events of this type (its rules are `plan.rules`). */
  readonly plan: EventPlan;
  /** The configured clock. */
  readonly clock: () => number;
  /**
   * The clock's now for this event, epoch ms, once read (`nowOf`); NaN until
   * then. An event that needs no time (no time field, no span to time) never
   * reads the clock: a read costs ~100 ns here, and the SDK reads it anyway
   * to stamp the log record.
   */
  nowMs: number;
  /**
   * The snapshot: each known field's value, read once (and bounded), at its
   * rule's index (`plan.rules.at[name]`); undefined where the event does not have
   * the field. An array rather than an object keyed by name: filling it
   * costs an indexed store per field instead of a keyed one.
   */
  readonly slots: unknown[];
  /** The steps of the fields taken that the privacy policy lets out, in the event's order: what the attribute set is built from. */
  readonly taken: FieldStep[];
  /** Names of the fields the contract does not know (ignored, reported once per name, counted); a shared empty list until there is one. */
  unknown: readonly string[];
  /** Whether a value failed its field rule's check (the validate stage then explains the event). */
  failed: boolean;
  /** How many required fields are present and valid. */
  required: number;
  /** What the bounds refused, if anything (`invalid_value`). */
  refused: CallCenterValidationIssue[] | undefined;
  /** The operator of this event (per call, else the configured one), copied. */
  operator: CallCenterOperator | undefined;
  /** Whether the operator came with the call (the configured one is checked and bounded once, at configuration). */
  operatorGiven: boolean;
  /** When the event happened, epoch ms (`timeOf`): the per-call timestamp, a held event's time, or NaN for the clock's now, read when needed. */
  timeMs: number;
  /** Whether the caller gave the time (it is then checked against the allowed window). */
  timeGiven: boolean;
  /** The attribute set shared by the log record, the span and its span events, built once the event is valid (attributes.ts). */
  attributes: Attributes;
}

/** The unknown fields of the events that have none (most): not an array per event. */
const NO_UNKNOWN: readonly string[] = Object.freeze([]);

/** The attributes of an event not built yet: nothing may be added to them. */
const NO_ATTRIBUTES: Attributes = Object.freeze({});

export function newIngestEvent(plan: EventPlan, clock: () => number): IngestEvent {
  return {
    type: plan.type,
    plan,
    clock,
    nowMs: NaN,
    slots: new Array<unknown>(plan.rules.list.length),
    taken: [],
    unknown: NO_UNKNOWN,
    failed: false,
    required: 0,
    refused: undefined,
    operator: undefined,
    operatorGiven: false,
    timeMs: NaN,
    timeGiven: false,
    attributes: NO_ATTRIBUTES,
  };
}

/** The clock's now for this event, read once, when first needed. */
export function nowOf(ev: IngestEvent): number {
  let now = ev.nowMs;
  if (Number.isNaN(now)) now = ev.nowMs = ev.clock();
  return now;
}

/** The default clock's reading in the current job (see `inWindow`): NaN until read, and again once the job is over. */
let jobNowMs = NaN;
const forgetJobNow = (): void => {
  jobNowMs = NaN;
};
const MICROTASKS = typeof queueMicrotask === 'function';

/**
 * Whether an instant lies in the window the contract allows a time in:
 * from 1970 to the clock's now plus `maxClockSkewMs`. With the default
 * clock, it is first held against the clock's reading earlier in the same
 * job (events logged in a loop read the clock once for this): a time inside
 * the window by an earlier now is inside it by the current one, and one
 * outside is held against the current now before it is refused, so the
 * verdict is the same; only the reads of the clock, ~100 ns each on this
 * machine kind, are fewer.
 */
export function inWindow(ms: number, ev: IngestEvent): boolean {
  if (!(ms >= 0)) return false;
  const skew = ev.plan.limits.maxClockSkewMs;
  if (MICROTASKS && ev.clock === Date.now && Number.isNaN(ev.nowMs)) {
    if (Number.isNaN(jobNowMs)) {
      jobNowMs = Date.now();
      queueMicrotask(forgetJobNow);
    }
    if (ms <= jobNowMs + skew) return true;
  }
  return ms <= nowOf(ev) + skew;
}

/** When the event happened, epoch ms: its own time, or the clock's now (which is then its time). */
export function timeOf(ev: IngestEvent): number {
  let time = ev.timeMs;
  if (Number.isNaN(time)) time = ev.timeMs = nowOf(ev);
  return time;
}

/** The event's action; scorecards have none (and an unknown `action` field on one is not read). */
export function actionOf(ev: IngestEvent): string | undefined {
  const at = ev.plan.rules.at.action;
  return at === undefined ? undefined : (ev.slots[at] as string);
}

/**
 * Each field's slot index of one event type, typed by its fields: the stages
 * that need named fields read `ev.slots[AT.contact_id]`.
 */
export function slotsOf<T extends object>(rules: EventRules): { readonly [K in keyof T]-?: number } {
  return rules.at as { readonly [K in keyof T]-?: number };
}

/** The snapshot as an object of the fields present (for error messages and tests; not on the valid path). */
export function fieldsOf(ev: IngestEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const rule of ev.plan.rules.list) if (ev.slots[rule.index] !== undefined) out[rule.name] = ev.slots[rule.index];
  return out;
}
