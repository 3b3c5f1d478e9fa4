/**
 * The free text the fuzzer plants and the scanner looks for. It stands for
 * patient data: under the default privacy policy (free text and `meta`
 * dropped, ids dropped without a key) no exported byte may contain it.
 */

const PREFIX = 'MARKER-';

/** The n-th marker: distinct numbers let a leak be traced to the event that planted it. */
export function freeTextMarker(n: number): string {
  return `${PREFIX}${n}-FREE-TEXT`;
}

/**
 * Whether a string holds a marker, or any part of one cut at its end: the
 * prefix alone is enough, so a truncated marker still counts as a leak.
 */
export function containsMarker(text: string): boolean {
  return text.includes(PREFIX);
}
