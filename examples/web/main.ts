// The operator web app's OpenTelemetry set-up (3.x) with the call-center
// plugin. Bundle: npm run build:web (esbuild, platform browser) → dist/main.js.
// Query parameters: ?collector=http://127.0.0.1:4318 (default: this page's
// origin) &operator=op-17
import { context, logs, metrics, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, StackContextManager, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import {
  createDefaultSessionIdGenerator,
  createLocalStorageSessionStore,
  createSessionLogRecordProcessor,
  createSessionManager,
  createSessionSpanProcessor,
} from '@opentelemetry/web-common';
import {
  BreakType,
  CallCenter,
  CallCenterAction,
  CallCenterEventType,
  CallCenterInstrumentation,
  ContactChannel,
  ContactType,
  type LogIngestEventResult,
} from '@kenkai/instrumentation-call-center';
import { ConsolePanel } from './panel.ts';

const params = new URLSearchParams(location.search);
const collector = params.get('collector') ?? location.origin;
const operatorId = params.get('operator') ?? 'op-17';

// Events logged before the OpenTelemetry set-up below has run (a set-up loaded
// lazily, say) are held by the facade and emitted, with the time they were
// logged, by the first instance enabled: `{ ok: true, pending: true }`.
if (params.has('early')) {
  const early = { action: CallCenterAction.View, contact_id: 'early-1', contact_channel: ContactChannel.Call, contact_type: ContactType.FollowUp, transfer_id: 'none' };
  (globalThis as { earlyResult?: unknown }).earlyResult = { at: Date.now(), ...CallCenter.logIngestEvent(CallCenterEventType.Contact, early) };
}

const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'operator-console' });
// session.id on every span and log record, the same across reloads of the tab's console.
const sessions = createSessionManager({ sessionIdGenerator: createDefaultSessionIdGenerator(), sessionStore: createLocalStorageSessionStore() });
await sessions.start(); // takes up the stored session, if any
// Lists on the page what is emitted, collector or not (examples/web/panel.ts).
const panel = new ConsolePanel(document.getElementById('emitted')!, document.getElementById('open')!);
const tracerProvider = new TracerProvider({
  resource,
  spanProcessors: [createSessionSpanProcessor(sessions), panel, new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${collector}/v1/traces` }) })],
});
const loggerProvider = new LoggerProvider({
  resource,
  // Browser batch processors flush when the tab becomes hidden; the exporter uses fetch keepalive.
  processors: [createSessionLogRecordProcessor(sessions), panel, new BatchLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${collector}/v1/logs` }) })],
});
// Handle time, time to answer and holds: cumulative, every 10 s (no session.id on metrics: one series per tab would never end).
const meterProvider = new MeterProvider({
  resource,
  readers: [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: `${collector}/v1/metrics` }), exportIntervalMillis: 10_000 })],
});
context.setGlobalContextManager(new StackContextManager().enable()); // 3.x has no register(): set it yourself
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
trace.setGlobalTracerProvider(tracerProvider);
logs.setGlobalLoggerProvider(loggerProvider);
metrics.setGlobalMeterProvider(meterProvider);

// One operator is signed in per tab: the identity is set once.
const setUpCallCenter = () =>
  registerInstrumentations({
    instrumentations: [new CallCenterInstrumentation({ operator: { id: operatorId, name: 'Asha', team: 'night' } })],
  });
setUpCallCenter();
// A hot module reload runs the set-up again: the new instance takes over
// CallCenter and continues the contacts the previous one opened.
(globalThis as { setUpCallCenter?: () => void }).setUpCallCenter = setUpCallCenter;
// Unlike the span and log processors, the metric reader does not flush when the tab is hidden or goes away.
// Added after the set-up, so it runs after the plugin's own pagehide handler has recorded what it ends.
const flushMetrics = () => void meterProvider.forceFlush().catch(() => {});
addEventListener('pagehide', flushMetrics);
document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flushMetrics());

const $ = (id: string) => document.getElementById(id) as HTMLElement;
const show = (result: LogIngestEventResult, what: string) => {
  $('status').textContent = `${what}: ${result.ok ? 'logged' : 'rejected'}`;
  if (!result.ok) $('error').textContent = result.error.message;
};
const contact = (action: CallCenterAction) => ({
  action,
  contact_id: ($('contact-id') as HTMLInputElement).value,
  contact_channel: ContactChannel.Call,
  contact_type: ContactType.FollowUp,
  contact_sub_type: 'Some Sub Type',
  transfer_id: 'transferId',
});

for (const action of [CallCenterAction.Attend, CallCenterAction.Pause, CallCenterAction.Resume, CallCenterAction.Transfer, CallCenterAction.End]) {
  $(action).addEventListener('click', () => show(CallCenter.logIngestEvent(CallCenterEventType.Contact, contact(action)), `contact ${action}`));
}
$('break-start').addEventListener('click', () =>
  show(CallCenter.logIngestEvent(CallCenterEventType.Break, { type: BreakType.Tea, action: CallCenterAction.Start, total_time: 600, consumed_time: 0 }), 'break start'),
);
$('break-end').addEventListener('click', () =>
  show(CallCenter.logIngestEvent(CallCenterEventType.Break, { type: BreakType.Tea, action: CallCenterAction.End, total_time: 600, consumed_time: 540 }), 'break end'),
);
$('scorecard').addEventListener('click', () =>
  show(CallCenter.logIngestEvent(CallCenterEventType.OpsScorecard, { audit_count: 12, quality_score: 93.5, performance_group: 'moderate' }), 'scorecard'),
);
// The platform doc's Break example, as plain JavaScript would send it: `add` is not a break action.
$('invalid').addEventListener('click', () =>
  show(
    CallCenter.logIngestEvent(CallCenterEventType.Break, {
      type: BreakType.BioBreak,
      sub_type: 'Some Sub Type',
      action: CallCenterAction.Add,
      total_time: 10,
      consumed_time: 5,
    } as never),
    'doc break example',
  ),
);
$('status').textContent = `ready: operator ${operatorId}, exporting to ${collector}`;
