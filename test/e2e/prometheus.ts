// A real Prometheus 3 for the end-to-end suite: started on a free loopback
// port with a fresh data directory and a generated configuration, its OTLP
// receiver on, queried through its HTTP API, and stopped (killed if need be)
// so that no process outlives the test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startCollector, type RunningCollector } from './collector.ts';
import { startServerProcess, untilReady } from './server-process.ts';
import { toolBinary } from './tools.ts';

/**
 * The Prometheus binary: `PROMETHEUS_BIN` (the e2e suite's global set-up
 * builds Prometheus once, before any test, and sets it), or the one
 * scripts/build-prometheus.sh builds (cached outside the repo).
 */
export const prometheusBinary = (): Promise<string> => toolBinary('prometheus');

export interface PrometheusOptions {
  /**
   * `storage.tsdb.out_of_order_time_window` (a Prometheus duration, e.g. `12h`).
   * Without it the TSDB refuses a sample older than its series' newest, and
   * one more than an hour older than the newest sample it holds at all (out
   * of bounds), and Prometheus then refuses the whole OTLP request (400): a
   * push of points spread over a past shift into a Prometheus that holds
   * current data is lost.
   */
  outOfOrderTimeWindow?: string;
  /** More of the configuration file, top-level YAML sections (e.g. an `otlp:` block). */
  config?: string;
  /** More command-line flags (e.g. `--enable-feature=…`). */
  flags?: string[];
}

/** One series of an instant query: its labels and its value at the query's time. */
export interface InstantSample {
  metric: Record<string, string>;
  /** Seconds since the epoch, as Prometheus gives it. */
  time: number;
  value: number;
}

/** One series of a range query: its labels and its values at each step. */
export interface RangeSeries {
  metric: Record<string, string>;
  values: Array<{ time: number; value: number }>;
}

export interface RunningPrometheus {
  /** The HTTP API's base URL, e.g. http://127.0.0.1:43187 */
  readonly url: string;
  /**
   * The OTLP receiver's base path, for an OTLP/HTTP exporter's `endpoint`
   * (which appends /v1/metrics): `${url}/api/v1/otlp`.
   */
  readonly otlpEndpoint: string;
  readonly dir: string;
  /** The configuration file it was started with. */
  readonly config: string;
  /** An instant query (`/api/v1/query`), at `time` (a Date or epoch ms) or now. */
  query(promql: string, time?: Date | number): Promise<InstantSample[]>;
  /** A range query (`/api/v1/query_range`) from `start` to `end`, one point per `stepSeconds`. */
  queryRange(promql: string, range: { start: Date | number; end: Date | number; stepSeconds: number }): Promise<RangeSeries[]>;
  /** The names of every metric it holds (`/api/v1/label/__name__/values`). */
  metricNames(): Promise<string[]>;
  /** The values of a label on the series of one metric, as Grafana's `label_values(metric, label)` asks for them. */
  labelValues(label: string, metric: string): Promise<string[]>;
  /** What Prometheus printed (for failure messages). */
  log(): string;
  /** Stops Prometheus (SIGTERM, then SIGKILL after 10 s) and removes its data. */
  stop(): Promise<void>;
}

const seconds = (time: Date | number) => (typeof time === 'number' ? time : time.getTime()) / 1000;

function configFile(options: PrometheusOptions): string {
  const tsdb = options.outOfOrderTimeWindow ? `storage:\n  tsdb:\n    out_of_order_time_window: ${options.outOfOrderTimeWindow}\n` : '';
  // No scrape jobs: everything it holds came in through OTLP.
  return `global:\n  evaluation_interval: 1m\n${tsdb}${options.config ?? ''}`;
}

interface ApiAnswer<T> {
  status: 'success' | 'error';
  data: T;
  error?: string;
  errorType?: string;
}

/** The `data` of an HTTP API answer; throws with Prometheus' reason (a bad query, …) otherwise. */
async function api<T>(url: string): Promise<T> {
  const response = await fetch(url);
  const text = await response.text();
  let body: ApiAnswer<T> | undefined;
  try {
    body = JSON.parse(text) as ApiAnswer<T>;
  } catch {
    // not the API's JSON: reported with the text below
  }
  if (body?.status !== 'success') throw new Error(`${url}: ${response.status} ${body ? `${body.errorType}: ${body.error}` : text.slice(0, 500)}`);
  return body.data;
}

export async function startPrometheus(options: PrometheusOptions = {}): Promise<RunningPrometheus> {
  const bin = await prometheusBinary();
  const dir = mkdtempSync(join(tmpdir(), 'cc-prometheus-'));
  const port = await freePort();
  const config = configFile(options);
  const configPath = join(dir, 'prometheus.yml');
  writeFileSync(configPath, config);
  const server = startServerProcess(
    bin,
    [`--config.file=${configPath}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--web.enable-otlp-receiver', ...(options.flags ?? [])],
    join(dir, 'prometheus.log'),
    { cwd: dir },
  );

  const url = `http://127.0.0.1:${port}`;
  const running: RunningPrometheus = {
    url,
    otlpEndpoint: `${url}/api/v1/otlp`,
    dir,
    config,
    async query(promql, time) {
      const params = new URLSearchParams({ query: promql });
      if (time !== undefined) params.set('time', String(seconds(time)));
      const data = await api<{ resultType: string; result: Array<{ metric: Record<string, string>; value: [number, string] }> }>(`${url}/api/v1/query?${params}`);
      if (data.resultType !== 'vector') throw new Error(`${promql}: a ${data.resultType}, not an instant vector`);
      return data.result.map(({ metric, value }) => ({ metric, time: value[0], value: Number(value[1]) }));
    },
    async queryRange(promql, { start, end, stepSeconds }) {
      const params = new URLSearchParams({ query: promql, start: String(seconds(start)), end: String(seconds(end)), step: String(stepSeconds) });
      const data = await api<{ result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> }>(`${url}/api/v1/query_range?${params}`);
      return data.result.map(({ metric, values }) => ({ metric, values: values.map(([time, value]) => ({ time, value: Number(value) })) }));
    },
    metricNames: () => api<string[]>(`${url}/api/v1/label/__name__/values`),
    labelValues: (label, metric) => api<string[]>(`${url}/api/v1/label/${encodeURIComponent(label)}/values?${new URLSearchParams({ 'match[]': metric })}`),
    log: server.log,
    async stop() {
      await server.stop();
      rmSync(join(dir, 'data'), { recursive: true, force: true });
    },
  };

  // Ready when /-/ready answers 200 (503 while the TSDB opens).
  try {
    await untilReady(server, `${url}/-/ready`, 'Prometheus');
  } catch (error) {
    await running.stop();
    throw error;
  }
  return running;
}

/** A collector with the production config's metrics pipeline to this Prometheus' OTLP receiver, and nothing else changed: no exporters of the tests, the shipped otlp_http/metrics exporter with its persistent queue. */
export function collectorToPrometheus(prometheus: RunningPrometheus): Promise<RunningCollector> {
  return startCollector({ exporters: '  {}\n', env: { CC_METRICS_EXPORTERS: '[otlp_http/metrics]', CC_METRICS_OTLP_ENDPOINT: prometheus.otlpEndpoint } });
}
