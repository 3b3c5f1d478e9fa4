/* Quality: the ops scorecards' quality score and fatal calls, from their log records in Loki. */
import { logs, sumOverTime, unwrap } from '../logql.ts';
import { barGauge, type Section } from '../panels.ts';
import { LOKI, lokiInstant, RANGE } from '../targets.ts';

const GROUP = 'call_center_ops_scorecard_performance_group';

/** Scorecard records that carry `label`, its value unwrapped. */
const scorecards = (label: string): string[] => [`${label}!=""`, ...unwrap(label)];

export const quality: Section = {
  id: 18,
  title: 'Quality',
  panels: [
    barGauge({
      id: 19,
      title: 'Average quality score by performance group',
      description:
        "How do quality scores compare across performance groups? Average call_center.ops_scorecard.quality_score of the ops scorecards (Loki log records) in the selected period, per performance group. Scorecards reach Loki through the collector's scorecard pipeline (CC_SCORECARDS_OTLP_ENDPOINT).",
      datasource: LOKI,
      targets: [
        lokiInstant({
          expr: `avg_over_time(${logs(scorecards('call_center_ops_scorecard_quality_score'))} [${RANGE}]) by (${GROUP})`,
          legend: `{{${GROUP}}}`,
        }),
      ],
      unit: 'none',
      decimals: 1,
      width: 12,
      height: 8,
    }),
    barGauge({
      id: 20,
      title: 'Fatal calls by performance group',
      description: 'Where do fatal calls concentrate? Sum of call_center.ops_scorecard.fatal_calls over the scorecards in the selected period, per performance group.',
      datasource: LOKI,
      targets: [
        lokiInstant({
          expr: sumOverTime({ by: [GROUP], over: 'sum_over_time', stages: scorecards('call_center_ops_scorecard_fatal_calls'), window: RANGE }),
          legend: `{{${GROUP}}}`,
        }),
      ],
      unit: 'short',
      decimals: 0,
      width: 12,
      height: 8,
    }),
  ],
};
