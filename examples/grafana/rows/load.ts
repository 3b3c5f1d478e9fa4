/* Priority and emergency load: contacts attended per interval, from the attend log records in Loki. */
import { sumOverTime } from '../logql.ts';
import { timeSeries, type PanelSpec, type Section } from '../panels.ts';
import { INTERVAL, LOKI, lokiRange } from '../targets.ts';

/** Attended contacts that pass `filter`, per channel, per interval, as stacked bars. */
function attendedPerChannel(spec: Omit<PanelSpec, 'datasource' | 'targets' | 'width' | 'height'> & { filter: string }) {
  return timeSeries({
    ...spec,
    datasource: LOKI,
    targets: [
      lokiRange({
        expr: sumOverTime({
          by: ['call_center_contact_channel'],
          over: 'count_over_time',
          stages: ['call_center_contact_action="attend"', spec.filter],
          window: INTERVAL,
        }),
        legend: '{{call_center_contact_channel}}',
      }),
    ],
    unit: 'short',
    draw: 'bars',
    stacked: true,
    width: 12,
    height: 8,
  });
}

export const load: Section = {
  id: 10,
  title: 'Priority and emergency load',
  panels: [
    attendedPerChannel({
      id: 11,
      title: 'Priority contacts attended, by channel',
      description: 'How much priority work is arriving, and when? Contacts attended with call_center.contact.is_priority = true, per channel, per interval.',
      filter: 'call_center_contact_is_priority="true"',
    }),
    attendedPerChannel({
      id: 12,
      title: 'Emergency contacts attended, by channel',
      description: 'How many emergencies are we taking, and when? Contacts of type emergency attended, per channel, per interval.',
      filter: 'call_center_contact_type="emergency"',
    }),
  ],
};
