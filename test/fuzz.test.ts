import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { runFuzz } from './helpers/fuzz-run.ts';
import { failedConditions, verdictLine } from './helpers/fuzz-verdict.ts';

const EVENTS = 100_000;
/**
 * A new seed each run, as fast-check's own default; FUZZ_SEED=<n> replays a
 * run. Failures print it (fast-check's report, the verdict line); the test's
 * name leaves it out so that it stays the same from run to run.
 */
const SEED = process.env.FUZZ_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED);

describe(`fuzzing: ${EVENTS} generated, mutated and hostile events`, () => {
  it('report mode never throws and exports no free text; strict mode throws CallCenterValidationError exactly where report rejects; every event is counted once', async () => {
    // Stops at the first event that throws out of report mode, is rejected
    // for no fault of its own, emits telemetry although rejected, or that
    // strict mode disagrees on; fast-check then shrinks it and prints the
    // case with the seed and path that replay it.
    const verdict = await runFuzz({ api, events: EVENTS, seed: SEED, stopAtFirstFailure: true });

    const line = verdictLine(verdict);
    expect(failedConditions(verdict), line).toEqual([]);
    expect(verdict.findings.examples, line).toEqual({ 'marker': [], 'invalid-value': [], 'overlong-string': [], 'time-out-of-bounds': [] });
    // A fuzz that accepts (or rejects) almost everything tests little.
    expect(verdict.accepted, line).toBeGreaterThan(EVENTS * 0.2);
    expect(verdict.rejected, line).toBeGreaterThan(EVENTS * 0.2);
    expect(verdict.beforeEnable.held, line).toBeGreaterThan(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);
});
