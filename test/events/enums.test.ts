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
    expect(CONTACT_CHANNELS).toEqual(Object.values(ContactChannel));
    expect(BREAK_ACTIONS.every((a) => (Object.values(CallCenterAction) as string[]).includes(a))).toBe(true);
  });
});
