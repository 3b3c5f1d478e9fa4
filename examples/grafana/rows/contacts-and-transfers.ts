/* Contacts handled and transfers, counted from the contact log records in Loki. */
import { sumOverTime } from '../logql.ts';
import { barGauge, singleStat, thresholds, type Section } from '../panels.ts';
import { ratio } from '../promql.ts';
import { LOKI, lokiInstant, RANGE } from '../targets.ts';

const HANDLED = 'call_center_contact_action=~"end|terminate"';
const TRANSFER = 'call_center_contact_action="transfer"';
const OPERATOR = ['call_center_operator_id', 'call_center_operator_name'];

export const contactsAndTransfers: Section = {
  id: 5,
  title: 'Contacts handled and transfers',
  panels: [
    barGauge({
      id: 6,
      title: 'Contacts handled per operator',
      description: 'How many contacts did each operator handle in the selected period? Count of contact end and terminate events (Loki log records), per operator.',
      datasource: LOKI,
      targets: [
        lokiInstant({
          expr: sumOverTime({ by: OPERATOR, over: 'count_over_time', stages: [HANDLED], window: RANGE }),
          legend: '{{call_center_operator_name}} ({{call_center_operator_id}})',
        }),
      ],
      unit: 'short',
      decimals: 0,
      width: 8,
      height: 9,
    }),
    singleStat({
      id: 7,
      title: 'Transfers',
      description: 'How many transfers happened in the selected period? Count of contact transfer events (Loki log records).',
      datasource: LOKI,
      targets: [
        lokiInstant({
          expr: `${sumOverTime({ by: [], over: 'count_over_time', stages: [TRANSFER], window: RANGE })} or vector(0)`,
          legend: 'transfers',
        }),
      ],
      unit: 'short',
      decimals: 0,
      thresholds: thresholds('blue'),
      width: 4,
      height: 9,
    }),
    singleStat({
      id: 8,
      title: 'Transfer rate',
      description:
        'What share of handled contacts needed a transfer? Transfer events divided by contact end and terminate events in the selected period (a contact transferred twice counts twice).',
      datasource: LOKI,
      targets: [
        lokiInstant({
          expr: ratio(
            sumOverTime({ by: [], over: 'count_over_time', stages: [TRANSFER], window: RANGE }),
            sumOverTime({ by: [], over: 'count_over_time', stages: [HANDLED], window: RANGE }),
          ),
          legend: 'transfer rate',
        }),
      ],
      unit: 'percentunit',
      decimals: 1,
      thresholds: thresholds('green', [0.15, 'orange'], [0.3, 'red']),
      width: 4,
      height: 9,
    }),
    barGauge({
      id: 9,
      title: 'Transfers by destination',
      description: 'Where do transferred contacts go? Transfer events per transfer destination in the selected period.',
      datasource: LOKI,
      targets: [
        lokiInstant({
          expr: sumOverTime({ by: ['call_center_transfer_destination'], over: 'count_over_time', stages: [TRANSFER], window: RANGE }),
          legend: '{{call_center_transfer_destination}}',
        }),
      ],
      unit: 'short',
      decimals: 0,
      width: 8,
      height: 9,
    }),
  ],
};
