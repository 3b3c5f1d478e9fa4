/**
 * Runs fuzz cases through the public API and tallies a FuzzVerdict. First
 * through the `CallCenter` facade before any instance is enabled (a first
 * instance is then enabled to emit what the facade held, and disabled
 * again); then through a 'report' instance (by the facade or its own
 * method) and a 'strict' one side by side, which start from the same state
 * and see the same events. Each instance has its own real SDK whose every
 * export is scanned. Cases come from fast-check (`fc.assert` with the seed)
 * and time from a clock that only the cases advance, so a seed replays a
 * run exactly.
 */
import type { LoggerProvider, MeterProvider, TracerProvider } from '@opentelemetry/api';
import fc from 'fast-check';
import { fuzzCaseArbitrary, type FuzzCase, type FuzzEnums } from './fuzz-generators.ts';
import type { FuzzVerdict } from './fuzz-verdict.ts';
import { buildValue } from './hostile-values.ts';
import { counterSum, ScannedSdk } from './scanned-sdk.ts';
import { mergeFindings } from './telemetry-scan.ts';

type Ingest = (type: never, event: never, options?: never) => unknown;

interface FuzzInstrumentation {
  logIngestEvent: Ingest;
  enable(): void;
  disable(): void;
  setTracerProvider(provider: TracerProvider): void;
  setLoggerProvider(provider: LoggerProvider): void;
  setMeterProvider(provider: MeterProvider): void;
}

interface FuzzInstrumentationConfig {
  enabled: boolean;
  validation: 'report' | 'strict';
  operator: { id: string; name: string };
  operatorOnMetrics: boolean;
  now: () => number;
}

/**
 * What the fuzzer uses of the package: its public API, from `src/` in the
 * unit suite and from the built package in the fuzz script. Typed by shape,
 * so that either module fits.
 */
export interface FuzzApi extends FuzzEnums {
  readonly CallCenter: { readonly logIngestEvent: Ingest };
  readonly CallCenterInstrumentation: new (config: FuzzInstrumentationConfig) => FuzzInstrumentation;
  readonly CallCenterValidationError: abstract new (...args: never[]) => Error;
  readonly METRIC_EVENTS: string;
  readonly METRIC_EVENTS_REJECTED: string;
  readonly ATTR_REJECTION_REASON: string;
}

export interface FuzzOptions {
  readonly api: FuzzApi;
  /** Cases run against the enabled instances. */
  readonly events: number;
  /** fast-check's seed: the same seed replays the same run. */
  readonly seed: number;
  /** Cases sent through the facade before any instance is enabled: more than it holds, so that some are dropped. */
  readonly eventsBeforeEnable?: number;
  /**
   * Throw at the first failing event, so that fast-check shrinks it and prints
   * a counterexample (the unit suite); otherwise count every failure (the script).
   */
  readonly stopAtFirstFailure?: boolean;
  /** Called every `progressEvery` cases with the number done. */
  readonly onProgress?: (done: number) => void;
  readonly progressEvery?: number;
}

/** Rejections that are not the event's fault: strict mode does not throw for them. */
const NOT_THE_EVENTS_FAULT = new Set(['internal_error', 'redaction_failed']);

/**
 * The instances' clock: a fixed start, one second more per case. With the
 * wall clock, which events time out or lie too far ahead would change from
 * run to run; with this one a seed replays a run exactly, and a million
 * cases span eleven days, so contacts also time out.
 */
const CLOCK_START_MS = Date.UTC(2026, 0, 1);
const CLOCK_STEP_MS = 1000;

/** Every instance gets the same configuration, so that their verdicts must agree. */
const config = (validation: 'report' | 'strict', now: () => number): FuzzInstrumentationConfig => ({
  enabled: false,
  validation,
  operator: { id: 'op-default', name: 'Default' },
  // Operator ids on metrics too: one more place a changed id could reach.
  operatorOnMetrics: true,
  now,
});

interface BuiltCall {
  readonly type: unknown;
  readonly event: unknown;
  readonly options?: unknown;
  readonly hasOptions: boolean;
}

function build(c: FuzzCase, nowMs: number): BuiltCall {
  const type = buildValue(c.type, nowMs);
  const event = buildValue(c.event, nowMs);
  return c.options === undefined ? { type, event, hasOptions: false } : { type, event, options: buildValue(c.options, nowMs), hasOptions: true };
}

function ingest(target: { logIngestEvent: Ingest }, call: BuiltCall): unknown {
  return call.hasOptions ? target.logIngestEvent(call.type as never, call.event as never, call.options as never) : target.logIngestEvent(call.type as never, call.event as never);
}

type Outcome = { readonly kind: 'accepted'; readonly pending: boolean } | { readonly kind: 'rejected'; readonly reason: string } | { readonly kind: 'bad-result' };

/** An instance and the SDK it alone emits to. */
interface Subject {
  readonly instrumentation: FuzzInstrumentation;
  readonly sdk: ScannedSdk;
}

/** `scanNow`: the latest clock the subject's telemetry may have been timed by (its own clock by default). */
function subject(api: FuzzApi, validation: 'report' | 'strict', now: () => number, scanNow: () => number = now): Subject {
  const sdk = new ScannedSdk(scanNow);
  const instrumentation = new api.CallCenterInstrumentation(config(validation, now));
  instrumentation.setTracerProvider(sdk.tracerProvider);
  instrumentation.setLoggerProvider(sdk.loggerProvider);
  instrumentation.setMeterProvider(sdk.meterProvider);
  return { instrumentation, sdk };
}

/** What a subject's SDK counted, read once it is done. */
async function counted(api: FuzzApi, { sdk }: Subject) {
  const metrics = await sdk.collectMetrics();
  return {
    exportedLogRecords: sdk.scan.logRecords,
    eventsMetric: counterSum(metrics, api.METRIC_EVENTS),
    rejectedMetric: counterSum(metrics, api.METRIC_EVENTS_REJECTED),
    notEnabledMetric: counterSum(metrics, api.METRIC_EVENTS_REJECTED, { key: api.ATTR_REJECTION_REASON, value: 'not_enabled' }),
  };
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzVerdict> {
  const { api, events, seed, stopAtFirstFailure = false, progressEvery = 10_000 } = options;
  const eventsBeforeEnable = options.eventsBeforeEnable ?? 3000;
  const arbitrary = fuzzCaseArbitrary(api);
  const examples: Record<string, string> = {};
  let clockMs = CLOCK_START_MS;
  const now = () => clockMs;

  /** Inspecting what the library returned or threw must not throw here either. */
  const isValidationError = (value: unknown): boolean => {
    try {
      return value instanceof api.CallCenterValidationError;
    } catch {
      return false;
    }
  };
  const outcome = (result: unknown): Outcome => {
    try {
      const r = result as { ok?: unknown; pending?: unknown; error?: { reason?: unknown } };
      if (r.ok === true) return { kind: 'accepted', pending: r.pending === true };
      if (r.ok === false && isValidationError(r.error) && typeof r.error?.reason === 'string') return { kind: 'rejected', reason: r.error.reason };
    } catch {
      // Falls through: a result that cannot be read is a bad result.
    }
    return { kind: 'bad-result' };
  };
  /** Records the first case of each kind of failure; throws in stop-at-first mode so fast-check shrinks the case. */
  const fail = (c: FuzzCase, problems: string[]) => {
    if (problems.length === 0) return;
    for (const problem of problems) examples[problem] ??= fc.stringify(c);
    if (stopAtFirstFailure) throw new Error(problems.join('; '));
  };

  // The events the facade held were timed by the only clock there was before any instance: the wall clock.
  const first = subject(api, 'report', now, () => Math.max(now(), Date.now()));
  const report = subject(api, 'report', now);
  const strict = subject(api, 'strict', now);
  const subjects = [first, report, strict];
  const before = { events: eventsBeforeEnable, escapedThrows: 0, held: 0, pending: 0 };
  const tally = { escapedThrows: 0, accepted: 0, rejected: 0, internalErrors: 0, badResults: 0, rejectedWithTelemetry: 0 };
  const strictTally = { wrongThrows: 0, disagreements: 0, accepted: 0, rejected: 0 };

  const beforeEnable = fc.asyncProperty(arbitrary, async (c) => {
    clockMs += CLOCK_STEP_MS;
    let result: unknown;
    try {
      result = ingest(api.CallCenter, build(c, clockMs));
    } catch {
      before.escapedThrows++;
      return fail(c, ['throw escaped the facade before enable']);
    }
    const o = outcome(result);
    if (o.kind === 'accepted') {
      before.held++;
      if (o.pending) before.pending++;
    }
  });

  let done = 0;
  const enabled = fc.asyncProperty(arbitrary, async (c) => {
    if (++done % progressEvery === 0) options.onProgress?.(done);
    const problems: string[] = [];
    clockMs += CLOCK_STEP_MS;
    // Two builds of one case: a getter that changes between reads gives both instances the same reads.
    const forReport = build(c, clockMs);
    const forStrict = build(c, clockMs);

    const logsBefore = report.sdk.scan.logRecords;
    const spansBefore = report.sdk.spansStarted;
    let reported: Outcome | undefined;
    try {
      reported = outcome(ingest(c.via === 'facade' ? api.CallCenter : report.instrumentation, forReport));
    } catch {
      tally.escapedThrows++;
      problems.push(`throw escaped report mode (${c.via})`);
    }
    if (reported?.kind === 'accepted') tally.accepted++;
    else if (reported?.kind === 'rejected') {
      tally.rejected++;
      if (reported.reason === 'internal_error') {
        tally.internalErrors++;
        problems.push('internal_error in report mode');
      }
      if (report.sdk.scan.logRecords !== logsBefore || report.sdk.spansStarted !== spansBefore) {
        tally.rejectedWithTelemetry++;
        problems.push('telemetry from a rejected event');
      }
    } else if (reported) {
      tally.badResults++;
      problems.push('bad result in report mode');
    }

    let threw = false;
    let strictResult: unknown;
    try {
      strictResult = ingest(strict.instrumentation, forStrict);
    } catch (error) {
      threw = true;
      strictTally.rejected++;
      if (!isValidationError(error)) {
        strictTally.wrongThrows++;
        problems.push('strict threw something other than CallCenterValidationError');
      }
    }
    if (!threw) {
      const o = outcome(strictResult);
      if (o.kind === 'accepted') strictTally.accepted++;
      else if (o.kind === 'bad-result') {
        tally.badResults++;
        problems.push('bad result in strict mode');
      } else {
        strictTally.rejected++;
        if (o.reason === 'internal_error') {
          tally.internalErrors++;
          problems.push('internal_error in strict mode');
        }
      }
    }
    if (reported && reported.kind !== 'bad-result') {
      const eventsFault = reported.kind === 'rejected' && !NOT_THE_EVENTS_FAULT.has(reported.reason);
      if (threw !== eventsFault) {
        strictTally.disagreements++;
        problems.push(eventsFault ? 'strict did not throw for an event report rejected' : 'strict threw for an event report did not reject');
      }
    }
    fail(c, problems);
  });

  try {
    try {
      await fc.assert(beforeEnable, { seed, numRuns: eventsBeforeEnable });
      // The first instance enabled emits what the facade held. Disabled again,
      // it hands nothing on: report and strict start from the same state.
      first.instrumentation.enable();
      first.instrumentation.disable();
      strict.instrumentation.enable();
      // Enabled last, so the facade delegates to it.
      report.instrumentation.enable();
      await fc.assert(enabled, { seed, numRuns: events });
    } finally {
      // Ends the spans still open, so that they are exported and scanned too.
      for (const { instrumentation } of subjects) instrumentation.disable();
    }
    const [held, reportCounts, strictCounts] = await Promise.all(subjects.map((s) => counted(api, s)));
    return {
      seed,
      events,
      ...tally,
      exportedLogRecords: reportCounts!.exportedLogRecords,
      eventsMetric: reportCounts!.eventsMetric,
      rejectedMetric: reportCounts!.rejectedMetric,
      strict: {
        ...strictTally,
        exportedLogRecords: strictCounts!.exportedLogRecords,
        eventsMetric: strictCounts!.eventsMetric,
        rejectedMetric: strictCounts!.rejectedMetric,
      },
      beforeEnable: {
        ...before,
        emittedLogRecords: held!.exportedLogRecords,
        eventsMetric: held!.eventsMetric,
        notEnabledMetric: held!.notEnabledMetric,
      },
      findings: subjects.map((s) => s.sdk.scan.findings).reduce(mergeFindings),
      examples,
    };
  } finally {
    await Promise.all(subjects.map((s) => s.sdk.shutdown()));
  }
}
