// The real programs the end-to-end and browser suites start, and how each is
// had: the binary its environment variable names, or the one its script
// builds (cached outside the repository). The suites' global set-up builds
// them once, before any test, and sets the variables.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

export interface Tool {
  /** As the messages name it. */
  name: string;
  /** Prints the binary's path as its last stdout line, its progress on stderr. */
  script: string;
  /** Names the binary to use; the script takes it as "use this one", the set-up sets it for the tests. */
  env: string;
}

export const TOOLS = {
  collector: { name: 'the collector', script: 'scripts/build-collector.sh', env: 'OTELCOL_BIN' },
  prometheus: { name: 'Prometheus', script: 'scripts/build-prometheus.sh', env: 'PROMETHEUS_BIN' },
} satisfies Record<string, Tool>;

export type ToolName = keyof typeof TOOLS;

/** Runs a tool's build script, its progress on this process's stderr; resolves to the binary's absolute path. */
export async function buildTool(name: ToolName): Promise<string> {
  const tool: Tool = TOOLS[name];
  const stdout: string[] = [];
  const code = await new Promise<number | null>((done) => {
    const child = spawn('bash', [join(root, tool.script)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk.toString()));
    child.on('exit', done);
  });
  const bin = stdout.join('').trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !existsSync(bin)) {
    throw new Error(`${tool.name} could not be built (${tool.script} exited ${code}); see its messages above. Set ${tool.env} to use one you have.`);
  }
  return resolve(bin);
}

/** A tool's binary, by its full path: the one its variable names, else built. */
export async function toolBinary(name: ToolName): Promise<string> {
  const given = process.env[TOOLS[name].env];
  return given && existsSync(given) ? resolve(given) : buildTool(name);
}
