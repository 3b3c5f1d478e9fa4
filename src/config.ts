import { configError } from './errors.js';
import { boundOperator, idProblem } from './ingest/bounds.js';
import { readOperator } from './ingest/read.js';
import type { CallCenterInstrumentationConfig, CallCenterOperator } from './types.js';

const HOUR_MS = 3_600_000;
const DEFAULT_MAX_STRING_LENGTH = 4096;

/** The configuration with every default filled in and every value checked. */
export interface ResolvedConfig extends CallCenterInstrumentationConfig {
  readonly contactTimeoutMs: number;
  readonly maxOpenContacts: number;
  readonly breakTimeoutMs: number;
  readonly maxOpenBreaks: number;
  readonly maxClockSkewMs: number;
  readonly maxStringLength: number;
  readonly now: () => number;
  readonly operator: CallCenterOperator | undefined;
}

function checkNumber(config: CallCenterInstrumentationConfig, key: keyof CallCenterInstrumentationConfig, min: number, integer: boolean): void {
  const value = config[key];
  if (value === undefined) return;
  if (typeof value !== 'number' || !(value >= min) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    const what = min > 0 ? `a ${integer ? 'whole ' : ''}number of at least ${min}` : `a ${integer ? 'whole ' : ''}number of 0 or more`;
    throw configError(key, `expected ${what}`);
  }
}

/**
 * Fills in the defaults and checks every option; throws a TypeError naming
 * the option on anything unusable, before anything changes.
 */
export function resolveConfig(config: CallCenterInstrumentationConfig): ResolvedConfig {
  checkNumber(config, 'contactTimeoutMs', Number.MIN_VALUE, false);
  checkNumber(config, 'breakTimeoutMs', Number.MIN_VALUE, false);
  checkNumber(config, 'maxOpenContacts', 1, true);
  checkNumber(config, 'maxOpenBreaks', 1, true);
  checkNumber(config, 'maxClockSkewMs', 0, false);
  checkNumber(config, 'maxStringLength', 256, true);
  if (config.now !== undefined && typeof config.now !== 'function') throw configError('now', 'expected a function returning epoch milliseconds');
  if (config.onInvalidEvent !== undefined && typeof config.onInvalidEvent !== 'function') throw configError('onInvalidEvent', 'expected a function');
  // A string from the environment ('false') would be truthy: only booleans are taken.
  for (const key of ['enabled', 'operatorOnMetrics'] as const) {
    if (config[key] !== undefined && typeof config[key] !== 'boolean') throw configError(key, 'expected true or false');
  }
  if (config.validation !== undefined && config.validation !== 'report' && config.validation !== 'strict') {
    throw configError('validation', `expected 'report' or 'strict'`);
  }
  let operator: CallCenterOperator | undefined;
  if (config.operator !== undefined) {
    const read = readOperator(config.operator, 'operator');
    if ('code' in read) throw configError(read.path, read.message);
    const problem = idProblem(read.id);
    if (problem) throw configError('operator.id', problem);
    operator = boundOperator(read, config.maxStringLength ?? DEFAULT_MAX_STRING_LENGTH);
  }
  return {
    ...config,
    contactTimeoutMs: config.contactTimeoutMs ?? 4 * HOUR_MS,
    maxOpenContacts: config.maxOpenContacts ?? 10_000,
    breakTimeoutMs: config.breakTimeoutMs ?? 4 * HOUR_MS,
    maxOpenBreaks: config.maxOpenBreaks ?? 10_000,
    maxClockSkewMs: config.maxClockSkewMs ?? 300_000,
    maxStringLength: config.maxStringLength ?? DEFAULT_MAX_STRING_LENGTH,
    now: config.now ?? Date.now,
    operator,
  };
}
