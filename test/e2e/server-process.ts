// A server the e2e suite runs (the collector, Prometheus): its output kept
// in a log file, stopped with SIGTERM then SIGKILL after 10 s, killed if the
// test process itself goes down, and waited for until a readiness URL
// answers 200.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly exited: () => boolean;
  /** Everything it printed so far. */
  log(): string;
  /** SIGTERM, then SIGKILL after 10 s; resolves once it has exited. */
  stop(): Promise<void>;
  /** SIGKILL at once (a crash, for the tests of what survives one). */
  kill(): Promise<void>;
}

export function startServerProcess(bin: string, args: string[], logPath: string, options: Pick<SpawnOptions, 'cwd' | 'env'> = {}): ServerProcess {
  const logStream = createWriteStream(logPath, { flags: 'a' });
  const child = spawn(bin, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(logStream);
  child.stderr?.pipe(logStream);
  let exited = false;
  const exit = new Promise<void>((done) =>
    child.once('exit', () => {
      exited = true;
      done();
    }),
  );
  // If the test process itself goes down (a crash, a time-out of the worker), the server goes with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const ended = async (signal: NodeJS.Signals, graceMs?: number) => {
    if (!exited) {
      child.kill(signal);
      const timer = graceMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    }
    process.removeListener('exit', killOnExit);
    logStream.end();
  };
  return {
    child,
    exited: () => exited,
    log: () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : ''),
    stop: () => ended('SIGTERM', 10_000),
    kill: () => ended('SIGKILL'),
  };
}

/** Resolves once `url` answers 200; stops the server and throws with its log's end if it exits first or takes over 30 s. */
export async function untilReady(server: ServerProcess, url: string, name: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exited()) throw new Error(`${name} exited at start:\n${server.log().slice(-4000)}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`${name} was not ready within 30 s:\n${server.log().slice(-4000)}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}
