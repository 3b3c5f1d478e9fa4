// The pattern of zod's `z.iso.datetime({ offset: true })`, so that the tests' zod oracle agrees.
/**
 * ISO 8601 date-time with a time zone designator (`Z` or `±hh:mm`) and any
 * number of fractional second digits, calendar-checked (no 2025-02-30). A
 * local time without a zone is refused: it would be read differently on every
 * host that reconstructs a span from it.
 */
export const ISO_DATE_TIME =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Date-times seen lately and their epoch ms (NaN: not a valid date-time): a contact's start time repeats on every one of its events. */
const seen = new Map<string, number>();
const SEEN_MAX = 1024;

/** Epoch ms of a contract date-time, or NaN when it is not one (the pattern above, then Date.parse), remembered. */
export function parseIsoDateTime(value: string): number {
  let ms = seen.get(value);
  if (ms === undefined) {
    ms = ISO_DATE_TIME.test(value) ? Date.parse(value) : NaN;
    if (seen.size >= SEEN_MAX) seen.clear();
    seen.set(value, ms);
  }
  return ms;
}

export function isIsoDateTime(value: string): boolean {
  return !Number.isNaN(parseIsoDateTime(value));
}
