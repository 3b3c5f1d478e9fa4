// The telemetry's codes and figures in the words a supervisor reads: channel,
// break type, performance group and rejection reason names, durations with
// their units. The codes themselves stay in the summary's JSON.

const CHANNELS: Record<string, string> = { call: 'Call', whatsapp: 'WhatsApp', sms: 'SMS', email: 'Email', other: 'Other' };
const BREAK_TYPES: Record<string, string> = { tea: 'Tea', bio_break: 'Bio break', meal: 'Meal', meeting: 'Meeting', feedback: 'Feedback', other: 'Other' };
const GROUPS: Record<string, string> = { high: 'High', moderate: 'Moderate', needs_support: 'Needs support' };
/** Why the plugin refused an event (`call_center.rejection.reason`), one reason in a few words. */
const REJECTIONS: Record<string, [one: string, many: string]> = {
  missing_field: ['required field missing', 'required fields missing'],
  invalid_value: ['value not allowed', 'values not allowed'],
  invalid_format: ['badly formatted date', 'badly formatted dates'],
  invalid_type: ['field of the wrong kind (text for a number, …)', 'fields of the wrong kind (text for a number, …)'],
  unknown_event_type: ['unknown kind of event', 'unknown kinds of event'],
  not_an_object: ['not an event at all', 'not events at all'],
  unreadable_event: ['event that could not be read', 'events that could not be read'],
  invalid_operator: ['operator missing or invalid', 'operators missing or invalid'],
  internal_error: ['failure inside the instrumentation', 'failures inside the instrumentation'],
  redaction_failed: ['privacy filter failure (dropped, not sent)', 'privacy filter failures (dropped, not sent)'],
  not_enabled: ['logged before telemetry was set up', 'logged before telemetry was set up'],
};

/** An unknown code is shown as it is, underscores as spaces. */
const fallback = (code: string) => code.replaceAll('_', ' ');

export const channelName = (code: string): string => CHANNELS[code] ?? fallback(code);
export const breakTypeName = (code: string): string => BREAK_TYPES[code] ?? fallback(code);
export const groupName = (code: string): string => GROUPS[code] ?? fallback(code);

/** `3 badly formatted dates`, `1 required field missing`. */
export function rejections(count: number, reason: string): string {
  const [one, many] = REJECTIONS[reason] ?? [fallback(reason), fallback(reason)];
  return `${count} ${count === 1 ? one : many}`;
}

/** `1 hold`, `3 holds`. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** `75.9%`: one decimal, always. */
export const percent = (n: number): string => `${n.toFixed(1)}%`;

/**
 * A duration with its units, to the second: `15 s`, `4 min 07 s`, `1 h 02 min`
 * (an hour or more, to the minute); seconds and minutes after a larger unit
 * take two digits, so that a column of them lines up.
 */
export function duration(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
  return hoursAndMinutes(Math.round(whole / 60));
}

/** A duration to the minute: `0 min`, `42 min`, `1 h 05 min`. */
export function minutes(value: number): string {
  const whole = Math.round(value);
  return whole < 60 ? `${whole} min` : hoursAndMinutes(whole);
}

const hoursAndMinutes = (totalMinutes: number) => `${Math.floor(totalMinutes / 60)} h ${String(totalMinutes % 60).padStart(2, '0')} min`;
