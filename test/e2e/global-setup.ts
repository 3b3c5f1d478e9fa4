// Global set-up of the end-to-end suite (and, through binariesSetup, of the
// browser suite): builds the real programs the tests start, once, before any
// test, with their progress on the console and no test timeout on them (a cold
// build takes minutes); fails the run with a clear message if one cannot be
// built. The builds run side by side: on a cold machine each is minutes of
// module downloads and compiling. Each binary's path reaches the tests in an
// environment variable (OTELCOL_BIN, PROMETHEUS_BIN). At the end, checks that
// no test left one of these programs or a child process behind (and ends them
// if one did).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTool, TOOLS, type ToolName } from './tools.ts';

/**
 * Marks every process this run starts: the workers inherit it from the set-up,
 * and the collectors, Prometheus and scripts the tests start inherit it from
 * them. Matching by binary path instead would also catch another checkout's
 * run of the same cached binaries on this machine, and kill its processes.
 */
const RUN_MARK = 'CC_E2E_RUN';

/** Processes still running with this run's mark, as `pid args` lines (Linux /proc; none found elsewhere). */
function leftovers(mark: string): string[] {
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

/** Builds (or finds) a tool, saying how long it took. */
async function build(name: ToolName): Promise<string> {
  const started = Date.now();
  const bin = await buildTool(name);
  process.stderr.write(`e2e: ${TOOLS[name].name} ready in ${Math.round((Date.now() - started) / 1000)} s: ${bin}\n`);
  return bin;
}

/** The set-up and teardown for a suite that starts these tools. */
export function binariesSetup(names: ToolName[]): { setup(): Promise<void>; teardown(): Promise<void> } {
  const mark = `${process.pid}-${randomUUID()}`;
  let runDir: string | undefined;
  return {
    async setup() {
      process.env[RUN_MARK] = mark;
      // Every temporary folder of the run (collectors', Prometheus', the demos' outputs) goes under one,
      // removed at the end: os.tmpdir() reads TMPDIR, which the workers and what they start inherit.
      runDir = mkdtempSync(join(tmpdir(), 'cc-e2e-run-'));
      process.env.TMPDIR = runDir;
      process.stderr.write(`e2e: building (or finding) ${names.map((n) => TOOLS[n].name).join(' and ')} before any test…\n`);
      // Every build runs to its end even when another fails, so no script is left running.
      const results = await Promise.allSettled(names.map(build));
      const failed = results.flatMap((r) => (r.status === 'rejected' ? [`e2e: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`] : []));
      if (failed.length > 0) throw new Error(failed.join('\n'));
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') process.env[TOOLS[names[i]!].env] = r.value;
      });
    },
    async teardown() {
      const left = leftovers(mark);
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
      if (runDir) rmSync(runDir, { recursive: true, force: true });
      if (left.length === 0) return;
      throw new Error(`e2e: tests left ${left.length} process(es) behind (now killed):\n${left.join('\n')}`);
    },
  };
}

// The end-to-end suite starts collectors and Prometheus.
export const { setup, teardown } = binariesSetup(['collector', 'prometheus']);
