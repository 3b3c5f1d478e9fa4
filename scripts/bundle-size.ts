// What the plugin adds to a browser bundle: the operator web app's
// OpenTelemetry set-up bundled with and without the plugin (esbuild,
// platform browser, minified, then gzip -9). The OpenTelemetry SDK is in both,
// so the difference is the plugin and what only it pulls in (the semantic conventions constants it uses).
//
//   npm run size               prints the table
//   npm run size -- --json     prints JSON (used by the tests and the benchmarks)
//   npm run size -- --modules  also what each of the plugin's modules costs in
//                              that bundle: its minified bytes (esbuild's
//                              metafile) and what it adds to the gzip: the
//                              bundle's gzip size less that of the same bundle
//                              with the module's code cut out (found through
//                              the source map)
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));

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

interface Built {
  minified: number;
  gzipped: number;
  /** With --modules: per input file of the plugin, its minified bytes and its share of the gzip. */
  modules?: Array<{ module: string; minified: number; gzipped: number }>;
}

const gzip = (code: Uint8Array | string) => gzipSync(code, { level: 9 }).length;

async function size(contents: string, external: string[] = [], modules = false): Promise<Built> {
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
    metafile: modules,
    sourcemap: modules ? 'external' : false,
    outfile: 'bundle.js',
  });
  const out = result.outputFiles.find((f) => f.path.endsWith('.js'))!;
  const built: Built = { minified: out.contents.length, gzipped: gzip(out.contents) };
  if (modules) built.modules = moduleCosts(out.text, result.outputFiles.find((f) => f.path.endsWith('.map'))!.text, result.metafile!, built.gzipped);
  return built;
}

/** Base64 VLQ, as source maps write their mappings. */
function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** Each plugin module's minified bytes, and what its code adds to the bundle's gzip size. */
function moduleCosts(code: string, sourceMap: string, metafile: Metafile, gzipped: number) {
  const map = JSON.parse(sourceMap) as { sources: string[]; mappings: string };
  // The source of each run of generated code, from one mapping segment to the next.
  const owner = new Int32Array(code.length).fill(-1);
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  let source = 0;
  let previous: { at: number; source: number } | undefined;
  map.mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const [dc = 0, ds] = decodeVlq(segment);
      column += dc;
      if (ds === undefined) continue;
      source += ds;
      const at = lineStarts[lineIndex]! + column;
      if (previous) owner.fill(previous.source, previous.at, at);
      previous = { at, source };
    }
  });
  if (previous) owner.fill(previous.source, previous.at, code.length);
  const ours = (path: string) => !path.includes('node_modules/') || path.includes('@opentelemetry/semantic-conventions');
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined || Object.keys(o.inputs).length > 0)!;
  return Object.entries(output.inputs)
    .filter(([path]) => ours(path) && path !== '<stdin>')
    .map(([path, { bytesInOutput }]) => {
      // The map names the TypeScript sources behind dist/ (esbuild follows dist's own source maps).
      const stem = path
        .replace(/^(\.\.\/)*(dist\/)?/, '')
        .replace(/^node_modules\/@opentelemetry\/semantic-conventions\/dist\//, '')
        .replace(/\.m?js$/, '');
      const index = path.includes('node_modules/') ? map.sources.findIndex((s) => s.endsWith(`semantic-conventions/src/${stem}.ts`)) : map.sources.indexOf(`src/${stem}.ts`);
      const kept = [...code].filter((_, i) => owner[i] !== index).join('');
      return { module: path.replace(/^.*?(dist\/|node_modules\/)/, ''), minified: bytesInOutput, gzipped: index === -1 ? 0 : gzipped - gzip(kept) };
    })
    .sort((a, b) => b.gzipped - a.gzipped);
}

const base = await size(SDK);
const withPlugin = await size(SDK + PLUGIN, [], process.argv.includes('--modules'));
const alone = await size(PLUGIN.replace(/registerInstrumentations\(.*\);/, 'new CallCenterInstrumentation();'), ['@opentelemetry/api']);
const report = {
  sdkOnly: base,
  sdkWithPlugin: { minified: withPlugin.minified, gzipped: withPlugin.gzipped },
  pluginAdds: { minified: withPlugin.minified - base.minified, gzipped: withPlugin.gzipped - base.gzipped },
  pluginAlone: alone,
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(withPlugin.modules ? { ...report, modules: withPlugin.modules } : report));
} else {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log('bundle (esbuild, platform browser, minified)   minified   gzip -9');
  console.log(`OpenTelemetry web SDK set-up                   ${kb(base.minified).padStart(9)}  ${kb(base.gzipped).padStart(8)}`);
  console.log(`  + @kenkai/instrumentation-call-center        ${kb(withPlugin.minified).padStart(9)}  ${kb(withPlugin.gzipped).padStart(8)}`);
  console.log(`what the plugin adds                           ${kb(report.pluginAdds.minified).padStart(9)}  ${kb(report.pluginAdds.gzipped).padStart(8)}`);
  console.log(`the plugin alone (@opentelemetry/api external) ${kb(alone.minified).padStart(9)}  ${kb(alone.gzipped).padStart(8)}`);
  if (withPlugin.modules) {
    console.log('\nthe plugin modules in that bundle             minified   adds to the gzip');
    for (const m of withPlugin.modules) console.log(`  ${m.module.padEnd(42)} ${String(m.minified).padStart(7)} B  ${String(m.gzipped).padStart(7)} B`);
    const sum = withPlugin.modules.reduce((a, m) => a + m.gzipped, 0);
    console.log(`  (the modules' gzip shares sum to ${sum} B: gzip shares what repeats across modules)`);
  }
}
