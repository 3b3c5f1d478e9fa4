// Global set-up of the end-to-end and browser suites: builds the collector
// once, before any test, with its progress on the console and no test
// timeout on it (a cold build takes minutes); fails the run with a clear
// message if it cannot be built. At the end, checks that no test left a
// collector or a child process behind (and ends them if one did).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

/**
 * Marks every process this run starts: the workers inherit it from the set-up,
 * and the collectors and scripts the tests start inherit it from them.
 * Matching by binary path instead also caught another checkout's run of the
 * same cached collector on this machine, and killed its processes.
 */
const RUN_MARK = 'CC_E2E_RUN';
const mark = `${process.pid}-${randomUUID()}`;

/** Processes still running with this run's mark, as `pid args` lines (Linux /proc; none found elsewhere). */
function leftovers(): string[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  } catch {
    return [];
  }
  const entry = `${RUN_MARK}=${mark}`;
  return pids.flatMap((pid) => {
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(entry)) return [];
      return [`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()}`];
    } catch {
      return []; // gone, or not ours to read
    }
  });
}

export async function setup(): Promise<void> {
  process.env[RUN_MARK] = mark;
  process.stderr.write('e2e: building (or finding) the collector before any test…\n');
  const started = Date.now();
  const stdout: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    // Its progress goes to stderr, straight to the console; the path is the last line of stdout.
    const child = spawn('bash', [join(root, 'scripts/build-collector.sh')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk.toString()));
    child.on('exit', resolve);
  });
  const bin = stdout.join('').trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !existsSync(bin)) {
    throw new Error(`e2e: the collector could not be built (scripts/build-collector.sh exited ${code}); see its messages above. Set OTELCOL_BIN to use a collector you have.`);
  }
  process.env.OTELCOL_BIN = bin;
  process.stderr.write(`e2e: collector ready in ${Math.round((Date.now() - started) / 1000)} s: ${bin}\n`);
}

export async function teardown(): Promise<void> {
  const left = leftovers();
  if (left.length === 0) return;
  for (const line of left) {
    const pid = Number(line.split(/\s+/)[0]);
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  throw new Error(`e2e: tests left ${left.length} process(es) behind (now killed):\n${left.join('\n')}`);
}
