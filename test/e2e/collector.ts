import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLines, type OtlpRequest } from '../../examples/shift/otlp-json.ts';
import { startServerProcess, untilReady } from './server-process.ts';
import { toolBinary } from './tools.ts';

const root = new URL('../..', import.meta.url).pathname;

/**
 * The collector binary: `OTELCOL_BIN` (the suites' global set-up builds the
 * collector once, before any test, and sets it), or the one
 * scripts/build-collector.sh builds (cached outside the repo).
 */
export const collectorBinary = (): Promise<string> => toolBinary('collector');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export type Signal = 'logs' | 'scorecards' | 'traces' | 'metrics';
const SIGNALS: Signal[] = ['logs', 'scorecards', 'traces', 'metrics'];

export interface RunningCollector {
  readonly ports: CollectorPorts;
  /** OTLP/HTTP base URL, e.g. http://127.0.0.1:43187 */
  readonly httpEndpoint: string;
  readonly grpcEndpoint: string;
  readonly dir: string;
  /** The OTLP export requests the file exporter wrote for a pipeline (complete lines only). */
  read(signal: Signal): OtlpRequest[];
  /** What the collector printed (for failure messages). */
  log(): string;
  /** Stops the collector (SIGTERM, then SIGKILL after 10 s); the file exporter flushes on the way out. */
  stop(): Promise<void>;
  /** Kills the collector at once (SIGKILL): a crash, nothing flushed. */
  kill(): Promise<void>;
}

export type { OtlpRequest };

/**
 * The test overlay: merged over collector-config.yaml (later --config files
 * win), it moves every listener to a free loopback port and sends every
 * pipeline to a file exporter instead of the backends.
 */
function overlay(dir: string, ports: { grpc: number; http: number; health: number }, exporters?: string): string {
  const files = SIGNALS.map((s) => `  file/${s}:\n    path: ${join(dir, `${s}.jsonl`)}\n    format: json\n    flush_interval: 100ms\n`).join('');
  return `receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:${ports.grpc}
      http:
        endpoint: 127.0.0.1:${ports.http}
extensions:
  health_check:
    endpoint: 127.0.0.1:${ports.health}
exporters:
${exporters ?? files}service:
  telemetry:
    metrics:
      level: none
${
  exporters
    ? ''
    : `  pipelines:
    logs/default:
      exporters: [file/logs]
    logs/scorecards:
      exporters: [file/scorecards]
    traces:
      exporters: [file/traces]
    metrics:
      exporters: [file/metrics]
`
}`;
}

export interface CollectorPorts {
  grpc: number;
  http: number;
  health: number;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Listen on these (to come back on the same address after a stop or a kill). */
  ports?: CollectorPorts;
  /** The working directory of an earlier run, to restart with its persistent queue. */
  dir?: string;
  /**
   * The `exporters:` section of the test overlay, instead of one file
   * exporter per pipeline; the pipelines' exporters then come from the
   * CC_*_EXPORTERS variables in `env`, as in production.
   */
  exporters?: string;
}

export async function startCollector(options: StartOptions = {}): Promise<RunningCollector> {
  const bin = await collectorBinary();
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'cc-collector-'));
  const ports = options.ports ?? { grpc: await freePort(), http: await freePort(), health: await freePort() };
  const overlayPath = join(dir, 'overlay.yaml');
  writeFileSync(overlayPath, overlay(dir, ports, options.exporters));
  // Each collector keeps its persistent sending queues in its own directory.
  const server = startServerProcess(bin, ['--config', join(root, 'collector-config.yaml'), '--config', overlayPath], join(dir, 'collector.log'), {
    env: { ...process.env, CC_QUEUE_DIRECTORY: join(dir, 'queue'), ...options.env },
  });

  const running: RunningCollector = {
    ports,
    httpEndpoint: `http://127.0.0.1:${ports.http}`,
    grpcEndpoint: `127.0.0.1:${ports.grpc}`,
    dir,
    log: server.log,
    read(signal) {
      const path = join(dir, `${signal}.jsonl`);
      if (!existsSync(path)) return [];
      return parseLines(readFileSync(path, 'utf8'));
    },
    stop: server.stop,
    kill: server.kill,
  };

  // Ready when the health_check extension answers 200.
  await untilReady(server, `http://127.0.0.1:${ports.health}/`, 'the collector');
  return running;
}
