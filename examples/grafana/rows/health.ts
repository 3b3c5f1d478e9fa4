/* Instrumentation health: rejected events, force-ended spans and open contacts, from the plugin's own metrics. */
import { barGauge, timeSeries, type Section } from '../panels.ts';
import { selector, sum, sumIncrease } from '../promql.ts';
import { PROMETHEUS, prometheusInstant, prometheusRange, RANGE, RATE_INTERVAL } from '../targets.ts';

export const health: Section = {
  id: 23,
  title: 'Instrumentation health',
  panels: [
    timeSeries({
      id: 24,
      title: 'Rejected events by reason',
      description:
        'Is the platform sending events the contract refuses, and why? Rejected ingest events per event type and rejection reason (missing_field, invalid_value, redaction_failed, ...), per interval.',
      datasource: PROMETHEUS,
      targets: [
        prometheusRange({
          expr: sumIncrease({
            by: ['call_center_event_type', 'call_center_rejection_reason'],
            series: 'call_center_events_rejected_total',
            window: RATE_INTERVAL,
          }),
          legend: '{{call_center_event_type}}: {{call_center_rejection_reason}}',
        }),
      ],
      unit: 'short',
      draw: 'bars',
      stacked: true,
      minInterval: '5m',
      width: 8,
      height: 7,
    }),
    barGauge({
      id: 25,
      title: 'Contacts and breaks force-ended by reason',
      description:
        'Are spans being closed by the instrumentation instead of by an end event? Contacts and breaks ended by timeout, eviction, disable, shutdown or page hide in the selected period, per end reason.',
      datasource: PROMETHEUS,
      targets: [
        prometheusInstant({
          expr: sumIncrease({ by: ['call_center_contact_end_reason'], series: 'call_center_contacts_force_ended_total', window: RANGE }),
          legend: 'contact: {{call_center_contact_end_reason}}',
        }),
        prometheusInstant({
          expr: sumIncrease({ by: ['call_center_break_end_reason'], series: 'call_center_breaks_force_ended_total', window: RANGE }),
          legend: 'break: {{call_center_break_end_reason}}',
          refId: 'B',
        }),
      ],
      unit: 'short',
      decimals: 0,
      width: 8,
      height: 7,
    }),
    timeSeries({
      id: 26,
      title: 'Active contacts by channel',
      description: 'How many contacts are open right now, per channel? Open contact spans (call_center.contacts.active), summed over every process.',
      datasource: PROMETHEUS,
      targets: [
        prometheusRange({
          expr: sum(['call_center_contact_channel'], `call_center_contacts_active${selector()}`),
          legend: '{{call_center_contact_channel}}',
        }),
      ],
      unit: 'short',
      draw: 'lines',
      stacked: true,
      width: 8,
      height: 7,
    }),
  ],
};
