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
  diag.setLogger({ warn: (m: string) => void warn.push(m), error: (m: string) => void error.push(m), info: noop, debug: noop, verbose: noop }, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  return { warn, error, stop: () => diag.disable() };
}
