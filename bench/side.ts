// One side of a benchmark in its own worker thread (its own V8 isolate): the
// plugin of a build, or the bare SDK. In one isolate the two sides share the
// SDK's code, and with it V8's inline caches: which side the SDK's code saw
// first, and how often, made the same side 1.06x or 1.7x from one round to
// the next. Alone, each side runs as it would in an application.
//
// The parent asks for a row by message; the worker measures it with tinybench
// and answers with its median per event. See bench/sides.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import { BareSdk, bareTask, OPERATOR_ID, pluginTask, ROWS, sdkSetup, type Row, type Task } from './rows.ts';

export interface SideData {
  /** The bare SDK, or the plugin built in this directory's dist/. */
  readonly side: 'bare' | { readonly plugin: string };
  readonly batch: number;
}

export interface SideRequest {
  readonly row: Row;
  readonly time: number;
  readonly warmupTime: number;
}

const { side, batch } = workerData as SideData;
const sdk = sdkSetup();
let tasks: Record<Row, Task>;
if (side === 'bare') {
  const bare = new BareSdk(sdk);
  tasks = Object.fromEntries(ROWS.map((row) => [row, bareTask(bare, row)])) as Record<Row, Task>;
} else {
  const { CallCenterInstrumentation } = (await import(pathToFileURL(`${side.plugin}/dist/index.js`).href)) as typeof import('@kenkai/instrumentation-call-center');
  const cc = new CallCenterInstrumentation({ operator: { id: OPERATOR_ID } });
  cc.setLoggerProvider(sdk.loggerProvider);
  cc.setTracerProvider(sdk.tracerProvider);
  cc.setMeterProvider(sdk.meterProvider);
  tasks = Object.fromEntries(ROWS.map((row) => [row, pluginTask(cc, row)])) as Record<Row, Task>;
}

parentPort!.on('message', async ({ row, time, warmupTime }: SideRequest) => {
  const task = tasks[row];
  const bench = new Bench({ time, warmupTime });
  bench.add(row, () => task(batch));
  await bench.run();
  const latency = (bench.tasks[0]!.result as { latency?: { p50: number } }).latency;
  parentPort!.postMessage(((latency?.p50 ?? NaN) * 1e6) / batch);
});
parentPort!.postMessage('ready');
