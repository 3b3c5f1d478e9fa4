import { report } from '../diag.js';
import type { CallCenterEventType } from '../events/enums.js';

/** Unknown field names reported per instance before it stops reporting new ones (a bound on memory). */
const MAX_REPORTED_FIELDS = 256;

/** Reports each unknown field name once through diag (they are ignored, not exported). */
export class UnknownFieldReporter {
  readonly #reported = new Set<string>();

  report(type: CallCenterEventType, fields: readonly string[]): void {
    for (const field of fields) {
      if (this.#reported.size >= MAX_REPORTED_FIELDS) return;
      const name = field.length > 64 ? `${field.slice(0, 64)}…` : field;
      const key = `${type}.${name}`;
      if (this.#reported.has(key)) continue;
      this.#reported.add(key);
      report('warn', `${type} event field ${JSON.stringify(name)} is not in the contract: ignored, not exported (reported once per field name)`);
    }
  }
}
