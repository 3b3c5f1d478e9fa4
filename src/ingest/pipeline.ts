import type { Logger } from '@opentelemetry/api';
import type { ResolvedConfig } from '../config.js';
import { CallCenterValidationError } from '../errors.js';
import type { CallCenterEventType } from '../events/enums.js';
import { isEventType, unknownEventType, validateFields } from '../events/validate.js';
import { lifecycle } from '../lifecycle/lifecycle.js';
import type { SpanOwner } from '../lifecycle/span-owner.js';
import type { PrivacyPolicy } from '../privacy/policy.js';
import { redactAttributes } from '../privacy/redact.js';
import type { CallCenterOperator } from '../types.js';
import { buildAttributes } from './attributes.js';
import { boundCall } from './bounds.js';
import { createEventPlans, type EventPlan } from './field-plan.js';
import { actionOf, newIngestEvent, timeOf, type IngestEvent } from './ingest-event.js';
import { emitLogRecord } from './log-record.js';
import { readCallOptions, readEvent } from './read.js';
import { takeField } from './take-field.js';
import { UnknownFieldReporter } from './unknown-fields.js';

/**
 * The checking half of the path: read once (each field checked, bounded and
 * mapped as it is read) → validate → read the call's options → bound the
 * call. Returns the event ready to emit, or why it was refused.
 */
export function checkEvent(
  type: unknown,
  input: unknown,
  options: unknown,
  plans: Readonly<Record<CallCenterEventType, EventPlan>>,
  defaultOperator: CallCenterOperator | undefined,
  clock: () => number,
): IngestEvent | CallCenterValidationError {
  if (!isEventType(type)) return unknownEventType(type);
  const ev = newIngestEvent(plans[type], clock);
  // An object that could not be read has no fields to speak of; past that, every bad field and option is named at once.
  const error = readEvent(ev, input) ?? allIssues(validateFields(ev), readCallOptions(ev, options, defaultOperator), boundCall(ev));
  if (error) return error;
  ev.attributes = buildAttributes(ev);
  return ev;
}

/**
 * One error naming every problem the stages found (in their order: fields,
 * then the call's options and bounds), or undefined; on the path every event
 * takes, so nothing is made when there is none.
 */
function allIssues(a: CallCenterValidationError | undefined, b: CallCenterValidationError | undefined, c?: CallCenterValidationError): CallCenterValidationError | undefined {
  if (a === undefined && b === undefined && c === undefined) return undefined;
  const found = [a, b, c].filter((e) => e !== undefined);
  return found.length === 1
    ? found[0]
    : new CallCenterValidationError(
        found[0]!.eventType,
        found.flatMap((e) => e.issues),
      );
}

/** Whether the checking half refused the event (a property test rather than `instanceof`, which walks prototypes: this runs on every event). */
export function isRefusal(checked: IngestEvent | CallCenterValidationError): checked is CallCenterValidationError {
  return (checked as Partial<IngestEvent>).slots === undefined;
}

/** Where an enabled instrumentation's events go. */
export interface EmitTarget {
  readonly owner: SpanOwner;
  readonly logger: Logger;
}

/**
 * One instrumentation's path for an event, from the caller's object to the
 * emitted telemetry: check (above) → privacy (attributes under the policy,
 * then the redaction hook) → lifecycle (the contact's or break's span) →
 * the log record → counted. Each stage returns undefined to go on, or the
 * error that stops the event.
 */
export class IngestPipeline {
  readonly config: ResolvedConfig;
  readonly #policy: PrivacyPolicy;
  readonly #plans: Readonly<Record<CallCenterEventType, EventPlan>>;
  readonly #unknownFields = new UnknownFieldReporter();

  constructor(config: ResolvedConfig, policy: PrivacyPolicy) {
    this.config = config;
    this.#policy = policy;
    this.#plans = createEventPlans(policy, config);
  }

  /** Runs the event through; `target` undefined (a disabled instrumentation) checks it and emits nothing. */
  run(type: unknown, input: unknown, options: unknown, target: EmitTarget | undefined): CallCenterValidationError | undefined {
    const ev = this.check(type, input, options);
    if (isRefusal(ev)) return ev;
    return target && this.emit(ev, target);
  }

  /** The checking half, with unknown fields reported: the event ready to emit, or why it was refused. */
  check(type: unknown, input: unknown, options: unknown): IngestEvent | CallCenterValidationError {
    const ev = checkEvent(type, input, options, this.#plans, this.config.operator, this.config.now);
    if (!isRefusal(ev) && ev.unknown.length) this.#unknownFields.report(ev.type, ev.unknown);
    return ev;
  }

  /**
   * An event checked by another pipeline (the facade's, while no
   * instrumentation was enabled), taken again through this one's field
   * stages (its privacy policy, its limits) from the snapshot, with its
   * original time and, unless the call named one, this one's operator; then
   * emitted.
   */
  replay(held: IngestEvent, target: EmitTarget): CallCenterValidationError | undefined {
    const plan = this.#plans[held.type];
    const ev = newIngestEvent(plan, this.config.now);
    held.slots.forEach((value, index) => {
      if (value !== undefined) takeField(ev, plan.stepAt(index), value);
    });
    ev.unknown = held.unknown;
    // Its time (read when it was held) was checked against the clock in force then; this instance's clock may differ.
    ev.timeMs = timeOf(held);
    ev.operatorGiven = held.operatorGiven;
    ev.operator = held.operatorGiven ? held.operator : this.config.operator;
    const error = allIssues(validateFields(ev), boundCall(ev));
    if (error) return error;
    ev.attributes = buildAttributes(ev);
    return this.emit(ev, target);
  }

  /** The emitting half: privacy's last word, the lifecycle, the log record, the count. */
  emit(ev: IngestEvent, target: EmitTarget): CallCenterValidationError | undefined {
    const { owner } = target;
    if (ev.unknown.length) owner.metrics.ignoredFields(ev.type, ev.unknown.length);
    const redact = this.#policy.redact;
    if (redact) {
      const error = redactAttributes(ev, redact, this.config.maxStringLength);
      if (error) return error;
    }
    const span = lifecycle.onEvent(ev, owner);
    emitLogRecord(target.logger, ev, span);
    owner.metrics.accepted(ev.type, actionOf(ev), this.config.operatorOnMetrics ? ev.operator?.id : undefined);
    return undefined;
  }
}
