// Runs the sides of a comparison in their own worker threads (bench/side.ts),
// one side at a time, interleaved: in each round every row is measured on
// each side in turn, the order alternating by round, so that the shared
// machine's load, which changes within seconds, weighs on both alike.
import { Worker } from 'node:worker_threads';
import { ROWS, type Row } from './rows.ts';
import type { SideData, SideRequest } from './side.ts';

interface Pending {
  resolve: (ns: number) => void;
  reject: (error: unknown) => void;
}

export class Side {
  readonly #worker: Worker;
  /** The answer awaited: the worker handles one request at a time. */
  #pending: Pending | undefined;
  readonly #ready: Promise<void>;

  constructor(data: SideData) {
    this.#worker = new Worker(new URL('./side.ts', import.meta.url), { workerData: data });
    this.#ready = new Promise((resolve, reject) => (this.#pending = { resolve: () => resolve(), reject }));
    this.#worker.on('message', (answer: number) => this.#settle((p) => p.resolve(answer)));
    this.#worker.on('error', (error) => this.#settle((p) => p.reject(error)));
  }

  #settle(how: (pending: Pending) => void): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending) how(pending);
  }

  /** The side's median per event for `row`, ns, over `time` ms of samples. */
  async measure(request: SideRequest): Promise<number> {
    await this.#ready;
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.#worker.postMessage(request);
    });
  }

  stop(): Promise<number> {
    return this.#worker.terminate();
  }
}

/** Each row's medians per side, one per round. */
export type Rounds = Record<Row, Record<string, number[]>>;

export async function interleave(sides: Record<string, SideData>, { rounds, time, rows = ROWS }: { rounds: number; time: number; rows?: readonly Row[] }): Promise<Rounds> {
  const started = Object.entries(sides).map(([name, data]) => [name, new Side(data)] as const);
  const out = Object.fromEntries(ROWS.map((row) => [row, Object.fromEntries(started.map(([name]) => [name, [] as number[]]))])) as Rounds;
  try {
    // Every row once on every side first: an application sends all three event types through the same code, so no
    // round measures a side whose code has seen only one of them.
    for (const row of ROWS) for (const [, side] of started) await side.measure({ row, time: 100, warmupTime: 100 });
    for (let round = 0; round < rounds; round++) {
      for (const row of rows) {
        for (const [name, side] of round % 2 ? [...started].reverse() : started) {
          out[row][name]!.push(await side.measure({ row, time, warmupTime: 50 }));
        }
      }
    }
  } finally {
    await Promise.all(started.map(([, side]) => side.stop()));
  }
  return out;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
