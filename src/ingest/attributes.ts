import type { Attributes } from '@opentelemetry/api';
import type { CallCenterEventType } from '../events/enums.js';
import { EVENT_RULES } from '../events/field-rules.js';
import type { PrivacyAction, PrivacyPolicy } from '../privacy/policy.js';
import * as sc from '../semconv.js';
import type { CallCenterOperator } from '../types.js';
import type { IngestEvent } from './ingest-event.js';
import { sanitizeMeta } from './meta.js';

/** Turns an event's bounded snapshot into its attribute set, under one privacy policy. */
export type AttributeMapper = (ev: IngestEvent) => Attributes;

/**
 * Every field present in the snapshot under its `call_center.*` attribute,
 * with the privacy policy applied (sensitive attributes kept, hashed or
 * dropped), `meta` sanitised, and the operator's identity. The set feeds the
 * log record, the span and its span events alike, so the policy holds for
 * all of them.
 */
export function createAttributeMapper(policy: PrivacyPolicy, maxStringLength: number): AttributeMapper {
  const sensitive = policy.actions as Readonly<Record<string, PrivacyAction>>;
  // One action per field, indexed like the event type's rules: no lookup by name per event.
  const actions = {} as Record<CallCenterEventType, PrivacyAction[]>;
  for (const rules of Object.values(EVENT_RULES)) actions[rules.type] = rules.list.map((rule) => sensitive[rule.attribute] ?? 'keep');

  return (ev) => {
    const attributes: Attributes = {};
    const { present, values } = ev;
    const typeActions = actions[ev.type];
    for (let i = 0; i < present.length; i++) {
      const rule = present[i]!;
      const action = typeActions[rule.index]!;
      if (action === 'drop') continue;
      const value = values[i];
      if (rule.attribute === sc.ATTR_META) {
        const meta = sanitizeMeta(value, maxStringLength);
        if (meta !== undefined) attributes[rule.attribute] = action === 'hash' ? policy.hash(JSON.stringify(meta)) : meta;
      } else {
        attributes[rule.attribute] = action === 'hash' ? policy.hash(String(value)) : (value as string | number | boolean);
      }
    }
    addOperatorAttributes(attributes, ev.operator);
    return attributes;
  };
}

/** Adds the operator's identity attributes. */
export function addOperatorAttributes(attributes: Attributes, operator: CallCenterOperator | undefined): void {
  if (!operator) return;
  attributes[sc.ATTR_OPERATOR_ID] = operator.id;
  if (operator.name !== undefined) attributes[sc.ATTR_OPERATOR_NAME] = operator.name;
  if (operator.team !== undefined) attributes[sc.ATTR_OPERATOR_TEAM] = operator.team;
}
