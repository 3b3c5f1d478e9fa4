import * as z from 'zod/mini';
import { BREAK_ACTIONS, BREAK_TYPES } from './enums.js';
import { finite } from './formats.js';

/** A Break event: an operator's break viewed, started, paused, resumed or ended. */
export const breakEventSchema = z.object({
  type: z.enum(BREAK_TYPES),
  sub_type: z.optional(z.string()),
  action: z.enum(BREAK_ACTIONS),
  total_time: finite(),
  consumed_time: finite(),
  meta: z.optional(z.unknown()),
});

/** A Break event as the platform's SDK sends it. */
export type BreakEvent = z.input<typeof breakEventSchema>;
