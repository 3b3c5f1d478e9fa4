import type { Attributes } from '@opentelemetry/api';
import type { CallCenterEventType } from './events/enums.js';
import type { FieldCheck } from './events/schema-spec.js';
import { eventSpec, type ParsedEvent, type ParsedEvents } from './events/validate.js';
import { sanitizeMeta } from './meta.js';
import type { PrivacyAction, PrivacyPolicy } from './privacy/policy.js';
import * as sc from './semconv.js';

/** Field of each event → its attribute name. `meta` is mapped apart (it is sanitised). */
type FieldMap<T extends CallCenterEventType> = { readonly [K in Exclude<keyof ParsedEvents[T], 'meta'>]-?: string };

export const BREAK_ATTRIBUTES: FieldMap<'break'> = {
  type: sc.ATTR_BREAK_TYPE,
  sub_type: sc.ATTR_BREAK_SUB_TYPE,
  action: sc.ATTR_BREAK_ACTION,
  total_time: sc.ATTR_BREAK_TOTAL_TIME,
  consumed_time: sc.ATTR_BREAK_CONSUMED_TIME,
};

export const CONTACT_ATTRIBUTES: FieldMap<'contact'> = {
  contact_id: sc.ATTR_CONTACT_ID,
  action: sc.ATTR_CONTACT_ACTION,
  contact_type: sc.ATTR_CONTACT_TYPE,
  contact_sub_type: sc.ATTR_CONTACT_SUB_TYPE,
  contact_start_time: sc.ATTR_CONTACT_START_TIME,
  contact_channel: sc.ATTR_CONTACT_CHANNEL,
  contact_is_valid: sc.ATTR_CONTACT_IS_VALID,
  contact_is_transfer: sc.ATTR_CONTACT_IS_TRANSFER,
  contact_incident_id: sc.ATTR_CONTACT_INCIDENT_ID,
  contact_customer_id: sc.ATTR_CONTACT_CUSTOMER_ID,
  contact_customer_type: sc.ATTR_CONTACT_CUSTOMER_TYPE,
  contact_phone_id: sc.ATTR_CONTACT_PHONE_ID,
  contact_extension: sc.ATTR_CONTACT_EXTENSION,
  contact_duration: sc.ATTR_CONTACT_DURATION,
  contact_resolution: sc.ATTR_CONTACT_RESOLUTION,
  contact_summary: sc.ATTR_CONTACT_SUMMARY,
  contact_remarks: sc.ATTR_CONTACT_REMARKS,
  contact_is_priority: sc.ATTR_CONTACT_IS_PRIORITY,
  transfer_id: sc.ATTR_TRANSFER_ID,
  transfer_destination: sc.ATTR_TRANSFER_DESTINATION,
  transfer_summary: sc.ATTR_TRANSFER_SUMMARY,
  transfer_remarks: sc.ATTR_TRANSFER_REMARKS,
};

export const OPS_SCORECARD_ATTRIBUTES: FieldMap<'ops_scorecard'> = {
  audit_count: sc.ATTR_OPS_SCORECARD_AUDIT_COUNT,
  quality_score: sc.ATTR_OPS_SCORECARD_QUALITY_SCORE,
  fatal_calls: sc.ATTR_OPS_SCORECARD_FATAL_CALLS,
  fatal_score: sc.ATTR_OPS_SCORECARD_FATAL_SCORE,
  performance_group: sc.ATTR_OPS_SCORECARD_PERFORMANCE_GROUP,
  remarks: sc.ATTR_OPS_SCORECARD_REMARKS,
};

const FIELD_MAPS: { readonly [T in CallCenterEventType]: Readonly<Record<string, string>> } = {
  break: BREAK_ATTRIBUTES,
  contact: CONTACT_ATTRIBUTES,
  ops_scorecard: OPS_SCORECARD_ATTRIBUTES,
};

/** The operator who handled an event. */
export interface CallCenterOperator {
  /** Stable id of the operator. */
  id: string;
  /** Display name. */
  name?: string;
  /** Team or shift. */
  team?: string;
}

/** Adds the operator's identity attributes. */
export function addOperatorAttributes(attributes: Attributes, operator: CallCenterOperator | undefined): void {
  if (!operator) return;
  attributes[sc.ATTR_OPERATOR_ID] = operator.id;
  if (operator.name !== undefined) attributes[sc.ATTR_OPERATOR_NAME] = operator.name;
  if (operator.team !== undefined) attributes[sc.ATTR_OPERATOR_TEAM] = operator.team;
}

/** One field's way from the event to its attribute: checked, then kept, hashed or dropped. */
interface Step {
  readonly field: string;
  readonly attribute: string;
  readonly action: PrivacyAction;
  readonly optional: boolean;
  readonly check: FieldCheck['check'];
}

/** Turns validated events into attribute sets under one privacy policy. */
export interface EventMapper {
  /**
   * Validates and maps in one walk over the event's own keys, for the common
   * case of a valid event: the attributes, or undefined for anything not
   * plainly valid, which then goes through validateEvent (zod) and `map`.
   * Keys the contract does not know are pushed onto `unknown`.
   */
  fast(type: CallCenterEventType, input: Record<string, unknown>, unknown: string[]): Attributes | undefined;
  /** Maps an event that validation accepted. */
  map(parsed: ParsedEvent): Attributes;
}

interface Plan {
  readonly steps: ReadonlyMap<string, Step>;
  readonly required: number;
}

/**
 * Every field present in an event under its `call_center.*` attribute, with
 * the privacy policy applied (sensitive attributes kept, hashed or dropped)
 * and `meta` sanitised. The attribute set feeds the log record, the span and
 * the span events alike, so the policy holds for all of them.
 */
export function createEventMapper(policy: PrivacyPolicy): EventMapper {
  const actions = policy.actions as Readonly<Record<string, PrivacyAction>>;
  const plan = (type: CallCenterEventType): Plan => {
    const map = FIELD_MAPS[type];
    const { fields } = eventSpec(type);
    const steps = new Map<string, Step>();
    for (const f of fields) {
      const attribute = map[f.name] ?? sc.ATTR_META;
      steps.set(f.name, { field: f.name, attribute, action: actions[attribute] ?? 'keep', optional: f.optional, check: f.check });
    }
    return { steps, required: fields.filter((f) => !f.optional).length };
  };
  const plans: Record<CallCenterEventType, Plan> = { break: plan('break'), contact: plan('contact'), ops_scorecard: plan('ops_scorecard') };

  const put = (attributes: Attributes, step: Step, value: unknown): void => {
    if (step.action === 'drop') return;
    if (step.attribute === sc.ATTR_META) {
      const meta = sanitizeMeta(value);
      if (meta !== undefined) attributes[step.attribute] = step.action === 'hash' ? policy.hash(JSON.stringify(meta)) : meta;
    } else {
      attributes[step.attribute] = step.action === 'hash' ? policy.hash(String(value)) : value;
    }
  };

  return {
    fast(type, input, unknown) {
      // Walking the event's keys (not the contract's 23 contact fields) keeps
      // property reads to the fields present, and finds unknown ones on the way.
      const { steps, required } = plans[type];
      const attributes: Attributes = {};
      let seen = 0;
      for (const key in input) {
        const step = steps.get(key);
        if (step === undefined) {
          unknown.push(key);
          continue;
        }
        const value = input[key];
        if (value === undefined) continue;
        if (!step.check(value)) return undefined;
        if (!step.optional) seen++;
        if (step.action === 'keep' && step.attribute !== sc.ATTR_META) attributes[step.attribute] = value;
        else put(attributes, step, value);
      }
      return seen === required ? attributes : undefined;
    },
    map(parsed) {
      const event = parsed.event as Record<string, unknown>;
      const attributes: Attributes = {};
      for (const step of plans[parsed.type].steps.values()) {
        const value = event[step.field];
        if (value !== undefined) put(attributes, step, value);
      }
      return attributes;
    },
  };
}

/** The log body: a short line of enum values only, never free text from the event. */
export function logBody(parsed: ParsedEvent): string {
  switch (parsed.type) {
    case 'contact': {
      const e = parsed.event;
      return `contact ${e.action} (${e.contact_channel}, ${e.contact_type})`;
    }
    case 'break':
      return `break ${parsed.event.action} (${parsed.event.type})`;
    case 'ops_scorecard':
      return `ops scorecard (${parsed.event.audit_count} audits)`;
  }
}
