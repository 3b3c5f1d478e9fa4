export { CallCenterInstrumentation } from './instrumentation.js';
export { CallCenter } from './facade.js';
export {
  CallCenterValidationError,
  type CallCenterValidationIssue,
  type CallCenterRejectionReason,
} from './errors.js';
export {
  CallCenterEventType,
  BreakType,
  CallCenterAction,
  ContactType,
  ContactChannel,
  type BreakAction,
  type ContactAction,
} from './events/enums.js';
export type { BreakEvent } from './events/break.js';
export type { ContactEvent } from './events/contact.js';
export type { OpsScorecardEvent } from './events/ops-scorecard.js';
export type {
  CallCenterEventMap,
  CallCenterInstrumentationConfig,
  CallCenterOperator,
  LogIngestEventOptions,
  LogIngestEventResult,
  OnInvalidEventFunction,
} from './types.js';
export { META_LIMITS } from './meta.js';
export {
  SENSITIVE_ATTRIBUTES,
  type CallCenterPrivacyConfig,
  type PrivacyAction,
  type RedactFunction,
  type RedactInfo,
  type SensitiveAttribute,
} from './privacy/policy.js';
export {
  INSTRUMENTATION_SCOPE,
  EVENT_BREAK,
  EVENT_CONTACT,
  EVENT_OPS_SCORECARD,
  ATTR_BREAK_TYPE,
  ATTR_BREAK_SUB_TYPE,
  ATTR_BREAK_ACTION,
  ATTR_BREAK_TOTAL_TIME,
  ATTR_BREAK_CONSUMED_TIME,
  ATTR_CONTACT_ID,
  ATTR_CONTACT_ACTION,
  ATTR_CONTACT_TYPE,
  ATTR_CONTACT_SUB_TYPE,
  ATTR_CONTACT_START_TIME,
  ATTR_CONTACT_CHANNEL,
  ATTR_CONTACT_IS_VALID,
  ATTR_CONTACT_IS_TRANSFER,
  ATTR_CONTACT_INCIDENT_ID,
  ATTR_CONTACT_CUSTOMER_ID,
  ATTR_CONTACT_CUSTOMER_TYPE,
  ATTR_CONTACT_PHONE_ID,
  ATTR_CONTACT_EXTENSION,
  ATTR_CONTACT_DURATION,
  ATTR_CONTACT_RESOLUTION,
  ATTR_CONTACT_SUMMARY,
  ATTR_CONTACT_REMARKS,
  ATTR_CONTACT_IS_PRIORITY,
  ATTR_TRANSFER_ID,
  ATTR_TRANSFER_DESTINATION,
  ATTR_TRANSFER_SUMMARY,
  ATTR_TRANSFER_REMARKS,
  ATTR_OPS_SCORECARD_AUDIT_COUNT,
  ATTR_OPS_SCORECARD_QUALITY_SCORE,
  ATTR_OPS_SCORECARD_FATAL_CALLS,
  ATTR_OPS_SCORECARD_FATAL_SCORE,
  ATTR_OPS_SCORECARD_PERFORMANCE_GROUP,
  ATTR_OPS_SCORECARD_REMARKS,
  ATTR_META,
  ATTR_OPERATOR_ID,
  ATTR_OPERATOR_NAME,
  ATTR_OPERATOR_TEAM,
  ATTR_EVENT_TYPE,
  ATTR_EVENT_ACTION,
  ATTR_REJECTION_REASON,
  METRIC_EVENTS,
  METRIC_EVENTS_REJECTED,
  METRIC_FIELDS_IGNORED,
} from './semconv.js';
export { VERSION } from './version.js';
