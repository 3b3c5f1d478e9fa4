import { diag, DiagLogLevel } from '@opentelemetry/api';

/** What the OpenTelemetry diag logger received, by level, while captured. */
export interface DiagCapture {
  readonly warn: string[];
  readonly error: string[];
  /** Restores the silent default. */
  stop(): void;
}

/** Captures the diag logger's warnings and errors (the plugin's way of reporting). */
export function captureDiag(): DiagCapture {
  const warn: string[] = [];
  const error: string[] = [];
  const noop = () => {};
  // A component logger passes its namespace first: the line is every argument, joined.
  const line =
    (to: string[]) =>
    (...args: unknown[]) =>
      void to.push(args.map(String).join(' '));
  diag.setLogger({ warn: line(warn), error: line(error), info: noop, debug: noop, verbose: noop }, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  return { warn, error, stop: () => diag.disable() };
}
