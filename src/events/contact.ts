import * as z from 'zod/mini';
import { CONTACT_ACTIONS, CONTACT_CHANNELS, CONTACT_TYPES } from './enums.js';
import { finite, isoDateTime } from './formats.js';

/** A Contact event: a call, WhatsApp, SMS or email with a patient or representative. */
export const contactEventSchema = z.object({
  contact_id: z.string(),
  action: z.enum(CONTACT_ACTIONS),
  contact_type: z.enum(CONTACT_TYPES),
  contact_sub_type: z.optional(z.string()),
  contact_start_time: z.optional(isoDateTime()),
  contact_channel: z.enum(CONTACT_CHANNELS),
  contact_is_valid: z.optional(z.boolean()),
  contact_is_transfer: z.optional(z.boolean()),
  contact_incident_id: z.optional(z.string()),
  contact_customer_id: z.optional(z.string()),
  contact_customer_type: z.optional(z.string()),
  contact_phone_id: z.optional(z.string()),
  contact_extension: z.optional(z.string()),
  contact_duration: z.optional(finite()),
  contact_resolution: z.optional(z.string()),
  contact_summary: z.optional(z.string()),
  contact_remarks: z.optional(z.string()),
  contact_is_priority: z.optional(z.boolean()),
  // The platform's table makes transfer_id REQUIRED on every contact event,
  // transfers or not; the table wins (see ingest-events.md).
  transfer_id: z.string(),
  transfer_destination: z.optional(z.string()),
  transfer_summary: z.optional(z.string()),
  transfer_remarks: z.optional(z.string()),
  meta: z.optional(z.unknown()),
});

/** A Contact event as the platform's SDK sends it. */
export type ContactEvent = z.input<typeof contactEventSchema>;
