/**
 * The contract's fields per event type (../shared/spec/ingest-events.md),
 * written out here, not read from src/: the tests hold the implementation to
 * the contract, not to itself.
 */
export type EventType = 'break' | 'contact' | 'ops_scorecard';

export const REQUIRED_FIELDS = {
  break: ['type', 'action', 'total_time', 'consumed_time'],
  contact: ['contact_id', 'action', 'contact_type', 'contact_channel', 'transfer_id'],
  ops_scorecard: ['audit_count', 'performance_group'],
} as const satisfies Record<EventType, readonly string[]>;

export const OPTIONAL_FIELDS = {
  break: ['sub_type', 'meta'],
  contact: [
    'contact_sub_type',
    'contact_start_time',
    'contact_is_valid',
    'contact_is_transfer',
    'contact_incident_id',
    'contact_customer_id',
    'contact_customer_type',
    'contact_phone_id',
    'contact_extension',
    'contact_duration',
    'contact_resolution',
    'contact_summary',
    'contact_remarks',
    'contact_is_priority',
    'transfer_destination',
    'transfer_summary',
    'transfer_remarks',
    'meta',
  ],
  ops_scorecard: ['quality_score', 'fatal_calls', 'fatal_score', 'remarks', 'meta'],
} as const satisfies Record<EventType, readonly string[]>;

/** Every field name some event type knows, each once. */
export const ALL_FIELDS: readonly string[] = [...new Set((Object.keys(REQUIRED_FIELDS) as EventType[]).flatMap((type) => [...REQUIRED_FIELDS[type], ...OPTIONAL_FIELDS[type]]))];
