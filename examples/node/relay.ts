// A back-end relay: events of several operators arrive (here, simulated) and
// go through the plugin under NodeSDK. With OTEL_EXPORTER_OTLP_ENDPOINT set,
// everything is sent over OTLP/HTTP to that collector; without it, the
// telemetry is kept in memory and printed, so the example needs no network.
//
// Run: npm run demo   (builds the package, then runs this file on Node >= 22.15)
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchLogRecordProcessor, InMemoryLogRecordExporter, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { BatchSpanProcessor, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BreakType,
  CallCenter,
  CallCenterAction,
  CallCenterEventType,
  CallCenterInstrumentation,
  ContactChannel,
  ContactType,
  ATTR_OPERATOR_ID,
  type CallCenterOperator,
} from '@kenkai/instrumentation-call-center';

const otlp = Boolean(process.env.OTEL_EXPORTER_OTLP_ENDPOINT);
const logMemory = new InMemoryLogRecordExporter();
const spanMemory = new InMemorySpanExporter();
const metricMemory = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({
  exporter: otlp ? new OTLPMetricExporter() : metricMemory,
  exportIntervalMillis: 10_000,
});

const rejected: string[] = [];
const sdk = new NodeSDK({
  serviceName: 'call-center-relay',
  autoDetectResources: false,
  logRecordProcessors: [
    otlp ? new BatchLogRecordProcessor({ exporter: new OTLPLogExporter() }) : new SimpleLogRecordProcessor({ exporter: logMemory }),
  ],
  spanProcessors: [
    otlp ? new BatchSpanProcessor({ exporter: new OTLPTraceExporter() }) : new SimpleSpanProcessor({ exporter: spanMemory }),
  ],
  metricReaders: [reader],
  instrumentations: [new CallCenterInstrumentation({ onInvalidEvent: (error) => rejected.push(error.message) })],
});
sdk.start();

const operators: CallCenterOperator[] = [
  { id: 'op-17', name: 'Asha', team: 'night' },
  { id: 'op-23', name: 'Ravi', team: 'night' },
  { id: 'op-42', name: 'Mei', team: 'day' },
];
const channels = [ContactChannel.Call, ContactChannel.WhatsApp, ContactChannel.Email];

operators.forEach((operator, i) => {
  const contact = {
    contact_id: `c-${i + 1}`,
    contact_channel: channels[i] ?? ContactChannel.Other,
    contact_type: i === 0 ? ContactType.Emergency : ContactType.FollowUp,
    contact_start_time: new Date().toISOString(),
    transfer_id: 'none',
  };
  for (const action of [CallCenterAction.Attend, CallCenterAction.Pause, CallCenterAction.Resume]) {
    CallCenter.logIngestEvent(CallCenterEventType.Contact, { ...contact, action }, { operator });
  }
  CallCenter.logIngestEvent(
    CallCenterEventType.Contact,
    { ...contact, action: CallCenterAction.End, contact_duration: 95 + i * 30, contact_resolution: 'resolved' },
    { operator },
  );
});
const asha = operators[0];
CallCenter.logIngestEvent(CallCenterEventType.Break, { type: BreakType.Tea, action: CallCenterAction.Start, total_time: 600, consumed_time: 0 }, { operator: asha });
CallCenter.logIngestEvent(CallCenterEventType.Break, { type: BreakType.Tea, action: CallCenterAction.End, total_time: 600, consumed_time: 540 }, { operator: asha });
CallCenter.logIngestEvent(CallCenterEventType.OpsScorecard, { audit_count: 12, quality_score: 93.5, fatal_calls: 0, performance_group: 'high' }, { operator: asha });

// The platform doc's own Break example uses `add`, which is not a break action:
// it is rejected (and would not compile in TypeScript without the cast).
CallCenter.logIngestEvent(CallCenterEventType.Break, {
  type: BreakType.BioBreak,
  sub_type: 'Some Sub Type',
  action: CallCenterAction.Add as never,
  total_time: 10,
  consumed_time: 5,
});

await reader.forceFlush();
if (otlp) {
  await sdk.shutdown();
  console.log(`sent to ${process.env.OTEL_EXPORTER_OTLP_ENDPOINT}; rejected ${rejected.length}`);
} else {
  const records = logMemory.getFinishedLogRecords();
  console.log(`log records emitted: ${records.length}`);
  for (const r of records) {
    const operator = r.attributes[ATTR_OPERATOR_ID] ?? '-';
    console.log(`  ${r.eventName?.padEnd(26)} ${String(operator).padEnd(6)} ${String(r.body)}`);
  }
  console.log(`spans emitted: ${spanMemory.getFinishedSpans().length}`);
  console.log('metrics:');
  for (const scope of metricMemory.getMetrics().at(-1)?.scopeMetrics ?? []) {
    for (const metric of scope.metrics) {
      for (const point of metric.dataPoints) {
        const value = typeof point.value === 'number' ? point.value : JSON.stringify(point.value);
        console.log(`  ${metric.descriptor.name} ${JSON.stringify(point.attributes)} = ${value}`);
      }
    }
  }
  console.log(`rejected events: ${rejected.length}`);
  for (const message of rejected) console.log(`  ${message}`);
  await sdk.shutdown();
}
