import type { Attributes } from '@opentelemetry/api';
import type { FieldStep } from './field-plan.js';
import * as sc from '../semconv.js';
import type { CallCenterOperator } from '../types.js';
import type { IngestEvent } from './ingest-event.js';
import { sanitizeMeta } from './meta.js';

/**
 * Puts one field's bounded value in the event's attribute set under its
 * `call_center.*` name, as the privacy policy says (kept or hashed; a
 * dropped field never gets here), `meta` sanitised. The set feeds the log
 * record, the span and its span events alike, so the policy holds for all
 * of them.
 */
export function putAttribute(ev: IngestEvent, step: FieldStep, value: unknown): void {
  const { attribute } = step.rule;
  const { policy } = ev.plan;
  if (attribute === sc.ATTR_META) {
    const meta = sanitizeMeta(value, ev.plan.limits.maxStringLength);
    if (meta !== undefined) ev.attributes[attribute] = step.action === 'hash' ? policy.hash(JSON.stringify(meta)) : meta;
  } else {
    ev.attributes[attribute] = step.action === 'hash' ? policy.hash(String(value)) : (value as string | number | boolean);
  }
}

/** Adds the operator's identity attributes. */
export function addOperatorAttributes(attributes: Attributes, operator: CallCenterOperator | undefined): void {
  if (!operator) return;
  attributes[sc.ATTR_OPERATOR_ID] = operator.id;
  if (operator.name !== undefined) attributes[sc.ATTR_OPERATOR_NAME] = operator.name;
  if (operator.team !== undefined) attributes[sc.ATTR_OPERATOR_TEAM] = operator.team;
}
