/* Handle time: the contact span's duration, from the call_center.contact.duration histogram. */
import { barGauge, timeSeries, type Section } from '../panels.ts';
import { histogramMean } from '../promql.ts';
import { PROMETHEUS, prometheusInstant, prometheusRange, RANGE, RATE_INTERVAL } from '../targets.ts';

const HANDLE_TIME = 'call_center_contact_duration_seconds';
/** Contacts ended by the platform; those the instrumentation force-ended are counted in the health row instead. */
const HANDLED = ['call_center_contact_end_reason=~"end|terminate"'];

export const handleTime: Section = {
  id: 1,
  title: 'Handle time',
  panels: [
    barGauge({
      id: 2,
      title: 'Average handle time by channel',
      description:
        'What is our average handle time (AHT) per channel over the selected period? Contact span duration, attend to end or terminate, from the call_center.contact.duration histogram; contacts the instrumentation force-ended (timeout, eviction, shutdown) are left out.',
      datasource: PROMETHEUS,
      targets: [
        prometheusInstant({
          expr: histogramMean({ by: ['call_center_contact_channel'], histogram: HANDLE_TIME, matchers: HANDLED, window: RANGE }),
          legend: '{{call_center_contact_channel}}',
        }),
      ],
      unit: 's',
      width: 8,
      height: 8,
    }),
    barGauge({
      id: 3,
      title: 'Average handle time by contact type',
      description:
        'Which kinds of contact (emergency, follow-up, grievance, ...) take longest to handle? Average contact span duration per contact type over the selected period, force-ended contacts left out.',
      datasource: PROMETHEUS,
      targets: [
        prometheusInstant({
          expr: histogramMean({ by: ['call_center_contact_type'], histogram: HANDLE_TIME, matchers: HANDLED, window: RANGE }),
          legend: '{{call_center_contact_type}}',
        }),
      ],
      unit: 's',
      width: 8,
      height: 8,
    }),
    timeSeries({
      id: 4,
      title: 'Average handle time trend by channel',
      description:
        'Is handle time going up or down during the shift? Average contact span duration per channel over a moving window (at least 5 minutes, since SDKs export metrics about once a minute).',
      datasource: PROMETHEUS,
      targets: [
        prometheusRange({
          expr: histogramMean({ by: ['call_center_contact_channel'], histogram: HANDLE_TIME, matchers: HANDLED, window: RATE_INTERVAL }),
          legend: '{{call_center_contact_channel}}',
        }),
      ],
      unit: 's',
      draw: 'lines',
      stacked: false,
      minInterval: '5m',
      width: 8,
      height: 8,
    }),
  ],
};
