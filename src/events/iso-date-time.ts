/**
 * ISO 8601 date-time with a time zone designator (`Z` or `±hh:mm`) and any
 * number of fractional second digits, calendar-checked (no 2025-02-30): what
 * zod's `z.iso.datetime({ offset: true })` accepts (the tests hold the two
 * to the same verdicts). A local time without a zone is refused: it would be
 * read differently on every host that reconstructs a span from it.
 */
const PATTERN = /^(\d{4})-(\d\d)-(\d\d)T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

function isDateTime(value: string): boolean {
  const m = PATTERN.exec(value);
  if (!m) return false;
  const [year, month, day] = [+m[1]!, +m[2]!, +m[3]!];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 ? (leap ? 29 : 28) : 30 + ((month + (month >> 3)) & 1));
}

/** Date-times seen lately and their epoch ms (NaN: not a valid date-time): a contact's start time repeats on every one of its events. */
const seen = new Map<string, number>();
const SEEN_MAX = 1024;

/** Epoch ms of a contract date-time, or NaN when it is not one (the check above, then Date.parse), remembered. */
export function parseIsoDateTime(value: string): number {
  let ms = seen.get(value);
  if (ms === undefined) {
    ms = isDateTime(value) ? Date.parse(value) : NaN;
    if (seen.size >= SEEN_MAX) seen.clear();
    seen.set(value, ms);
  }
  return ms;
}

export function isIsoDateTime(value: string): boolean {
  return !Number.isNaN(parseIsoDateTime(value));
}
