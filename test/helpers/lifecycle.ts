import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { CallCenterAction, type CallCenterEventMap, type LogIngestEventOptions } from '../../src/index.js';
import type { Harness } from './otel.js';

/** A settable clock for the instrumentation's `now` option. */
export class TestClock {
  ms: number;
  constructor(iso = '2025-01-01T10:00:00.000Z') {
    this.ms = Date.parse(iso);
  }
  readonly now = (): number => this.ms;
  advance(seconds: number): number {
    this.ms += seconds * 1000;
    return this.ms;
  }
}

export function spanNamed(h: Harness, name: string): ReadableSpan[] {
  return h.spans.getFinishedSpans().filter((s) => s.name === name);
}

/** Logs an event and fails the test if it was not accepted. */
export function ingest<T extends keyof CallCenterEventMap>(h: Harness, type: T, event: CallCenterEventMap[T], options?: LogIngestEventOptions): void {
  const result = h.instrumentation.logIngestEvent(type, event, options);
  if (!result.ok) throw result.error;
}

export const CONTACT_SEQUENCE = [CallCenterAction.Attend, CallCenterAction.Pause, CallCenterAction.Resume, CallCenterAction.Transfer, CallCenterAction.End] as const;

export const ms = (hr: [number, number]): number => hr[0] * 1000 + hr[1] / 1e6;
