/* Time to answer and hold: the wait and hold histograms, and the contact spans' hold attributes. */
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { barGauge, spanTable, thresholds, type Section } from '../panels.ts';
import { histogramMean, ratio, sumIncrease } from '../promql.ts';
import { PROMETHEUS, prometheusInstant, RANGE, TEMPO, traceqlSpans } from '../targets.ts';

const CHANNEL = ['call_center_contact_channel'];
const WAIT = 'call_center_contact_wait_duration_seconds';
const HOLD = 'call_center_contact_hold_duration_seconds';
/**
 * The bucket at the threshold picked. Prometheus 3 may write bucket bounds
 * in float form (`le="20.0"`), older versions and the OTLP translation as
 * `le="20"`: the regex takes either.
 */
const WITHIN_THRESHOLD = 'le=~"$threshold(\\\\.0)?"';

export const waitAndHold: Section = {
  id: 27,
  title: 'Time to answer and hold',
  panels: [
    barGauge({
      id: 28,
      title: 'Average time to answer by channel',
      description:
        "How long do contacts wait before an operator answers, per channel, over the selected period? Average of call_center.contact.wait.duration: the attend minus the contact's start time (contact_start_time); attends that carry no start time are not counted.",
      datasource: PROMETHEUS,
      targets: [prometheusInstant({ expr: histogramMean({ by: CHANNEL, histogram: WAIT, window: RANGE }), legend: '{{call_center_contact_channel}}' })],
      unit: 's',
      width: 6,
      height: 8,
    }),
    barGauge({
      id: 29,
      title: 'Service level by channel (answered within $threshold s)',
      description:
        'What share of contacts did we answer within the target time, per channel, over the selected period? Contacts whose time to answer was at most the target picked in "Answered within" (10, 20, 30 or 60 s; 20 by default), divided by all contacts with a time to answer, from the call_center.contact.wait.duration histogram, whose buckets end exactly at those targets.',
      datasource: PROMETHEUS,
      targets: [
        prometheusInstant({
          expr: ratio(
            sumIncrease({ by: CHANNEL, series: `${WAIT}_bucket`, matchers: [WITHIN_THRESHOLD], window: RANGE }),
            sumIncrease({ by: CHANNEL, series: `${WAIT}_count`, window: RANGE }),
          ),
          legend: '{{call_center_contact_channel}}',
        }),
      ],
      unit: 'percentunit',
      decimals: 1,
      width: 6,
      height: 8,
    })
      .max(1)
      // Higher is better here: red below 70 %, orange to 80 %, green from the usual 80 % target.
      .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.Thresholds))
      .thresholds(thresholds('red', [0.7, 'orange'], [0.8, 'green'])),
    barGauge({
      id: 30,
      title: 'Average hold time by channel',
      description:
        "How long does a hold last, per channel, over the selected period? Average of call_center.contact.hold.duration: each hold from a pause to the next resume (or to the contact's end); a contact held twice counts twice.",
      datasource: PROMETHEUS,
      targets: [prometheusInstant({ expr: histogramMean({ by: CHANNEL, histogram: HOLD, window: RANGE }), legend: '{{call_center_contact_channel}}' })],
      unit: 's',
      width: 6,
      height: 8,
    }),
    barGauge({
      id: 31,
      title: 'Hold rate by channel',
      description:
        'How often do operators put contacts on hold, per channel, over the selected period? Holds per handled contact: the holds recorded (count of call_center.contact.hold.duration) divided by the contacts ended or terminated (count of call_center.contact.duration, force-ended contacts left out). 0.25 is one hold every four contacts; a contact held twice counts twice, so the rate can pass 1.',
      datasource: PROMETHEUS,
      targets: [
        prometheusInstant({
          expr: ratio(
            sumIncrease({ by: CHANNEL, series: `${HOLD}_count`, window: RANGE }),
            sumIncrease({
              by: CHANNEL,
              series: 'call_center_contact_duration_seconds_count',
              matchers: ['call_center_contact_end_reason=~"end|terminate"'],
              window: RANGE,
            }),
          ),
          legend: '{{call_center_contact_channel}}',
        }),
      ],
      unit: 'none',
      decimals: 2,
      width: 6,
      height: 8,
    }),
    spanTable({
      id: 32,
      title: 'Contacts with long holds',
      description:
        'Which contacts were kept on hold longest, and by whom? Contact spans (Tempo) whose total time on hold (call_center.contact.hold_time) reached a minute, newest first, with the number of holds and the time to answer; sort the table by hold time, or open a trace to see each pause and resume.',
      datasource: TEMPO,
      targets: [
        traceqlSpans(
          '{ resource.service.name =~ "${service:regex}" && name = "call_center.contact" && span.call_center.contact.hold_time >= 60 } | select(span.call_center.operator.name, span.call_center.contact.channel, span.call_center.contact.type, span.call_center.contact.hold_count, span.call_center.contact.hold_time, span.call_center.contact.wait_time)',
        ),
      ],
      width: 24,
      height: 8,
    }),
  ],
};
