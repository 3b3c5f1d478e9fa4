import type { TracerProvider } from '@opentelemetry/api';
import { report } from '../diag.js';

type Shutdownable = { shutdown(...args: unknown[]): unknown };
type Delegating = TracerProvider & { getDelegate(): TracerProvider };

const listeners = new WeakMap<object, Set<() => void>>();

/** The SDK provider behind the API's global proxy, or the provider itself: what a span really comes from. */
export function resolveProvider(provider: TracerProvider): object {
  const delegating = provider as Partial<Delegating>;
  return typeof delegating.getDelegate === 'function' ? delegating.getDelegate() : provider;
}

/**
 * Runs `listener` synchronously at the start of the provider's `shutdown()`,
 * so open spans can be ended while the provider still exports them. The
 * OpenTelemetry API has no shutdown event and NodeSDK's shutdown does not
 * disable instrumentations, so the provider's own method is wrapped (once per
 * provider). Returns false when the provider has no shutdown to wrap (the
 * API's no-op provider, or one whose `shutdown` cannot be replaced).
 */
export function onProviderShutdown(provider: object, listener: () => void): boolean {
  const target = provider as Partial<Shutdownable>;
  let set = listeners.get(target);
  if (!set) {
    const original = target.shutdown;
    if (typeof original !== 'function') return false;
    const registered = new Set<() => void>();
    try {
      target.shutdown = function shutdown(this: unknown, ...args: unknown[]) {
        for (const l of registered) {
          try {
            l();
          } catch (cause) {
            report('error', 'ending open spans at provider shutdown failed', cause);
          }
        }
        return original.apply(this, args);
      };
    } catch {
      return false;
    }
    listeners.set(target, registered);
    set = registered;
  }
  set.add(listener);
  return true;
}

/** Asks an SDK provider to export what it holds; failures go to diag. */
export function flushProvider(provider: object): void {
  const target = provider as Partial<{ forceFlush(): Promise<void> }>;
  if (typeof target.forceFlush !== 'function') return;
  const failed = (cause: unknown) => report('warn', 'flushing spans at page hide failed', cause);
  try {
    target.forceFlush().catch(failed);
  } catch (cause) {
    failed(cause);
  }
}
