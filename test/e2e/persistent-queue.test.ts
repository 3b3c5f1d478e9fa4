// A collector killed (SIGKILL) while holding acknowledged data loses none of
// it: the production config's exporters queue on disk (file_storage), the
// receiver acknowledges only what is in that queue, and a restart sends it.
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { afterAll, describe, expect, it } from 'vitest';
import { logRecords } from '../../examples/shift/otlp-json.js';
import { freePort, startCollector, type RunningCollector } from './collector.js';

/** Counts the records the collector acknowledged (their exports succeeded). */
class AcknowledgedCounter implements LogRecordExporter {
  readonly acknowledged = new Set<string>();
  readonly inner: LogRecordExporter;
  constructor(inner: LogRecordExporter) {
    this.inner = inner;
  }
  export(records: ReadableLogRecord[], done: (result: ExportResult) => void): void {
    this.inner.export(records, (result) => {
      if (result.code === ExportResultCode.SUCCESS) for (const r of records) this.acknowledged.add(String(r.body));
      done(result);
    });
  }
  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the persistent sending queue', () => {
  const running: RunningCollector[] = [];
  afterAll(async () => {
    await Promise.all(running.map((c) => c.stop()));
  });

  it('keeps acknowledged data through a SIGKILL and delivers it after the restart', async () => {
    // The backend (a second collector writing files) is not up yet: everything the
    // front collector acknowledges waits in its queue on disk.
    const sinkPorts = { grpc: await freePort(), http: await freePort(), health: await freePort() };
    const sinkExporter = `  otlp_http/sink:
    endpoint: http://127.0.0.1:${sinkPorts.http}
    retry_on_failure:
      initial_interval: 200ms
      max_interval: 1s
      max_elapsed_time: 0
    sending_queue:
      storage: file_storage/queue
      batch:
        flush_timeout: 200ms
`;
    const env = {
      CC_PATIENT_DATA_GUARD: 'off',
      CC_LOGS_EXPORTERS: '[otlp_http/sink]',
      CC_SCORECARDS_EXPORTERS: '[otlp_http/sink]',
      CC_TRACES_EXPORTERS: '[otlp_http/sink]',
      CC_METRICS_EXPORTERS: '[otlp_http/sink]',
    };
    const front = await startCollector({ exporters: sinkExporter, env });
    running.push(front);

    const counter = new AcknowledgedCounter(new OTLPLogExporter({ url: `${front.httpEndpoint}/v1/logs` }));
    const provider = new LoggerProvider({ processors: [new BatchLogRecordProcessor({ exporter: counter, scheduledDelayMillis: 50, maxExportBatchSize: 100 })] });
    const logger = provider.getLogger('persistent-queue-e2e');
    for (let i = 0; i < 1000; i++) {
      logger.emit({ eventName: 'call_center.contact', body: `record-${i}` });
      if (i % 100 === 99) await sleep(50);
    }
    await provider.forceFlush();
    expect(counter.acknowledged.size).toBe(1000);

    await front.kill(); // a crash: nothing flushed
    const sink = await startCollector({ ports: sinkPorts });
    running.push(sink);
    running.push(await startCollector({ exporters: sinkExporter, env, ports: front.ports, dir: front.dir }));

    const received = () => new Set(logRecords(sink.read('logs')).map((r) => String(r.body)));
    const deadline = Date.now() + 30_000;
    while (received().size < counter.acknowledged.size && Date.now() < deadline) await sleep(250);
    const missing = [...counter.acknowledged].filter((body) => !received().has(body));
    expect(missing.length, `lost after SIGKILL: ${missing.slice(0, 5).join(', ')}`).toBe(0);
    await provider.shutdown();
  });
});
