// Memory: bytes per open contact and per open break (the instrumentation's
// state plus the SDK span each holds), per open contact that has received 10
// span events, and the heap retained after contacts are attended and ended
// (100 000 without events; 3 000 with 40 events each, which shows whether
// what is remembered about recently ended contacts holds span objects).
// Needs node --expose-gc.
import { ExportResultCode } from '@opentelemetry/core';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { CallCenterInstrumentation, type ContactAction } from '@kenkai/instrumentation-call-center';
import { EVENTS } from './micro.ts';

const discard = { export: (_: unknown, done: (r: { code: number }) => void) => done({ code: ExportResultCode.SUCCESS }), forceFlush: async () => {}, shutdown: async () => {} };

async function heap(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  await new Promise((r) => setTimeout(r, 50)); // let the SDK settle its exports
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** An instrumentation on providers that export nothing: what stays on the heap is the plugin's (and its open spans'). */
function instrumentation() {
  const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: discard as never })] });
  const loggerProvider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: discard as never })] });
  const cc = new CallCenterInstrumentation({ maxOpenContacts: 1_000_000, maxOpenBreaks: 1_000_000 });
  cc.setTracerProvider(tracerProvider);
  cc.setLoggerProvider(loggerProvider);
  const shutdown = async () => {
    cc.disable();
    await Promise.all([tracerProvider.shutdown(), loggerProvider.shutdown()]);
  };
  return { cc, shutdown };
}

/** The actions that keep a contact open, in the order a contact tends to see them; each becomes a span event. */
const NON_ENDING: ContactAction[] = ['pause', 'resume', 'update', 'transfer', 'view', 'other'];

/** A realistic contact (10 fields) for one operator: attend, `events` non-ending actions, then end if asked. */
function driveContact(cc: CallCenterInstrumentation, id: string, events: number, end: boolean): void {
  const operator = { operator: { id: 'op-1' } };
  cc.logIngestEvent('contact', { ...EVENTS.contact, contact_id: id, action: 'attend' }, operator);
  for (let e = 0; e < events; e++) cc.logIngestEvent('contact', { ...EVENTS.contact, contact_id: id, action: NON_ENDING[e % NON_ENDING.length]! }, operator);
  if (end) cc.logIngestEvent('contact', { ...EVENTS.contact, contact_id: id, action: 'end' }, operator);
}

/** The original rows: open contacts and breaks without events, and 100 000 contacts that come and go. */
async function countRows() {
  const { cc, shutdown } = instrumentation();
  const contact = (id: string, action: 'attend' | 'end') =>
    cc.logIngestEvent(
      'contact',
      { contact_id: id, action, contact_type: 'follow_up', contact_channel: 'call', contact_is_priority: false, transfer_id: 'none' },
      { operator: { id: 'op-1' } },
    );
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
  await shutdown();
  return {
    bytesPerOpenContact: Math.round((withContacts - base) / N),
    bytesPerOpenBreak: Math.round((withBreaks - withContacts) / N),
    heapAfter100kClosedContactsBytes: after - baseline,
  };
}

/** Bytes per open contact that has received 10 span events, over 5 000 such contacts. */
async function openContactWith10Events(): Promise<number> {
  const { cc, shutdown } = instrumentation();
  // Warm up with the same traffic (contacts ended, so nothing stays open).
  for (let i = 0; i < 500; i++) driveContact(cc, `w${i}`, 10, true);
  const N = 5_000;
  const base = await heap();
  for (let i = 0; i < N; i++) driveContact(cc, `o${i}`, 10, false);
  const open = await heap();
  await shutdown();
  return Math.round((open - base) / N);
}

/**
 * Heap retained after 3 000 contacts with 40 span events each were attended
 * and ended, over a fresh instance's baseline (the code paths are warm from
 * the rows before; a warm-up here would put ended contacts in the baseline).
 */
async function closedContactsWith40Events(): Promise<number> {
  const { cc, shutdown } = instrumentation();
  const baseline = await heap();
  for (let i = 0; i < 3_000; i++) driveContact(cc, `c${i}`, 40, true);
  const after = await heap();
  await shutdown();
  return after - baseline;
}

export async function runMemory(): Promise<{
  bytesPerOpenContact: number;
  bytesPerOpenBreak: number;
  heapAfter100kClosedContactsBytes: number;
  bytesPerOpenContactWith10Events: number;
  heapAfter3kClosedContactsWith40EventsBytes: number;
}> {
  // One after another, each on its own instance: a row's leftovers are garbage before the next baseline.
  const counts = await countRows();
  const bytesPerOpenContactWith10Events = await openContactWith10Events();
  const heapAfter3kClosedContactsWith40EventsBytes = await closedContactsWith40Events();
  return { ...counts, bytesPerOpenContactWith10Events, heapAfter3kClosedContactsWith40EventsBytes };
}
