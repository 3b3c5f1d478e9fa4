// Options the README's table documents, refused with a TypeError naming them when unusable (found in review:
// each of these was accepted, or refused with an error naming nothing).
import { afterEach, describe, expect, it } from 'vitest';
import { CallCenterInstrumentation, type CallCenterInstrumentationConfig } from '../src/index.js';
import { minimalContact } from './helpers/events.js';
import { ingest, TestClock } from './helpers/lifecycle.js';
import { createHarness, type Harness } from './helpers/otel.js';

let h: Harness | undefined;
const made: CallCenterInstrumentation[] = [];
afterEach(async () => {
  for (const i of made.splice(0)) i.disable();
  await h?.shutdown();
  h = undefined;
});

const construct = (config: unknown) => () => {
  made.push(new CallCenterInstrumentation({ enabled: false, ...(config as CallCenterInstrumentationConfig) }));
};

describe('a bad configuration throws a TypeError naming the option', () => {
  it('privacy.fields: null', () => {
    expect(construct({ privacy: { fields: null } })).toThrow(/privacy\.fields/);
  });

  it('onInvalidEvent that is not a function', () => {
    expect(construct({ onInvalidEvent: 'console.log' })).toThrow(TypeError);
    expect(construct({ onInvalidEvent: 'console.log' })).toThrow(/onInvalidEvent/);
  });

  it.each(['operatorOnMetrics', 'enabled'])("%s: 'false' (read from the environment) is refused, not taken as true", (option) => {
    let threw: unknown;
    try {
      made.push(new CallCenterInstrumentation({ [option]: 'false' } as unknown as CallCenterInstrumentationConfig));
    } catch (e) {
      threw = e;
    }
    expect(threw).toBeInstanceOf(TypeError);
    expect(String(threw)).toContain(option);
  });
});

describe('getConfig', () => {
  it('hands out a copy: writing to it neither bypasses validation nor changes the limits in force', () => {
    const clock = new TestClock();
    h = createHarness({ now: clock.now });
    const config = h.instrumentation.getConfig() as { maxOpenContacts?: number };
    config.maxOpenContacts = 0; // setConfig({ maxOpenContacts: 0 }) throws a TypeError
    ingest(h, 'contact', minimalContact({ contact_id: 'a' }));
    ingest(h, 'contact', minimalContact({ contact_id: 'b' }));
    expect(h.spans.getFinishedSpans()).toHaveLength(0);
  });
});
