import { diag } from '@opentelemetry/api';
import { INSTRUMENTATION_SCOPE } from './semconv.js';

/** The package's diag logger: silent until the application sets one (`diag.setLogger`). */
export const ccDiag = diag.createComponentLogger({ namespace: INSTRUMENTATION_SCOPE });

/**
 * Reports through diag without ever throwing: the application's diag logger
 * may itself throw, or choke on a hostile value handed to it as the cause.
 */
export function report(level: 'warn' | 'error', message: string, cause?: unknown): void {
  try {
    if (cause === undefined) ccDiag[level](message);
    else ccDiag[level](message, cause);
  } catch {
    // Nowhere left to report to.
  }
}

/**
 * What a thrown value is, in a word, for an error message: its `name` when
 * it is an Error, else its type. Never throws, whatever the value does when
 * inspected (a Proxy whose traps throw, a getter on `name`), and never quotes
 * anything else of it (it may come from an event's getter).
 */
export function describeThrown(cause: unknown): string {
  try {
    if (cause instanceof Error) {
      const name: unknown = cause.name;
      return typeof name === 'string' && /^\w{1,40}$/.test(name) ? name : 'Error';
    }
    return cause === null ? 'null' : typeof cause;
  } catch {
    return 'an uninspectable value';
  }
}
