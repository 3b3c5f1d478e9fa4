import type { Attributes } from '@opentelemetry/api';
import { failure, type CallCenterValidationError } from '../errors.js';
import { boundText } from '../ingest/bounds.js';
import { actionOf, type IngestEvent } from '../ingest/ingest-event.js';
import type { RedactFunction } from './policy.js';

/**
 * Runs the user's redaction hook on the event's attribute set; fails closed
 * (the event is dropped, `redaction_failed`) when it throws or returns
 * garbage. Strings it returns are bounded like the event's own.
 */
export function redactAttributes(ev: IngestEvent, redact: RedactFunction, maxStringLength: number): CallCenterValidationError | undefined {
  try {
    const action = actionOf(ev);
    const info = ev.type === 'ops_scorecard' || action === undefined ? { eventType: ev.type } : { eventType: ev.type, action };
    const result: unknown = redact(ev.attributes, info);
    if (result !== undefined && (typeof result !== 'object' || result === null || Array.isArray(result))) {
      throw new TypeError('privacy.redact returned neither an attributes object nor nothing');
    }
    const attributes = (result ?? ev.attributes) as Attributes;
    for (const key of Object.keys(attributes)) {
      const value = attributes[key];
      if (typeof value === 'string' && value.length > maxStringLength) attributes[key] = boundText(value, maxStringLength);
      else if (Array.isArray(value) && value.some((v) => typeof v === 'string' && v.length > maxStringLength)) {
        attributes[key] = value.map((v) => (typeof v === 'string' && v.length > maxStringLength ? boundText(v, maxStringLength) : v)) as typeof value;
      }
    }
    ev.attributes = attributes;
    return undefined;
  } catch (cause) {
    return failure(ev.type, 'redaction_failed', 'privacy.redact failed; the event was dropped rather than sent unredacted', cause);
  }
}
