/**
 * The platform's enums, with its member names, holding the wire values. They
 * are plain objects rather than TypeScript `enum`s so that JavaScript
 * callers may pass the strings and bundlers can drop what is unused.
 */

/** The three documented ingest event types. */
export const CallCenterEventType = {
  Break: 'break',
  Contact: 'contact',
  OpsScorecard: 'ops_scorecard',
} as const;
export type CallCenterEventType = (typeof CallCenterEventType)[keyof typeof CallCenterEventType];

/** Types of break. */
export const BreakType = {
  BioBreak: 'bio_break',
  Feedback: 'feedback',
  Meeting: 'meeting',
  Meal: 'meal',
  Tea: 'tea',
  Other: 'other',
} as const;
export type BreakType = (typeof BreakType)[keyof typeof BreakType];

/**
 * One enum for the actions of both breaks and contacts, as in the platform's
 * SDK. Which members are valid depends on the event: see {@link BreakAction}
 * and {@link ContactAction}.
 */
export const CallCenterAction = {
  View: 'view',
  Add: 'add',
  Update: 'update',
  Remove: 'remove',
  Start: 'start',
  End: 'end',
  Pause: 'pause',
  Resume: 'resume',
  Attend: 'attend',
  Decline: 'decline',
  Terminate: 'terminate',
  Transfer: 'transfer',
  Skip: 'skip',
  Other: 'other',
} as const;
export type CallCenterAction = (typeof CallCenterAction)[keyof typeof CallCenterAction];

/** Types of contact. */
export const ContactType = {
  Emergency: 'emergency',
  Grievance: 'grievance',
  NonEmergency: 'non_emergency',
  Transfer: 'transfer',
  FollowUp: 'follow_up',
  ServiceOffering: 'service_offering',
  CustomerSupport: 'customer_support',
  Other: 'other',
} as const;
export type ContactType = (typeof ContactType)[keyof typeof ContactType];

/** Channels of a contact. */
export const ContactChannel = {
  Call: 'call',
  /** The contract's name for it: PascalCase of the wire value. */
  Whatsapp: 'whatsapp',
  /** The brand's spelling, kept as an alias of `Whatsapp`. */
  WhatsApp: 'whatsapp',
  Sms: 'sms',
  Email: 'email',
  Other: 'other',
} as const;
export type ContactChannel = (typeof ContactChannel)[keyof typeof ContactChannel];

// The value lists the rules check against, written out rather than taken from
// the objects above (a test holds them equal), so that a bundle keeps the
// objects only where the application uses them.

/** The actions the contract allows on a break, in its order. */
export const BREAK_ACTIONS = ['view', 'start', 'end', 'pause', 'resume', 'other'] as const satisfies readonly CallCenterAction[];
export type BreakAction = (typeof BREAK_ACTIONS)[number];

/** The actions the contract allows on a contact, in its order: all of them. */
export const CONTACT_ACTIONS: readonly CallCenterAction[] = [
  'view',
  'add',
  'update',
  'remove',
  'start',
  'end',
  'pause',
  'resume',
  'attend',
  'decline',
  'terminate',
  'transfer',
  'skip',
  'other',
];
export type ContactAction = CallCenterAction;

export const EVENT_TYPES: readonly CallCenterEventType[] = ['break', 'contact', 'ops_scorecard'];
export const BREAK_TYPES: readonly BreakType[] = ['bio_break', 'feedback', 'meeting', 'meal', 'tea', 'other'];
export const CONTACT_TYPES: readonly ContactType[] = ['emergency', 'grievance', 'non_emergency', 'transfer', 'follow_up', 'service_offering', 'customer_support', 'other'];
export const CONTACT_CHANNELS: readonly ContactChannel[] = ['call', 'whatsapp', 'sms', 'email', 'other'];
