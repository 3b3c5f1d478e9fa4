import type { Logger } from '@opentelemetry/api';
import type { ResolvedConfig } from '../config.js';
import { CallCenterValidationError } from '../errors.js';
import { EVENT_RULES } from '../events/field-rules.js';
import { isEventType, unknownEventType, validateFields } from '../events/validate.js';
import { lifecycle } from '../lifecycle/lifecycle.js';
import type { SpanOwner } from '../lifecycle/span-owner.js';
import type { PrivacyPolicy } from '../privacy/policy.js';
import { redactAttributes } from '../privacy/redact.js';
import { createAttributeMapper, type AttributeMapper } from './attributes.js';
import { boundEvent } from './bounds.js';
import { newIngestEvent, type IngestEvent } from './ingest-event.js';
import { emitLogRecord } from './log-record.js';
import { readCallOptions, readEvent } from './read.js';
import { UnknownFieldReporter } from './unknown-fields.js';

/**
 * The checking half of the path: read once → validate → read the call's
 * options → bound. Returns the event ready to emit, or why it was refused.
 */
export function checkEvent(
  type: unknown,
  input: unknown,
  options: unknown,
  config: Pick<ResolvedConfig, 'operator' | 'maxClockSkewMs' | 'maxStringLength'>,
  nowMs: number,
): IngestEvent | CallCenterValidationError {
  if (!isEventType(type)) return unknownEventType(type);
  const ev = newIngestEvent(type, EVENT_RULES[type]);
  const error =
    readEvent(ev, input) ??
    validateFields(ev) ??
    readCallOptions(ev, options, config.operator, nowMs) ??
    boundEvent(ev, { nowMs, maxClockSkewMs: config.maxClockSkewMs, maxStringLength: config.maxStringLength });
  return error ?? ev;
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
  readonly #mapAttributes: AttributeMapper;
  readonly #unknownFields = new UnknownFieldReporter();

  constructor(config: ResolvedConfig, policy: PrivacyPolicy) {
    this.config = config;
    this.#policy = policy;
    this.#mapAttributes = createAttributeMapper(policy, config.maxStringLength);
  }

  /** Runs the event through; `target` undefined (a disabled instrumentation) checks it and emits nothing. */
  run(type: unknown, input: unknown, options: unknown, target: EmitTarget | undefined): CallCenterValidationError | undefined {
    const nowMs = this.config.now();
    const ev = checkEvent(type, input, options, this.config, nowMs);
    if (ev instanceof CallCenterValidationError) return ev;
    if (ev.unknown.length) this.#unknownFields.report(ev.type, ev.unknown);
    if (!target) return undefined;
    const { owner } = target;
    if (ev.unknown.length) owner.metrics.ignoredFields(ev.type, ev.unknown.length);
    ev.attributes = this.#mapAttributes(ev);
    const redact = this.#policy.redact;
    if (redact) {
      const error = redactAttributes(ev, redact, this.config.maxStringLength);
      if (error) return error;
    }
    const span = lifecycle.onEvent(ev, owner, nowMs);
    emitLogRecord(target.logger, ev, span);
    owner.metrics.accepted(ev.type, (ev.fields as { action?: string }).action, this.config.operatorOnMetrics ? ev.operator?.id : undefined);
    return undefined;
  }
}
