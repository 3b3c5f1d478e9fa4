/* Breaks: time on break and overruns, from the break metrics, the break end log records and the break spans. */
import { sumOverTime, unwrap } from '../logql.ts';
import { barGauge, spanTable, type Section } from '../panels.ts';
import { sumIncrease } from '../promql.ts';
import { LOKI, lokiInstant, PROMETHEUS, prometheusInstant, RANGE, TEMPO, traceqlSpans } from '../targets.ts';

export const breaks: Section = {
  id: 13,
  title: 'Breaks',
  panels: [
    barGauge({
      id: 14,
      title: 'Time on break by break type',
      description:
        'How much time went to each kind of break in the selected period? Sum of break span durations (start to end) per break type; breaks the instrumentation force-ended are left out.',
      datasource: PROMETHEUS,
      targets: [
        prometheusInstant({
          expr: sumIncrease({
            by: ['call_center_break_type'],
            series: 'call_center_break_duration_seconds_sum',
            matchers: ['call_center_break_end_reason="end"'],
            window: RANGE,
          }),
          legend: '{{call_center_break_type}}',
        }),
      ],
      unit: 's',
      width: 6,
      height: 8,
    }),
    barGauge({
      id: 15,
      title: 'Break overruns by break type',
      description: 'Which kinds of break run over their allotted time? Breaks whose consumed time exceeded their total time, per break type, in the selected period.',
      datasource: PROMETHEUS,
      targets: [
        prometheusInstant({
          expr: sumIncrease({ by: ['call_center_break_type'], series: 'call_center_break_overruns_total', window: RANGE }),
          legend: '{{call_center_break_type}}',
        }),
      ],
      unit: 'short',
      decimals: 0,
      width: 6,
      height: 8,
    }),
    barGauge({
      id: 16,
      title: 'Time on break per operator',
      description:
        'How long was each operator on break in the selected period? Sum of the consumed time the platform reports on break end events (Loki log records), per operator.',
      datasource: LOKI,
      targets: [
        lokiInstant({
          expr: sumOverTime({
            by: ['call_center_operator_id', 'call_center_operator_name'],
            over: 'sum_over_time',
            stages: ['call_center_break_action="end"', ...unwrap('call_center_break_consumed_time')],
            window: RANGE,
          }),
          legend: '{{call_center_operator_name}} ({{call_center_operator_id}})',
        }),
      ],
      unit: 's',
      width: 12,
      height: 8,
    }),
    spanTable({
      id: 17,
      title: 'Break overruns per operator',
      description:
        'Who ran over their break, on which break, and by how much? Break spans marked call_center.break.overrun = true (Tempo), with operator, break type, allotted and consumed time.',
      datasource: TEMPO,
      targets: [
        traceqlSpans(
          '{ resource.service.name =~ "${service:regex}" && name = "call_center.break" && span.call_center.break.overrun = true } | select(span.call_center.operator.id, span.call_center.operator.name, span.call_center.break.type, span.call_center.break.total_time, span.call_center.break.consumed_time)',
        ),
      ],
      width: 24,
      height: 8,
    }),
  ],
};
