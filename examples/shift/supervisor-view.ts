// What the supervisor is shown of a summary, whatever the medium: a headline,
// then tables whose cells carry both the text and the figure behind it, and
// which columns to draw as bars. The terminal summary and the HTML report
// both render this, so they show the same figures in the same words.
import type { Summary } from './summary.ts';
import { breakTypeName, channelName, duration, groupName, minutes, percent, plural, rejections } from './supervisor-words.ts';

export interface Cell {
  text: string;
  /** The figure behind the text, in the summary's unit (seconds, minutes, %, count). */
  value?: number;
}

export interface Column {
  header: string;
  align: 'left' | 'right';
}

export interface Chart {
  title: string;
  /** The column whose cells' values are drawn. */
  column: number;
  /** The scale's end (100 for a percentage or a score); otherwise the largest value. */
  max?: number;
}

export interface Row {
  /** The code or key this row is about (a channel, an operator), as in the JSON summary. */
  key: string;
  cells: Cell[];
}

export interface Section {
  id: string;
  title: string;
  /** What the figures mean, in a sentence (the report shows it; the terminal has the headers only). */
  note: string;
  columns: Column[];
  rows: Row[];
  charts: Chart[];
}

export interface SupervisorView {
  headline: string;
  /** Lines under the headline: what was recorded and what was refused. */
  details: string[];
  sections: Section[];
}

const left = (header: string): Column => ({ header, align: 'left' });
const right = (header: string): Column => ({ header, align: 'right' });
const count = (n: number): Cell => ({ text: String(n), value: n });
const label = (text: string): Cell => ({ text });
const round1 = (n: number) => Math.round(n * 10) / 10;

/** `on 2026-01-05 from 08:00 to 16:12 UTC`, or with both dates when the shift crosses midnight. */
function period({ from, to }: { from: string; to: string }): string {
  const [fromDay, fromTime] = [from.slice(0, 10), from.slice(11, 16)];
  const [toDay, toTime] = [to.slice(0, 10), to.slice(11, 16)];
  return fromDay === toDay ? `on ${fromDay} from ${fromTime} to ${toTime} UTC` : `from ${fromDay} ${fromTime} to ${toDay} ${toTime} UTC`;
}

/** Every operator seen, in the summary's order: those who handled contacts, then any who only took breaks. */
function operatorsOf(s: Summary): string[] {
  return [...new Set([...Object.keys(s.contactsPerOperator), ...Object.keys(s.breakMinutesPerOperator)])].sort();
}

/** What the plugin had to end itself, when their end event never came (a crashed console, a lost message). */
function endedByPlugin(s: Summary): string[] {
  const { contacts, breaks } = s.endedByPlugin;
  if (contacts + breaks === 0) return [];
  const what = [contacts && plural(contacts, 'contact'), breaks && plural(breaks, 'break')].filter(Boolean).join(' and ');
  return [`${what} never got their end event: the plugin ended them (a timeout, or still open when the demo ended); not counted as handled or as time on break.`];
}

export function supervisorView(s: Summary): SupervisorView {
  const operators = operatorsOf(s);
  const scorecards = Object.values(s.qualityByGroup).reduce((n, g) => n + g.scorecards, 0);
  const refused = Object.entries(s.rejectedEvents).filter(([, n]) => n > 0);
  const refusedTotal = refused.reduce((n, [, k]) => n + k, 0);
  const details = [
    s.period ? `${plural(s.logRecords, 'event')} recorded ${period(s.period)}.` : `${plural(s.logRecords, 'event')} recorded.`,
    refusedTotal ? `${plural(refusedTotal, 'event')} refused by validation: ${refused.map(([reason, n]) => rejections(n, reason)).join(', ')}.` : 'No event refused by validation.',
    ...endedByPlugin(s),
  ];
  const share = (n: number) => (s.contacts ? round1((100 * n) / s.contacts) : 0);

  const sections: Section[] = [
    {
      id: 'handle',
      title: 'Handle time by channel',
      note: 'Average time from answering a contact to its end.',
      columns: [left('Channel'), right('Contacts handled'), right('Average handle time')],
      rows: Object.entries(s.ahtByChannel).map(([c, v]) => ({ key: c, cells: [label(channelName(c)), count(v.contacts), { text: duration(v.ahtSeconds), value: v.ahtSeconds }] })),
      charts: [{ title: 'Average handle time', column: 2 }],
    },
    {
      id: 'answer',
      title: 'Time to answer by channel',
      note: `How long contacts waited before an operator answered them, and the service level: the share answered within ${s.serviceLevelThresholdSeconds} s.`,
      columns: [left('Channel'), right('Contacts answered'), right('Average time to answer'), right(`Answered within ${s.serviceLevelThresholdSeconds} s`)],
      rows: Object.entries(s.answerByChannel).map(([c, v]) => ({
        key: c,
        cells: [label(channelName(c)), count(v.answered), { text: duration(v.avgWaitSeconds), value: v.avgWaitSeconds }, { text: percent(v.serviceLevel), value: v.serviceLevel }],
      })),
      charts: [
        { title: 'Average time to answer', column: 2 },
        { title: `Service level (answered within ${s.serviceLevelThresholdSeconds} s)`, column: 3, max: 100 },
      ],
    },
    {
      id: 'holds',
      title: 'Holds by channel',
      note: 'How long a hold lasted on average, and how many holds there were per contact handled.',
      columns: [left('Channel'), right('Holds'), right('Average hold'), right('Holds per contact')],
      rows: Object.entries(s.holdByChannel).map(([c, v]) => ({
        key: c,
        cells: [
          label(channelName(c)),
          count(v.holds),
          { text: v.holds ? duration(v.avgHoldSeconds) : 'no holds', value: v.avgHoldSeconds },
          { text: v.holdsPerContact.toFixed(2), value: v.holdsPerContact },
        ],
      })),
      charts: [
        { title: 'Average hold', column: 2 },
        { title: 'Holds per contact', column: 3 },
      ],
    },
    {
      id: 'operators',
      title: 'Operators',
      note: 'Contacts each operator handled, and their time on break.',
      columns: [left('Operator'), right('Contacts handled'), right('Time on break')],
      rows: operators.map((o) => {
        const onBreak = s.breakMinutesPerOperator[o] ?? 0;
        return { key: o, cells: [label(o), count(s.contactsPerOperator[o] ?? 0), { text: minutes(onBreak), value: onBreak }] };
      }),
      charts: [
        { title: 'Contacts handled', column: 1 },
        { title: 'Time on break', column: 2 },
      ],
    },
    {
      id: 'workload',
      title: 'Workload',
      note: 'Transfers, priority contacts and emergencies, against the contacts handled.',
      columns: [left('Kind'), right('Number'), right('Share of contacts handled')],
      rows: [
        ['transfers', 'Transfers', s.transfers],
        ['priority', 'Priority contacts', s.priority],
        ['emergencies', 'Emergencies', s.emergencies],
      ].map(([key, name, n]) => ({ key: String(key), cells: [label(String(name)), count(Number(n)), { text: percent(share(Number(n))), value: share(Number(n)) }] })),
      charts: [],
    },
    {
      id: 'overruns',
      title: 'Breaks over their allotted time',
      note: 'Breaks that ran over the time allotted to them, by type of break.',
      columns: [left('Type of break'), right('Breaks over time')],
      rows: Object.entries(s.breakOverruns).map(([t, n]) => ({ key: t, cells: [label(breakTypeName(t)), count(n)] })),
      charts: [],
    },
    {
      id: 'quality',
      title: 'Quality by performance group',
      note: `The average quality score of the ${plural(scorecards, 'scorecard')}, by the performance group each scorecard gave.`,
      columns: [left('Performance group'), right('Scorecards'), right('Average quality score (of 100)')],
      rows: Object.entries(s.qualityByGroup).map(([g, v]) => ({
        key: g,
        cells: [label(groupName(g)), count(v.scorecards), { text: v.avgQuality.toFixed(1), value: v.avgQuality }],
      })),
      charts: [{ title: 'Average quality score (of 100)', column: 2, max: 100 }],
    },
  ];
  return {
    headline: `Shift summary: ${plural(s.contacts, 'contact')} handled by ${plural(operators.length, 'operator')}, ${plural(s.breaks, 'break')} taken, ${plural(scorecards, 'scorecard')}`,
    details,
    sections,
  };
}
