import type { ContactAction, ContactChannel, ContactType } from './enums.js';

/**
 * A Contact event as the platform's SDK sends it: a call, WhatsApp, SMS or
 * email with a patient or representative. Log it with
 * `CallCenter.logIngestEvent(CallCenterEventType.Contact, event)`. A field the
 * contract does not know is ignored (not exported) and reported once through
 * `diag`; an explicit `undefined` is an absent field. Free-text strings are
 * cut to `maxStringLength`.
 */
export type ContactEvent = {
  /**
   * Id of the contact. **Required.** An identifier: at most 256 characters,
   * valid Unicode, else the event is refused (`invalid_value`). Every event of
   * one contact carries the same id. Exported as `call_center.contact.id`.
   */
  contact_id: string;
  /**
   * Action applied to the contact. **Required.** One of `view`, `add`,
   * `update`, `remove`, `start`, `end`, `pause`, `resume`, `attend`, `decline`,
   * `terminate`, `transfer`, `skip`, `other` ({@link ContactAction}: every
   * member of `CallCenterAction`). `attend` opens the contact's span, `end` or
   * `terminate` ends it, `pause` to `resume` is a hold. Exported as
   * `call_center.contact.action`.
   */
  action: ContactAction;
  /**
   * Type of the contact. **Required.** One of `emergency`, `grievance`,
   * `non_emergency`, `transfer`, `follow_up`, `service_offering`,
   * `customer_support`, `other` ({@link ContactType}). Exported as
   * `call_center.contact.type`.
   */
  contact_type: ContactType;
  /** Sub-type of the contact, free text. Optional. Exported as `call_center.contact.sub_type`. */
  contact_sub_type?: string | undefined;
  /**
   * When the contact started (e.g. the call came in). Optional. An ISO 8601
   * date-time **with a time zone** (`Z` or `±hh:mm`), any number of fractional
   * second digits, e.g. `2025-01-01T12:00:27.87+02:00`; one without a zone is
   * refused (`invalid_format`), and so is one before 1970 or later than now
   * plus `maxClockSkewMs` (`invalid_value`). Gives the time to answer at
   * `attend`. Exported as given, as `call_center.contact.start_time`.
   */
  contact_start_time?: string | undefined;
  /**
   * Channel of the contact. **Required.** One of `call`, `whatsapp`, `sms`,
   * `email`, `other` ({@link ContactChannel}). Exported as
   * `call_center.contact.channel`.
   */
  contact_channel: ContactChannel;
  /** Whether the contact is valid; `false` for spam. Optional. Exported as `call_center.contact.is_valid`. */
  contact_is_valid?: boolean | undefined;
  /** Whether it is a transferred contact. Optional. Exported as `call_center.contact.is_transfer`. */
  contact_is_transfer?: boolean | undefined;
  /**
   * Id of the incident attached to the contact. Optional. An identifier: at
   * most 256 characters, valid Unicode, else the event is refused
   * (`invalid_value`). Patient data: exported as
   * `call_center.contact.incident_id` only as the privacy policy says (by
   * default hashed when `privacy.key` is set, else dropped).
   */
  contact_incident_id?: string | undefined;
  /**
   * Id of the customer / patient. Optional. An identifier: at most 256
   * characters, valid Unicode, else the event is refused (`invalid_value`).
   * Patient data: exported as `call_center.contact.customer_id` only as the
   * privacy policy says (by default hashed when `privacy.key` is set, else
   * dropped).
   */
  contact_customer_id?: string | undefined;
  /** Type of the customer / patient, free text. Optional. Exported as `call_center.contact.customer_type`. */
  contact_customer_type?: string | undefined;
  /**
   * Phone id of the customer / patient. Optional. An identifier: at most 256
   * characters, valid Unicode, else the event is refused (`invalid_value`).
   * Patient data: exported as `call_center.contact.phone_id` only as the
   * privacy policy says (by default hashed when `privacy.key` is set, else
   * dropped).
   */
  contact_phone_id?: string | undefined;
  /**
   * Extension of the customer's / patient's phone id. Optional. An identifier:
   * at most 256 characters, valid Unicode, else the event is refused
   * (`invalid_value`). Patient data: exported as
   * `call_center.contact.extension` only as the privacy policy says (by default
   * hashed when `privacy.key` is set, else dropped).
   */
  contact_extension?: string | undefined;
  /**
   * Duration of the contact, in **seconds**. Optional. A finite number from 0
   * to 2 678 400 (31 days); outside that the event is refused
   * (`invalid_value`). On an `end` or `terminate` of a contact with no open
   * span, it gives the span's interval. Exported as
   * `call_center.contact.duration`.
   */
  contact_duration?: number | undefined;
  /** Resolution of the contact, free text. Optional. Exported as `call_center.contact.resolution`. */
  contact_resolution?: string | undefined;
  /**
   * Summary of the contact, free text. Optional. Patient data: exported as
   * `call_center.contact.summary` only if the privacy policy keeps it (dropped
   * by default).
   */
  contact_summary?: string | undefined;
  /**
   * Remarks on the contact, free text. Optional. Patient data: exported as
   * `call_center.contact.remarks` only if the privacy policy keeps it (dropped
   * by default).
   */
  contact_remarks?: string | undefined;
  /** Whether the contact is a priority. Optional. Exported as `call_center.contact.is_priority`. */
  contact_is_priority?: boolean | undefined;
  /**
   * Id of the transfer. **Required on every contact event, transfers or not**:
   * the platform's table says so (send e.g. `'none'` when there is no
   * transfer). An identifier: at most 256 characters, valid Unicode, else the
   * event is refused (`invalid_value`). Exported as `call_center.transfer.id`.
   */
  transfer_id: string;
  /** Destination of the transfer, free text. Optional. Exported as `call_center.transfer.destination`. */
  transfer_destination?: string | undefined;
  /**
   * Summary of the transfer, free text. Optional. Patient data: exported as
   * `call_center.transfer.summary` only if the privacy policy keeps it (dropped
   * by default).
   */
  transfer_summary?: string | undefined;
  /**
   * Remarks on the transfer, free text. Optional. Patient data: exported as
   * `call_center.transfer.remarks` only if the privacy policy keeps it (dropped
   * by default).
   */
  transfer_remarks?: string | undefined;
  /**
   * Any additional value sent with the event (JSON-like). Optional. Exported as
   * `call_center.meta` on the log record only, sanitised (cycles cut, depth and
   * strings bounded), and dropped unless the privacy policy keeps it.
   */
  meta?: unknown;
};
