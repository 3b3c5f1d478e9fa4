// The demo's progress on stderr: a bar redrawn in place on a terminal; piped
// or redirected, where a redrawn line would pile up, one line each quarter.

/** Where progress goes: process.stderr, or anything with its `write` and `isTTY`. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

const BAR_WIDTH = 30;
/** Events between two redraws of the bar. */
const REDRAW_EVERY = 250;

export class ShiftProgress {
  readonly #stream: ProgressStream;
  readonly #total: number;
  /** Quarters (1 to 4) already reported as lines. */
  #quarters = 0;

  constructor(stream: ProgressStream, total: number) {
    this.#stream = stream;
    this.#total = total;
  }

  /** `done` events of the total are applied, the simulated clock at `simulatedMs`; call it after each event. */
  update(done: number, simulatedMs: number): void {
    const ratio = this.#total ? done / this.#total : 1;
    const percent = String(Math.floor(ratio * 100));
    const simulated = `simulated ${new Date(simulatedMs).toISOString().slice(11, 16)} UTC`;
    if (this.#stream.isTTY) {
      if (done % REDRAW_EVERY !== 0 && done !== this.#total) return;
      const bar = '█'.repeat(Math.round(ratio * BAR_WIDTH)).padEnd(BAR_WIDTH, '░');
      this.#stream.write(`\r${bar} ${percent.padStart(3)}%  ${simulated}  ${done}/${this.#total} events${done === this.#total ? '\n' : ''}`);
      return;
    }
    const quarters = Math.floor(ratio * 4);
    if (quarters <= this.#quarters) return;
    this.#quarters = quarters;
    this.#stream.write(`simulating: ${percent}% (${done}/${this.#total} events, ${simulated})\n`);
  }
}
