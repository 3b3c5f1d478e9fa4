import type { CallCenterOperator } from './attributes.js';
import type { CallCenterValidationIssue } from './errors.js';

/** Checks an operator identity; returns the problem, or undefined when it is usable. */
export function operatorIssue(operator: unknown, path: string): CallCenterValidationIssue | undefined {
  if (typeof operator !== 'object' || operator === null) {
    return { path, code: 'invalid_operator', message: 'expected an object { id, name?, team? }' };
  }
  const { id, name, team } = operator as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') {
    return { path: `${path}.id`, code: 'invalid_operator', message: 'expected a non-empty string' };
  }
  if (name !== undefined && typeof name !== 'string') {
    return { path: `${path}.name`, code: 'invalid_operator', message: 'expected a string' };
  }
  if (team !== undefined && typeof team !== 'string') {
    return { path: `${path}.team`, code: 'invalid_operator', message: 'expected a string' };
  }
  return undefined;
}

/** A copy holding only the identity's own string fields, so later mutation by the caller changes nothing. */
export function copyOperator({ id, name, team }: CallCenterOperator): CallCenterOperator {
  return { id, name, team };
}

export interface ReadOptions {
  operator: CallCenterOperator | undefined;
  /** Epoch milliseconds, when the caller gave a time. */
  timestamp: number | undefined;
}

/** Reads the per-call options of logIngestEvent, which plain JavaScript may pass as anything. */
export function readOptions(
  options: unknown,
  fallbackOperator: CallCenterOperator | undefined,
): ReadOptions | CallCenterValidationIssue {
  if (options === undefined || options === null) return { operator: fallbackOperator, timestamp: undefined };
  if (typeof options !== 'object') {
    return { path: 'options', code: 'invalid_value', message: 'expected an object { operator?, timestamp? }' };
  }
  const { operator, timestamp } = options as Record<string, unknown>;
  let op = fallbackOperator;
  if (operator !== undefined) {
    const issue = operatorIssue(operator, 'operator');
    if (issue) return issue;
    op = operator as CallCenterOperator;
  }
  let ms: number | undefined;
  if (timestamp !== undefined) {
    ms = timestamp instanceof Date ? timestamp.getTime() : typeof timestamp === 'number' ? timestamp : NaN;
    if (!Number.isFinite(ms)) {
      return { path: 'timestamp', code: 'invalid_value', message: 'expected epoch milliseconds or a valid Date' };
    }
  }
  return { operator: op, timestamp: ms };
}
