/* Contact traces: the latest contact spans from Tempo, each opening its trace. */
import { spanTable, type Section } from '../panels.ts';
import { TEMPO, traceqlSpans } from '../targets.ts';

export const contactTraces: Section = {
  id: 21,
  title: 'Contact traces',
  panels: [
    spanTable({
      id: 22,
      title: 'Recent contacts',
      description:
        'What were the latest contacts, who handled them and how did they end? Contact spans (Tempo), newest first; open a trace to see every pause, resume, transfer and update as span events.',
      datasource: TEMPO,
      targets: [
        traceqlSpans(
          '{ resource.service.name =~ "${service:regex}" && name = "call_center.contact" } | select(span.call_center.operator.name, span.call_center.contact.channel, span.call_center.contact.type, span.call_center.contact.is_priority, span.call_center.contact.is_transfer, span.call_center.contact.resolution, span.call_center.contact.end_reason)',
        ),
      ],
      width: 24,
      height: 10,
    }),
  ],
};
