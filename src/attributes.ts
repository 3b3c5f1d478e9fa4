import type { Attributes } from '@opentelemetry/api';
import type { CallCenterEventType } from './events/enums.js';
import type { ParsedEvent, ParsedEvents } from './events/validate.js';
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

type Mapping = ReadonlyArray<readonly [field: string, attribute: string, action: PrivacyAction]>;

/** What turns a validated event into its attributes under one privacy policy. */
export type EventMapper = (parsed: ParsedEvent) => Attributes;

/**
 * Every field present in a validated event under its `call_center.*`
 * attribute, with the privacy policy applied (sensitive attributes kept,
 * hashed or dropped) and `meta` sanitised. The attribute set it returns feeds
 * the log record, the span and the span events alike, so the policy holds for
 * all of them.
 */
export function createEventMapper(policy: PrivacyPolicy): EventMapper {
  const actions = policy.actions as Readonly<Record<string, PrivacyAction>>;
  const table = (map: Readonly<Record<string, string>>): Mapping => [
    ...Object.entries(map).map(([field, attribute]) => [field, attribute, actions[attribute] ?? 'keep'] as const),
    ['meta', sc.ATTR_META, actions[sc.ATTR_META] ?? 'drop'],
  ];
  const tables: Record<CallCenterEventType, Mapping> = {
    break: table(FIELD_MAPS.break),
    contact: table(FIELD_MAPS.contact),
    ops_scorecard: table(FIELD_MAPS.ops_scorecard),
  };
  return (parsed) => {
    const event = parsed.event as Record<string, unknown>;
    const attributes: Attributes = {};
    for (const [field, attribute, action] of tables[parsed.type]) {
      const value = event[field];
      if (value === undefined || action === 'drop') continue;
      if (field === 'meta') {
        const meta = sanitizeMeta(value);
        if (meta === undefined) continue;
        attributes[attribute] = action === 'hash' ? policy.hash(JSON.stringify(meta)) : meta;
      } else {
        attributes[attribute] = action === 'hash' ? policy.hash(String(value)) : value;
      }
    }
    return attributes;
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
