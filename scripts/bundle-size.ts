// What the plugin adds to a browser bundle: the operator web app's
// OpenTelemetry set-up bundled with and without the plugin (esbuild,
// platform browser, minified, then gzip -9). The OpenTelemetry SDK is in both,
// so the difference is the plugin and what only it pulls in (the semantic conventions constants it uses).
//
//   npm run size            prints the table
//   npm run size -- --json  prints JSON (used by the tests and the benchmarks)
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;

const SDK = `
import { context, logs, trace } from '@opentelemetry/api';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { BatchSpanProcessor, StackContextManager, TracerProvider } from '@opentelemetry/sdk-trace';
trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })] }));
logs.setGlobalLoggerProvider(new LoggerProvider({ processors: [new BatchLogRecordProcessor({ exporter: new OTLPLogExporter() })] }));
context.setGlobalContextManager(new StackContextManager().enable());
`;
const PLUGIN = `
import { CallCenter, CallCenterInstrumentation } from '@kenkai/instrumentation-call-center';
registerInstrumentations({ instrumentations: [new CallCenterInstrumentation({ operator: { id: 'op-1' } })] });
globalThis.log = (type, event) => CallCenter.logIngestEvent(type, event);
`;

async function size(contents: string, external: string[] = []): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    external,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

const base = await size(SDK);
const withPlugin = await size(SDK + PLUGIN);
const alone = await size(PLUGIN.replace(/registerInstrumentations\(.*\);/, 'new CallCenterInstrumentation();'), ['@opentelemetry/api']);
const report = {
  sdkOnly: base,
  sdkWithPlugin: withPlugin,
  pluginAdds: { minified: withPlugin.minified - base.minified, gzipped: withPlugin.gzipped - base.gzipped },
  pluginAlone: alone,
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(report));
} else {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log('bundle (esbuild, platform browser, minified)   minified   gzip -9');
  console.log(`OpenTelemetry web SDK set-up                   ${kb(base.minified).padStart(9)}  ${kb(base.gzipped).padStart(8)}`);
  console.log(`  + @kenkai/instrumentation-call-center        ${kb(withPlugin.minified).padStart(9)}  ${kb(withPlugin.gzipped).padStart(8)}`);
  console.log(`what the plugin adds                           ${kb(report.pluginAdds.minified).padStart(9)}  ${kb(report.pluginAdds.gzipped).padStart(8)}`);
  console.log(`the plugin alone (@opentelemetry/api external) ${kb(alone.minified).padStart(9)}  ${kb(alone.gzipped).padStart(8)}`);
}
