// A call-center shift as a timeline of ingest events: operators handling
// contacts (each waiting in a queue before its attend, some put on hold, with
// transfers, declines, terminations, spam), taking
// breaks (some over their allotted time), and supervisors' scorecards; plus a
// few deliberately invalid events. Seeded, so a seed gives the same shift.
import {
  BreakType,
  CallCenterAction,
  ContactChannel,
  ContactType,
  type BreakEvent,
  type CallCenterOperator,
  type ContactEvent,
  type OpsScorecardEvent,
} from '@kenkai/instrumentation-call-center';

export type TimelineEntry =
  | { at: number; operator: CallCenterOperator; type: 'contact'; event: ContactEvent }
  | { at: number; operator: CallCenterOperator; type: 'break'; event: BreakEvent }
  | { at: number; operator: CallCenterOperator; type: 'ops_scorecard'; event: OpsScorecardEvent }
  /** Invalid on purpose: shown as rejected in the summary. */
  | { at: number; operator: CallCenterOperator; type: 'invalid'; eventType: 'break' | 'contact'; event: unknown };

export interface ShiftOptions {
  operators: number;
  hours: number;
  seed: number;
  /** Epoch ms of the shift's start. */
  start: number;
}

/** mulberry32: small, fast, and good enough for a simulation. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  'Asha',
  'Ravi',
  'Mei',
  'Tomás',
  'Ngozi',
  'Lena',
  'Omar',
  'Priya',
  'Jonas',
  'Aiko',
  'Samir',
  'Grace',
  'Dmitri',
  'Inés',
  'Kwame',
  'Sofia',
  'Fatima',
  'Luca',
  'Yuki',
  'Amara',
  'Diego',
  'Hana',
  'Ibrahim',
  'Chloé',
  'Kofi',
  'Anya',
  'Mateo',
  'Leila',
  'Arjun',
  'Zara',
  'Emeka',
  'Sven',
  'Nadia',
  'Hiro',
  'Olga',
  'Tariq',
  'Camila',
  'Bao',
  'Freya',
  'Kenji',
  'Rosa',
  'Yusuf',
  'Ingrid',
  'Thabo',
  'Mina',
  'Pablo',
  'Esra',
  'Malik',
];

/** The operator at `index` (from 0): a name of the list, then the list again with a number (`Asha 2`), so that no two operators share a name. */
export function operatorName(index: number): string {
  const round = Math.floor(index / NAMES.length);
  return round === 0 ? NAMES[index]! : `${NAMES[index % NAMES.length]} ${round + 1}`;
}

/** `op-07`; as many digits as the largest number needs, so that ids sort in order. */
export function operatorId(index: number, operators: number): string {
  return `op-${String(index + 1).padStart(Math.max(2, String(operators).length), '0')}`;
}

/** Channel mix, median handle time, median wait in the queue before attend (seconds), and share of contacts put on hold. */
const CHANNELS: Array<[ContactChannel, number, number, number, number]> = [
  [ContactChannel.Call, 0.55, 240, 14, 0.35],
  [ContactChannel.WhatsApp, 0.2, 420, 45, 0.2],
  [ContactChannel.Sms, 0.1, 300, 90, 0.15],
  [ContactChannel.Email, 0.1, 540, 900, 0.1],
  [ContactChannel.Other, 0.05, 360, 60, 0.2],
];
const TYPES: Array<[ContactType, number]> = [
  [ContactType.NonEmergency, 0.33],
  [ContactType.FollowUp, 0.2],
  [ContactType.CustomerSupport, 0.15],
  [ContactType.ServiceOffering, 0.1],
  [ContactType.Emergency, 0.09],
  [ContactType.Grievance, 0.07],
  [ContactType.Transfer, 0.03],
  [ContactType.Other, 0.03],
];
/** Break types with their allotted seconds and how often an operator takes one per shift. */
const BREAKS: Array<[BreakType, number, number]> = [
  [BreakType.Tea, 600, 2],
  [BreakType.BioBreak, 300, 1.5],
  [BreakType.Meal, 1800, 1],
  [BreakType.Meeting, 900, 0.3],
  [BreakType.Feedback, 600, 0.3],
  [BreakType.Other, 300, 0.2],
];

export function simulateShift(options: ShiftOptions): TimelineEntry[] {
  const random = rng(options.seed);
  const pick = <T>(table: Array<[T, number, ...unknown[]]>): T => {
    let r = random();
    for (const [value, weight] of table) {
      if ((r -= weight) < 0) return value;
    }
    return table[table.length - 1]![0];
  };
  /** Log-normal around a median (seconds), spread ~0.6. */
  const lognormal = (median: number) => {
    const u = Math.max(1e-9, random());
    const v = random();
    return median * Math.exp(0.6 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  };
  const end = options.start + options.hours * 3_600_000;
  const timeline: TimelineEntry[] = [];
  let contactNumber = 0;

  for (let o = 0; o < options.operators; o++) {
    const operator: CallCenterOperator = { id: operatorId(o, options.operators), name: operatorName(o), team: o % 2 ? 'blue' : 'green' };
    // Breaks are planned first; contacts fill the time between them.
    const breaks: Array<{ at: number; type: BreakType; total: number }> = [];
    for (const [type, total, perShift] of BREAKS) {
      const count = Math.floor(perShift * (options.hours / 8) + random());
      for (let i = 0; i < count; i++) breaks.push({ at: options.start + random() * (end - options.start - total * 1000), type, total });
    }
    breaks.sort((a, b) => a.at - b.at);

    let t = options.start + random() * 120_000;
    let nextBreak = 0;
    while (t < end) {
      const upcoming = breaks[nextBreak];
      if (upcoming && t >= upcoming.at) {
        nextBreak++;
        // 1 in 6 breaks runs over its allotted time.
        const consumed = upcoming.total * (random() < 1 / 6 ? 1.1 + random() * 0.5 : 0.6 + random() * 0.35);
        const base = { type: upcoming.type, total_time: upcoming.total };
        timeline.push({ at: t, operator, type: 'break', event: { ...base, action: CallCenterAction.Start, consumed_time: 0 } });
        if (random() < 0.25) {
          const pausedAt = t + consumed * 400;
          timeline.push({ at: pausedAt, operator, type: 'break', event: { ...base, action: CallCenterAction.Pause, consumed_time: Math.round(consumed * 0.4) } });
          timeline.push({ at: pausedAt + 60_000, operator, type: 'break', event: { ...base, action: CallCenterAction.Resume, consumed_time: Math.round(consumed * 0.4) } });
        }
        const back = t + consumed * 1000 + (random() < 0.25 ? 60_000 : 0);
        // A break's end is lost now and then too.
        if (random() >= 1 / 30) timeline.push({ at: back, operator, type: 'break', event: { ...base, action: CallCenterAction.End, consumed_time: Math.round(consumed) } });
        t = back + 30_000;
        continue;
      }

      const channel = pick(CHANNELS);
      const type = pick(TYPES);
      const [, , median, medianWait, holdShare] = CHANNELS.find(([c]) => c === channel)!;
      const id = `C-${options.seed}-${++contactNumber}`;
      // The contact arrived before the operator took it: emergencies jump the queue.
      const wait = lognormal(type === ContactType.Emergency ? medianWait * 0.3 : medianWait);
      const contact: ContactEvent = {
        contact_id: id,
        action: CallCenterAction.Attend,
        contact_channel: channel,
        contact_type: type,
        contact_start_time: new Date(t - Math.round(wait * 1000)).toISOString(),
        contact_is_priority: type === ContactType.Emergency || random() < 0.1,
        contact_customer_id: `P-${1000 + Math.floor(random() * 9000)}`,
        contact_phone_id: `+1555${String(Math.floor(random() * 1e7)).padStart(7, '0')}`,
        transfer_id: 'none',
      };
      const roll = random();
      if (roll < 0.04) {
        // Declined: offered, not taken.
        timeline.push({ at: t, operator, type: 'contact', event: { ...contact, action: CallCenterAction.Decline } });
        t += 15_000;
        continue;
      }
      const spam = roll < 0.07;
      const handle = spam ? 20 + random() * 40 : lognormal(type === ContactType.Emergency ? median * 1.5 : median);
      timeline.push({ at: t, operator, type: 'contact', event: { ...contact, contact_is_valid: !spam } });
      let at = t;
      // Holds: a share of contacts per channel, some held twice (each 20 s to 3 min).
      const holds = spam || random() >= holdShare ? 0 : random() < 0.2 ? 2 : 1;
      for (let hold = 0; hold < holds; hold++) {
        at += handle * (hold === 0 ? 300 : 200);
        timeline.push({ at, operator, type: 'contact', event: { ...contact, action: CallCenterAction.Pause } });
        at += lognormal(50) * 1000;
        timeline.push({ at, operator, type: 'contact', event: { ...contact, action: CallCenterAction.Resume } });
      }
      const transferred = !spam && random() < 0.08;
      const endAt = Math.max(at + 1000, t + handle * 1000);
      if (transferred) {
        timeline.push({
          at: endAt - 5000,
          operator,
          type: 'contact',
          event: {
            ...contact,
            action: CallCenterAction.Transfer,
            contact_is_transfer: true,
            transfer_id: `T-${contactNumber}`,
            transfer_destination: random() < 0.5 ? 'paramedic-desk' : 'billing',
          },
        });
      }
      const terminate = spam || random() < 0.04;
      // Now and then the platform loses a contact's end (a crashed console): the plugin's timeout ends it.
      const lost = random() < 1 / 120;
      if (!lost)
        timeline.push({
          at: endAt,
          operator,
          type: 'contact',
          event: {
            ...contact,
            action: terminate ? CallCenterAction.Terminate : CallCenterAction.End,
            contact_duration: Math.round((endAt - t) / 100) / 10,
            contact_resolution: spam ? 'spam' : transferred ? 'transferred' : 'resolved',
            ...(transferred ? { contact_is_transfer: true, transfer_id: `T-${contactNumber}` } : {}),
          },
        });
      t = endAt + (20 + random() * 100) * 1000; // wrap-up and wait for the next contact
    }

    // Supervisors score each operator mid-shift and at the end.
    // Never before the start: a shift of less than a minute has its end-of-shift scorecards at its start.
    for (const at of [options.start + (end - options.start) / 2, Math.max(options.start, end - 60_000)]) {
      const quality = Math.round((70 + random() * 28) * 10) / 10;
      timeline.push({
        at,
        operator,
        type: 'ops_scorecard',
        event: {
          audit_count: 5 + Math.floor(random() * 10),
          quality_score: quality,
          fatal_calls: random() < 0.1 ? 1 : 0,
          fatal_score: Math.round(random() * 50) / 10,
          performance_group: quality >= 90 ? 'high' : quality >= 80 ? 'moderate' : 'needs_support',
        },
      });
    }
  }

  // A few events the platform should never send, to show validation at work.
  const first = timeline[0]!.operator;
  const mid = options.start + (end - options.start) / 3;
  timeline.push(
    // The platform doc's own Break example: `add` is not a break action.
    { at: mid, operator: first, type: 'invalid', eventType: 'break', event: { type: 'bio_break', sub_type: 'Some Sub Type', action: 'add', total_time: 10, consumed_time: 5 } },
    // transfer_id is required on every contact event.
    {
      at: mid + 1000,
      operator: first,
      type: 'invalid',
      eventType: 'contact',
      event: { contact_id: 'C-bad-1', action: 'view', contact_type: 'follow_up', contact_channel: 'call' },
    },
    // A date that is not ISO 8601.
    {
      at: mid + 2000,
      operator: first,
      type: 'invalid',
      eventType: 'contact',
      event: { contact_id: 'C-bad-2', action: 'view', contact_type: 'follow_up', contact_channel: 'sms', transfer_id: 'none', contact_start_time: 'yesterday 5pm' },
    },
  );

  return timeline.filter((e) => e.at <= end + 3_600_000).sort((a, b) => a.at - b.at);
}
