import type { AnyValue } from '@opentelemetry/api';
import { boundText } from './bounds.js';

/** Bounds on a sanitised `meta` value; exported for tests and docs. */
export const META_LIMITS = Object.freeze({
  /** Nesting below this depth is replaced by a marker string. */
  maxDepth: 8,
  /** Strings are cut to this many UTF-16 code units. */
  maxStringLength: 4096,
  /** Entries kept per object or array. */
  maxEntries: 128,
  /** Values kept in the whole tree; past that, entries are left out. */
  maxNodes: 1024,
  /** Characters of keys and strings kept in the whole tree, in multiples of the string limit; past that, entries are left out. */
  maxTotalStrings: 4,
});

const CIRCULAR = '[Circular]';
const DEPTH = '[MaxDepth]';
const UNREADABLE = '[Unreadable]';

interface Budget {
  nodes: number;
  /** Characters of strings and keys still allowed. */
  chars: number;
  readonly maxString: number;
}

function cut(s: string, budget: Budget): string {
  const out = boundText(s, Math.max(1, Math.min(budget.maxString, budget.chars)));
  budget.chars -= out.length;
  return out;
}

/**
 * Turns any value into an OpenTelemetry AnyValue that every exporter can
 * serialise: cycles cut, functions and symbols dropped, BigInt and Date turned
 * into strings, non-finite numbers into strings, depth, width, total size and
 * string length bounded. Never throws, whatever the value's getters or proxy
 * traps do. Returns `undefined` for values that have nothing to export.
 */
export function sanitizeMeta(value: unknown, maxStringLength: number = META_LIMITS.maxStringLength): AnyValue | undefined {
  try {
    const budget: Budget = { nodes: 0, chars: maxStringLength * META_LIMITS.maxTotalStrings, maxString: maxStringLength };
    return walk(value, 0, new WeakSet(), budget);
  } catch {
    return UNREADABLE;
  }
}

function walk(value: unknown, depth: number, seen: WeakSet<object>, budget: Budget): AnyValue | undefined {
  if (++budget.nodes > META_LIMITS.maxNodes || budget.chars <= 0) return undefined;
  switch (typeof value) {
    case 'string':
      return cut(value, budget);
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return null;
  const obj = value as object;
  if (seen.has(obj)) return CIRCULAR;
  if (depth >= META_LIMITS.maxDepth) return DEPTH;
  try {
    if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
    // Binary data is summarised, not copied: it is rarely meant for a log line.
    if (ArrayBuffer.isView(obj) || obj instanceof ArrayBuffer) return `[${obj.byteLength} bytes]`;
    seen.add(obj);
    let out: AnyValue;
    if (Array.isArray(obj)) out = walkArray(obj, depth, seen, budget);
    else if (obj instanceof Map) out = walkEntries(obj.entries(), depth, seen, budget);
    else if (obj instanceof Set) out = walkArray(Array.from(obj), depth, seen, budget);
    else if (obj instanceof Error) out = { name: cut(String(obj.name), budget), message: cut(String(obj.message), budget) };
    else out = walkEntries(ownEntries(obj), depth, seen, budget);
    seen.delete(obj);
    return out;
  } catch {
    return UNREADABLE;
  }
}

function* ownEntries(obj: object): Iterable<[unknown, unknown]> {
  for (const key of Object.keys(obj)) {
    let v: unknown;
    try {
      v = (obj as Record<string, unknown>)[key];
    } catch {
      v = UNREADABLE;
    }
    yield [key, v];
  }
}

function walkArray(arr: readonly unknown[], depth: number, seen: WeakSet<object>, budget: Budget): AnyValue[] {
  const out: AnyValue[] = [];
  const n = Math.min(arr.length, META_LIMITS.maxEntries);
  for (let i = 0; i < n && budget.nodes < META_LIMITS.maxNodes && budget.chars > 0; i++) {
    let item: unknown;
    try {
      item = arr[i];
    } catch {
      item = UNREADABLE;
    }
    const v = walk(item, depth + 1, seen, budget);
    // Arrays keep positions: a dropped item becomes null rather than shifting the rest.
    out.push(v === undefined ? null : v);
  }
  return out;
}

function walkEntries(entries: Iterable<[unknown, unknown]>, depth: number, seen: WeakSet<object>, budget: Budget) {
  const out: Record<string, AnyValue> = {};
  let kept = 0;
  for (const [key, item] of entries) {
    if (kept >= META_LIMITS.maxEntries || budget.nodes >= META_LIMITS.maxNodes || budget.chars <= 0) break;
    const name = cut(typeof key === 'string' ? key : String(key), budget);
    const v = walk(item, depth + 1, seen, budget);
    if (v === undefined) continue;
    // Renamed: any code that copies the map by assignment (the SDK does)
    // would set the copy's prototype instead of adding an entry.
    out[name === '__proto__' ? '[__proto__]' : name] = v;
    kept++;
  }
  return out;
}
