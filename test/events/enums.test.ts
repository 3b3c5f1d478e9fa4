import { describe, expect, it } from 'vitest';
import {
  BREAK_ACTIONS,
  BREAK_TYPES,
  CONTACT_ACTIONS,
  CONTACT_CHANNELS,
  CONTACT_TYPES,
  EVENT_TYPES,
  BreakType,
  CallCenterAction,
  CallCenterEventType,
  ContactChannel,
  ContactType,
} from '../../src/events/enums.js';

describe('the value lists the rules check against', () => {
  it('are the public enums’ values, in their order', () => {
    expect(EVENT_TYPES).toEqual(Object.values(CallCenterEventType));
    expect(BREAK_TYPES).toEqual(Object.values(BreakType));
    expect(CONTACT_ACTIONS).toEqual(Object.values(CallCenterAction));
    expect(CONTACT_TYPES).toEqual(Object.values(ContactType));
    expect(CONTACT_CHANNELS).toEqual([...new Set(Object.values(ContactChannel))]);
    expect(BREAK_ACTIONS.every((a) => (Object.values(CallCenterAction) as string[]).includes(a))).toBe(true);
  });

  it('names every member PascalCase of its wire value, as ingest-events.md says (found in review: ContactChannel.Whatsapp was missing)', () => {
    const pascal = (wire: string) =>
      wire
        .split('_')
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join('');
    for (const e of [CallCenterEventType, BreakType, CallCenterAction, ContactType, ContactChannel]) {
      for (const wire of Object.values(e) as string[]) expect((e as Record<string, string>)[pascal(wire)], pascal(wire)).toBe(wire);
    }
  });
});
