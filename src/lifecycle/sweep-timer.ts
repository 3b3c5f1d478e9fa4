import type { SpanOwner } from './span-owner.js';

/** How often an owner's open spans are checked for timeouts: a tenth of its shorter timeout, between 1 s and 1 min. */
export function sweepIntervalMs(owner: SpanOwner): number {
  const { contactTimeoutMs, breakTimeoutMs } = owner.config;
  return Math.min(60_000, Math.max(1_000, Math.min(contactTimeoutMs, breakTimeoutMs) / 10));
}

/**
 * The timer that sweeps open spans while there are any: `tick` sweeps and
 * says whether to go on. Run at the interval the enabled instances call for
 * (run again with another, it restarts); it never keeps a Node process alive.
 */
export class SweepTimer {
  readonly #tick: () => boolean;
  #timer: ReturnType<typeof setInterval> | undefined;
  #ms = 0;

  constructor(tick: () => boolean) {
    this.#tick = tick;
  }

  get running(): boolean {
    return this.#timer !== undefined;
  }

  run(ms: number): void {
    if (this.#timer !== undefined && ms === this.#ms) return;
    this.stop();
    this.#ms = ms;
    this.#timer = setInterval(() => {
      if (!this.#tick()) this.stop();
    }, ms);
    // Browsers return a number.
    const timer = this.#timer as { unref?: () => void };
    if (typeof timer.unref === 'function') timer.unref();
  }

  stop(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
