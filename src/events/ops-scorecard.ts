import * as z from 'zod/mini';
import { finite, integer } from './formats.js';

/** An OpsScorecard event: an operator's performance figures. */
export const opsScorecardEventSchema = z.object({
  audit_count: integer(),
  quality_score: z.optional(finite()),
  fatal_calls: z.optional(integer()),
  fatal_score: z.optional(finite()),
  performance_group: z.string(),
  remarks: z.optional(z.string()),
  meta: z.optional(z.unknown()),
});

/** An OpsScorecard event as the platform's SDK sends it. */
export type OpsScorecardEvent = z.input<typeof opsScorecardEventSchema>;
