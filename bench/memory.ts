// Memory: bytes per open contact and per open break (the instrumentation's
// state plus the SDK span each holds), and the heap after 100 000 contacts
// attended and ended, against the baseline. Needs node --expose-gc.
import { ExportResultCode } from '@opentelemetry/core';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { CallCenterInstrumentation } from '@kenkai/instrumentation-call-center';

const discard = { export: (_: unknown, done: (r: { code: number }) => void) => done({ code: ExportResultCode.SUCCESS }), forceFlush: async () => {}, shutdown: async () => {} };

async function heap(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  await new Promise((r) => setTimeout(r, 50)); // let the SDK settle its exports
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export async function runMemory(): Promise<{ bytesPerOpenContact: number; bytesPerOpenBreak: number; heapAfter100kClosedContactsBytes: number }> {
  const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: discard as never })] });
  const loggerProvider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: discard as never })] });
  const cc = new CallCenterInstrumentation({ maxOpenContacts: 1_000_000, maxOpenBreaks: 1_000_000 });
  cc.setTracerProvider(tracerProvider);
  cc.setLoggerProvider(loggerProvider);
  const contact = (id: string, action: 'attend' | 'end') =>
    cc.logIngestEvent('contact', { contact_id: id, action, contact_type: 'follow_up', contact_channel: 'call', contact_is_priority: false, transfer_id: 'none' }, { operator: { id: 'op-1' } });
  // Warm up the code paths, then measure.
  for (let i = 0; i < 2000; i++) {
    contact(`w${i}`, 'attend');
    contact(`w${i}`, 'end');
  }
  const N = 20_000;
  const base = await heap();
  for (let i = 0; i < N; i++) contact(`o${i}`, 'attend');
  const withContacts = await heap();
  for (let i = 0; i < N; i++) cc.logIngestEvent('break', { type: 'tea', action: 'start', total_time: 600, consumed_time: 0 }, { operator: { id: `op-${i}` } });
  const withBreaks = await heap();
  cc.disable(); // ends them all
  cc.enable();
  const baseline = await heap();
  for (let i = 0; i < 100_000; i++) {
    contact(`c${i}`, 'attend');
    contact(`c${i}`, 'end');
  }
  const after = await heap();
  cc.disable();
  await Promise.all([tracerProvider.shutdown(), loggerProvider.shutdown()]);
  return {
    bytesPerOpenContact: Math.round((withContacts - base) / N),
    bytesPerOpenBreak: Math.round((withBreaks - withContacts) / N),
    heapAfter100kClosedContactsBytes: after - baseline,
  };
}
