// Global set-up of the end-to-end and browser suites: builds the collector
// once, before any test, with its progress on the console and no test
// timeout on it (a cold build takes minutes); fails the run with a clear
// message if it cannot be built. At the end, checks that no test left a
// collector or a child process behind (and ends them if one did).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

/** Processes of this checkout's suites: collectors and the scripts the tests run. */
function leftovers(bin: string): string[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const mine = [bin, join(root, 'test/e2e/'), join(root, 'examples/'), join(root, 'scripts/build-collector.sh')];
  return out
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && mine.some((m) => line.includes(m)) && !line.includes(' ps -eo'));
}

let bin = '';

export async function setup(): Promise<void> {
  process.stderr.write('e2e: building (or finding) the collector before any test…\n');
  const started = Date.now();
  const stdout: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    // Its progress goes to stderr, straight to the console; the path is the last line of stdout.
    const child = spawn('bash', [join(root, 'scripts/build-collector.sh')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk.toString()));
    child.on('exit', resolve);
  });
  bin = stdout.join('').trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !existsSync(bin)) {
    throw new Error(`e2e: the collector could not be built (scripts/build-collector.sh exited ${code}); see its messages above. Set OTELCOL_BIN to use a collector you have.`);
  }
  process.env.OTELCOL_BIN = bin;
  process.stderr.write(`e2e: collector ready in ${Math.round((Date.now() - started) / 1000)} s: ${bin}\n`);
}

export async function teardown(): Promise<void> {
  const left = leftovers(bin);
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
