// examples/node/relay.ts as a child process of a test, pointed at a collector.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

export interface RelayProcess {
  /** http://127.0.0.1:<port> */
  readonly base: string;
  readonly child: ChildProcess;
  /** Resolves when the process has exited, with how. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Still running: not exited, not killed. */
  running(): boolean;
  /** What it printed on stderr (for failure messages). */
  stderr(): string;
  /** POSTs a JSON body (or raw bytes) to /events; the answer's status and parsed JSON. */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; type: string | null; json: unknown }>;
}

const live = new Set<ChildProcess>();

/** Starts the relay on a free port; resolves once it listens. */
export async function startRelay(otlpEndpoint: string, env: Record<string, string> = {}): Promise<RelayProcess> {
  // By its full path; its environment (process.env) carries the run's mark that the e2e suite's check for processes left behind looks for.
  const child = spawn(process.execPath, [join(root, 'examples/node/relay.ts')], {
    cwd: root,
    env: { ...process.env, PORT: '0', OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    }),
  );
  const base = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/[^/\s]+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then(({ code, signal }) => reject(new Error(`relay exited before listening (${code ?? signal}):\n${stderr}`)));
  });
  return {
    base,
    child,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
    stderr: () => stderr,
    async post(body, headers = {}) {
      const response = await fetch(`${base}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = { notJson: text };
      }
      return { status: response.status, type: response.headers.get('content-type'), json };
    },
  };
}

/** Kills (SIGKILL) every relay a test started that is still running: for `finally` / `afterAll`. */
export async function killRelays(): Promise<void> {
  const waits = [...live].map((child) => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    return exited;
  });
  await Promise.all(waits);
}
