import { report } from '../diag.js';
import { INSTRUMENTATION_SCOPE } from '../semconv.js';
import { savedHolds, type Holds } from './holds.js';
import type { OpenSpan } from './open-spans.js';

/** What is kept of an open contact or break across a page load: ids and times, never attributes. */
export interface SavedSpan {
  readonly kind: 'contact' | 'break';
  readonly operatorKey: string;
  readonly idKey: string;
  /** The original attend or start, epoch ms: handle time and break duration are measured from it. */
  readonly startMs: number;
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
  /** The segment the page that saved it had open (1 for the first). */
  readonly segment: number;
  readonly channel: string;
  readonly type: string;
  readonly operatorId: string | undefined;
  /** A contact's holds so far, the open one included: hold time is measured across pages. */
  readonly holds?: Holds;
  /** Whether a break has overrun (consumed over total) so far. */
  readonly overrun?: boolean;
}

/** What is saved of an open span. */
export function toSaved(kind: SavedSpan['kind'], entry: OpenSpan, channel: string, type: string, operatorId: string | undefined): SavedSpan {
  const { traceId, spanId, traceFlags } = entry.span.spanContext();
  return { kind, operatorKey: entry.operatorKey, idKey: entry.idKey, startMs: entry.startMs, traceId, spanId, traceFlags, segment: entry.segment, channel, type, operatorId };
}

const KEY = `${INSTRUMENTATION_SCOPE}/open-spans`;
/** At most this many entries are saved (an operator has a contact or two and a break open, not hundreds). */
export const MAX_SAVED = 100;
const HEX = (n: number) => new RegExp(`^[0-9a-f]{${n}}$`);
const TRACE_ID = HEX(32);
const SPAN_ID = HEX(16);

type Storage = { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };

/** The page's sessionStorage, or undefined where there is none or it may not be used (private mode, sandboxed frames, Node). */
function storage(): Storage | undefined {
  try {
    const s = (globalThis as { sessionStorage?: Storage }).sessionStorage;
    return s && typeof s.getItem === 'function' ? s : undefined;
  } catch {
    return undefined;
  }
}

/** Saves the first `MAX_SAVED` of these spans for the next page in this tab; returns how many were saved (0 with no storage, or over quota). */
export function saveOpenSpans(spans: readonly SavedSpan[]): number {
  const s = storage();
  if (!s || spans.length === 0) return 0;
  const kept = spans.slice(0, MAX_SAVED);
  try {
    s.setItem(KEY, JSON.stringify({ v: 1, spans: kept }));
    return kept.length;
  } catch (cause) {
    report('warn', 'open contacts and breaks could not be saved for the next page (sessionStorage full or refused); they were ended instead', cause);
    return 0;
  }
}

/** A saved entry read back: a clean copy of the fields this module writes, or undefined unless each is one it could have written. */
function savedSpan(x: unknown): SavedSpan | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const e = x as Record<string, unknown>;
  const holds = e.holds === undefined ? undefined : savedHolds(e.holds);
  const valid =
    (e.kind === 'contact' || e.kind === 'break') &&
    typeof e.operatorKey === 'string' &&
    typeof e.idKey === 'string' &&
    typeof e.startMs === 'number' &&
    Number.isFinite(e.startMs) &&
    typeof e.traceId === 'string' &&
    TRACE_ID.test(e.traceId) &&
    typeof e.spanId === 'string' &&
    SPAN_ID.test(e.spanId) &&
    typeof e.traceFlags === 'number' &&
    Number.isSafeInteger(e.segment) &&
    (e.segment as number) >= 1 &&
    typeof e.channel === 'string' &&
    typeof e.type === 'string' &&
    (e.operatorId === undefined || typeof e.operatorId === 'string') &&
    (e.holds === undefined || holds !== undefined) &&
    (e.overrun === undefined || typeof e.overrun === 'boolean');
  if (!valid) return undefined;
  const { kind, operatorKey, idKey, startMs, traceId, spanId, traceFlags, segment, channel, type, operatorId } = e as unknown as SavedSpan;
  return {
    kind,
    operatorKey,
    idKey,
    startMs,
    traceId,
    spanId,
    traceFlags,
    segment,
    channel,
    type,
    operatorId,
    ...(holds && { holds }),
    ...(e.overrun === true && { overrun: true }),
  };
}

/**
 * What the previous page in this tab saved, taken (removed) so that it is
 * restored once. Foreign or corrupted content is ignored, with a warning.
 */
export function takeSavedSpans(): SavedSpan[] {
  const s = storage();
  if (!s) return [];
  let raw: string | null;
  try {
    raw = s.getItem(KEY);
    if (raw === null) return [];
    s.removeItem(KEY);
  } catch {
    return [];
  }
  try {
    const parsed = JSON.parse(raw) as { v?: unknown; spans?: unknown };
    if (parsed?.v !== 1 || !Array.isArray(parsed.spans)) throw new Error('not the format this version saves');
    const spans = parsed.spans.slice(0, MAX_SAVED);
    const good = spans.map(savedSpan).filter((saved) => saved !== undefined);
    if (good.length !== spans.length) report('warn', `${spans.length - good.length} saved open spans were malformed and ignored`);
    return good;
  } catch (cause) {
    report('warn', `the open contacts saved by the previous page could not be read (${KEY}); they were ignored`, cause);
    return [];
  }
}
