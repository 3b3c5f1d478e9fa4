// The supervisor summary, computed from exported OTLP/JSON (the demo's own
// files or what a collector wrote), never from the simulator's counters.
import {
  ATTR_BREAK_END_REASON,
  ATTR_BREAK_OVERRUN,
  ATTR_BREAK_TYPE,
  ATTR_CONTACT_CHANNEL,
  ATTR_CONTACT_END_REASON,
  ATTR_CONTACT_HOLD_COUNT,
  ATTR_CONTACT_HOLD_TIME,
  ATTR_CONTACT_IS_PRIORITY,
  ATTR_CONTACT_TYPE,
  ATTR_CONTACT_WAIT_TIME,
  ATTR_OPERATOR_ID,
  ATTR_OPERATOR_NAME,
  ATTR_OPS_SCORECARD_PERFORMANCE_GROUP,
  ATTR_OPS_SCORECARD_QUALITY_SCORE,
  ATTR_REJECTION_REASON,
  EVENT_OPS_SCORECARD,
  METRIC_EVENTS_REJECTED,
  SPAN_BREAK,
  SPAN_CONTACT,
  SPAN_EVENT_CONTACT_PREFIX,
} from '@kenkai/instrumentation-call-center';
import { logRecords, metricPoints, spans, type OtlpRequest } from './otlp-json.ts';

export interface Summary {
  /** The first and the last event recorded (ISO 8601, UTC); null when nothing was. */
  period: { from: string; to: string } | null;
  logRecords: number;
  contacts: number;
  ahtByChannel: Record<string, { contacts: number; ahtSeconds: number }>;
  /** Time to answer by channel, over every contact whose attend said when it arrived; `serviceLevel`: % answered within the threshold. */
  answerByChannel: Record<string, { answered: number; avgWaitSeconds: number; serviceLevel: number }>;
  serviceLevelThresholdSeconds: number;
  /** Holds by channel: average length of a hold, and holds per handled contact (the dashboards' hold rate). */
  holdByChannel: Record<string, { holds: number; avgHoldSeconds: number; holdsPerContact: number }>;
  contactsPerOperator: Record<string, number>;
  transfers: number;
  priority: number;
  emergencies: number;
  breaks: number;
  breakMinutesPerOperator: Record<string, number>;
  breakOverruns: Record<string, number>;
  qualityByGroup: Record<string, { scorecards: number; avgQuality: number }>;
  rejectedEvents: Record<string, number>;
  /** Contacts and breaks the plugin ended itself (their end event never came: timeout, eviction, shutdown). */
  endedByPlugin: { contacts: number; breaks: number };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
/** The service-level threshold the summary and the dashboards' default use: answered within 20 s. */
export const SERVICE_LEVEL_SECONDS = 20;
const inc = (o: Record<string, number>, k: string, by = 1) => {
  o[k] = (o[k] ?? 0) + by;
};

export function summarize(requests: { logs: OtlpRequest[]; traces: OtlpRequest[]; metrics: OtlpRequest[] }): Summary {
  const records = logRecords(requests.logs);
  const all = spans(requests.traces);
  const contacts = all.filter((s) => s.name === SPAN_CONTACT && ['end', 'terminate'].includes(String(s.attributes[ATTR_CONTACT_END_REASON])));
  const who = (a: Record<string, unknown>) => `${a[ATTR_OPERATOR_ID]} ${a[ATTR_OPERATOR_NAME] ?? ''}`.trim();

  const handle: Record<string, number[]> = {};
  const contactsPerOperator: Record<string, number> = {};
  let transfers = 0;
  for (const s of contacts) {
    (handle[String(s.attributes[ATTR_CONTACT_CHANNEL])] ??= []).push((s.endMs - s.startMs) / 1000);
    inc(contactsPerOperator, who(s.attributes));
    transfers += s.events.filter((e) => e.name === `${SPAN_EVENT_CONTACT_PREFIX}transfer`).length;
  }
  const ahtByChannel: Summary['ahtByChannel'] = {};
  for (const [channel, seconds] of Object.entries(handle).sort()) {
    ahtByChannel[channel] = { contacts: seconds.length, ahtSeconds: round1(seconds.reduce((a, b) => a + b, 0) / seconds.length) };
  }

  // Waits are recorded at the attend and holds as they end, whatever ended the contact: every contact span counts.
  const waits: Record<string, number[]> = {};
  const holds: Record<string, { count: number; seconds: number }> = {};
  for (const s of all.filter((span) => span.name === SPAN_CONTACT)) {
    const channel = String(s.attributes[ATTR_CONTACT_CHANNEL]);
    const wait = s.attributes[ATTR_CONTACT_WAIT_TIME];
    if (typeof wait === 'number') (waits[channel] ??= []).push(wait);
    const count = s.attributes[ATTR_CONTACT_HOLD_COUNT];
    const held = (holds[channel] ??= { count: 0, seconds: 0 });
    if (typeof count === 'number') held.count += count;
    held.seconds += Number(s.attributes[ATTR_CONTACT_HOLD_TIME] ?? 0);
  }
  const answerByChannel: Summary['answerByChannel'] = {};
  for (const [channel, seconds] of Object.entries(waits).sort()) {
    const within = seconds.filter((w) => w <= SERVICE_LEVEL_SECONDS).length;
    answerByChannel[channel] = {
      answered: seconds.length,
      avgWaitSeconds: round1(seconds.reduce((a, b) => a + b, 0) / seconds.length),
      serviceLevel: round1((100 * within) / seconds.length),
    };
  }
  const holdByChannel: Summary['holdByChannel'] = {};
  for (const [channel, { count, seconds }] of Object.entries(holds).sort()) {
    const handled = ahtByChannel[channel]?.contacts ?? 0;
    holdByChannel[channel] = { holds: count, avgHoldSeconds: count ? round1(seconds / count) : 0, holdsPerContact: handled ? Math.round((100 * count) / handled) / 100 : 0 };
  }

  const breaks = all.filter((s) => s.name === SPAN_BREAK);
  const breakMinutesPerOperator: Record<string, number> = {};
  const breakOverruns: Record<string, number> = {};
  for (const s of breaks) {
    // Time on break is that of breaks that ended, as the dashboards count it: one the plugin ended (its end event
    // lost: a timeout, or still open when the demo ended) lasted until then only by the plugin's reckoning.
    if (s.attributes[ATTR_BREAK_END_REASON] === 'end') inc(breakMinutesPerOperator, who(s.attributes), (s.endMs - s.startMs) / 60_000);
    if (s.attributes[ATTR_BREAK_OVERRUN] === true) inc(breakOverruns, String(s.attributes[ATTR_BREAK_TYPE]));
  }
  for (const k of Object.keys(breakMinutesPerOperator)) breakMinutesPerOperator[k] = round1(breakMinutesPerOperator[k]!);

  const quality: Record<string, number[]> = {};
  for (const r of records.filter((l) => l.eventName === EVENT_OPS_SCORECARD)) {
    const score = r.attributes[ATTR_OPS_SCORECARD_QUALITY_SCORE];
    if (typeof score === 'number') (quality[String(r.attributes[ATTR_OPS_SCORECARD_PERFORMANCE_GROUP])] ??= []).push(score);
  }
  const qualityByGroup: Summary['qualityByGroup'] = {};
  for (const [group, scores] of Object.entries(quality).sort()) {
    qualityByGroup[group] = { scorecards: scores.length, avgQuality: round1(scores.reduce((a, b) => a + b, 0) / scores.length) };
  }

  // Counters are cumulative: the latest point of each series is its total.
  const latest = new Map<string, { time: bigint; value: number; reason: string }>();
  for (const p of metricPoints(requests.metrics).filter((m) => m.name === METRIC_EVENTS_REJECTED)) {
    const key = JSON.stringify([p.service, Object.entries(p.attributes).sort()]);
    const time = BigInt(p.timeUnixNano);
    const seen = latest.get(key);
    if (!seen || time >= seen.time) latest.set(key, { time, value: p.value, reason: String(p.attributes[ATTR_REJECTION_REASON]) });
  }
  const rejectedEvents: Record<string, number> = {};
  for (const { reason, value } of latest.values()) inc(rejectedEvents, reason, value);

  let first = Infinity;
  let last = -Infinity;
  for (const r of records) {
    first = Math.min(first, r.timeMs);
    last = Math.max(last, r.timeMs);
  }
  return {
    period: records.length ? { from: new Date(first).toISOString(), to: new Date(last).toISOString() } : null,
    logRecords: records.length,
    contacts: contacts.length,
    ahtByChannel,
    answerByChannel,
    serviceLevelThresholdSeconds: SERVICE_LEVEL_SECONDS,
    holdByChannel,
    contactsPerOperator: Object.fromEntries(Object.entries(contactsPerOperator).sort()),
    transfers,
    priority: contacts.filter((s) => s.attributes[ATTR_CONTACT_IS_PRIORITY] === true).length,
    emergencies: contacts.filter((s) => s.attributes[ATTR_CONTACT_TYPE] === 'emergency').length,
    breaks: breaks.length,
    breakMinutesPerOperator: Object.fromEntries(Object.entries(breakMinutesPerOperator).sort()),
    breakOverruns: Object.fromEntries(Object.entries(breakOverruns).sort()),
    qualityByGroup,
    rejectedEvents: Object.fromEntries(Object.entries(rejectedEvents).sort()),
    endedByPlugin: {
      contacts: all.filter((s) => s.name === SPAN_CONTACT && !['end', 'terminate'].includes(String(s.attributes[ATTR_CONTACT_END_REASON]))).length,
      breaks: breaks.filter((s) => s.attributes[ATTR_BREAK_END_REASON] !== 'end').length,
    },
  };
}
