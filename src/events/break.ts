import type { BreakAction, BreakType } from './enums.js';

/**
 * A Break event as the platform's SDK sends it: an operator's break viewed,
 * started, paused, resumed or ended. Log it with
 * `CallCenter.logIngestEvent(CallCenterEventType.Break, event)`. A field the
 * contract does not know is ignored (not exported) and reported once through
 * `diag`; an explicit `undefined` is an absent field.
 */
export type BreakEvent = {
  /**
   * Type of the break. **Required.** One of `bio_break`, `feedback`, `meeting`,
   * `meal`, `tea`, `other` ({@link BreakType}). Exported as
   * `call_center.break.type`.
   */
  type: BreakType;
  /**
   * Sub-type of the break, free text. Optional. Exported as
   * `call_center.break.sub_type`, cut to `maxStringLength`.
   */
  sub_type?: string | undefined;
  /**
   * Action applied to the break. **Required.** One of `view`, `start`, `end`,
   * `pause`, `resume`, `other` ({@link BreakAction}): `add` and the other
   * contact-only members of `CallCenterAction` are not break actions. `start`
   * opens the break's span, `end` ends it; every action is a span event on it.
   */
  action: BreakAction;
  /**
   * Total time allocated for the break, in **seconds**. **Required.** A finite
   * number from 0 to 2 678 400 (31 days); outside that the event is refused
   * (`invalid_value`). Exported as `call_center.break.total_time`.
   */
  total_time: number;
  /**
   * Time consumed of the break so far, in **seconds**. **Required.** A finite
   * number from 0 to 2 678 400 (31 days); outside that the event is refused
   * (`invalid_value`). More than `total_time` marks the break as overrun
   * (`call_center.break.overrun`). Exported as
   * `call_center.break.consumed_time`.
   */
  consumed_time: number;
  /**
   * Any additional value sent with the event (JSON-like). Optional. Exported as
   * `call_center.meta` on the log record only, sanitised (cycles cut, depth and
   * strings bounded), and dropped unless the privacy policy keeps it.
   */
  meta?: unknown;
};
