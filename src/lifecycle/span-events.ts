import type { AttributeValue, Attributes } from '@opentelemetry/api';
import { ATTR_META } from '../semconv.js';

/** Span event names per action, made once: shared strings, not a concatenation per event. */
export function eventNames(prefix: string, actions: readonly string[]): Readonly<Record<string, string>> {
  return Object.fromEntries(actions.map((action) => [action, prefix + action]));
}

/**
 * The attributes of a span event: the action, and only what the event
 * changed since the span last heard of the contact or break (`last`, updated
 * in place); the log record linked to it carries everything. `meta` never
 * goes on spans: it is on the log record, and span events drop maps.
 */
export function changedAttributes(actionKey: string, action: string, attributes: Attributes, last: Record<string, AttributeValue | undefined>): Attributes {
  const out: Attributes = { [actionKey]: action };
  for (const key in attributes) {
    if (key === actionKey || key === ATTR_META) continue;
    const value = attributes[key];
    if (last[key] === value) continue;
    out[key] = value;
    last[key] = value;
  }
  return out;
}

/** The attributes for a span: the event's, without `meta` (on the log record only, to keep open spans small). */
export function spanAttributes(attributes: Attributes): Attributes {
  if (attributes[ATTR_META] === undefined) return attributes;
  const { [ATTR_META]: _meta, ...rest } = attributes;
  return rest;
}
