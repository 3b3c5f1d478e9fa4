import * as z from 'zod/mini';

/** FLOAT of the contract: a finite number (zod's number already refuses NaN and ±Infinity). */
export const finite = () => z.number();

/**
 * ISO 8601 date-time with a time zone designator (`Z` or `±hh:mm`), any
 * number of fractional second digits. A local time without a zone is refused:
 * it would be read differently on every host that reconstructs a span from it.
 */
export const isoDateTime = () => z.iso.datetime({ offset: true });
