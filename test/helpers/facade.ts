import { CallCenterInstrumentation } from '../../src/index.js';

/**
 * Empties what the facade holds (events logged through `CallCenter` while no
 * instrumentation was enabled): an instance enabled and disabled again takes
 * them, on the API's no-op providers, so the next test's instance starts clean.
 */
export function drainFacade(): void {
  const sink = new CallCenterInstrumentation({ enabled: false });
  sink.enable();
  sink.disable();
}
