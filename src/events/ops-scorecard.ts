/**
 * An OpsScorecard event as the platform's SDK sends it: an operator's
 * performance figures. Log it with
 * `CallCenter.logIngestEvent(CallCenterEventType.OpsScorecard, event)`. A
 * field the contract does not know is ignored (not exported) and reported
 * once through `diag`; an explicit `undefined` is an absent field.
 */
export type OpsScorecardEvent = {
  /**
   * Audit count for the performance traits. **Required.** A whole number, a
   * safe integer (`Number.isSafeInteger`: within ±(2^53 − 1)), INTEGER of the
   * contract. Exported as `call_center.ops_scorecard.audit_count`.
   */
  audit_count: number;
  /**
   * Quality score, as the platform computes it (no unit). Optional. A finite
   * number (FLOAT). Exported as `call_center.ops_scorecard.quality_score`.
   */
  quality_score?: number | undefined;
  /**
   * Number of fatal calls. Optional. A whole number, a safe integer
   * (`Number.isSafeInteger`: within ±(2^53 − 1)), INTEGER of the contract.
   * Exported as `call_center.ops_scorecard.fatal_calls`.
   */
  fatal_calls?: number | undefined;
  /**
   * Fatal score, as the platform computes it (no unit). Optional. A finite
   * number (FLOAT). Exported as `call_center.ops_scorecard.fatal_score`.
   */
  fatal_score?: number | undefined;
  /**
   * Performance group. **Required.** Free text, not an enum (e.g. `moderate`).
   * Exported as `call_center.ops_scorecard.performance_group`, cut to
   * `maxStringLength`.
   */
  performance_group: string;
  /**
   * Remarks, free text. Optional. Patient data: exported as
   * `call_center.ops_scorecard.remarks` only if the privacy policy keeps it
   * (dropped by default).
   */
  remarks?: string | undefined;
  /**
   * Any additional value sent with the event (JSON-like). Optional. Exported as
   * `call_center.meta` on the log record only, sanitised (cycles cut, depth and
   * strings bounded), and dropped unless the privacy policy keeps it.
   */
  meta?: unknown;
};
