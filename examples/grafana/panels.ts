/*
 * The four kinds of panel the dashboard uses, each with the look every panel
 * of that kind shares, so that a row says only what its panels show.
 */
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';

/** What every panel states: where it sits, what it answers, and its queries. */
export interface PanelSpec {
  /** Stable: links to a panel (`viewPanel=<id>`) use it, so a new panel takes a new number. */
  id: number;
  title: string;
  /** Starts with the supervisor's question the panel answers. */
  description: string;
  datasource: dashboard.DataSourceRef;
  targets: Array<cog.Builder<cog.Dataquery>>;
  /** Grid columns, of 24. */
  width: number;
  /** Grid rows. */
  height: number;
}

/** What a field shows: its unit and, where the unit leaves it open, its decimals. */
export interface Values {
  /** A Grafana unit id: `s`, `short`, `percentunit`, `none`, … */
  unit: string;
  decimals?: number;
}

/** The methods every SDK panel builder has, by the same name. */
interface AnyPanelBuilder {
  id(id: number): unknown;
  title(title: string): unknown;
  description(description: string): unknown;
  datasource(datasource: dashboard.DataSourceRef): unknown;
  withTarget(target: cog.Builder<cog.Dataquery>): unknown;
  span(width: number): unknown;
  height(height: number): unknown;
  unit(unit: string): unknown;
  decimals(decimals: number): unknown;
}

function framed<T extends AnyPanelBuilder>(builder: T, spec: PanelSpec & Partial<Values>): T {
  builder.id(spec.id);
  builder.title(spec.title);
  builder.description(spec.description);
  builder.datasource(spec.datasource);
  for (const target of spec.targets) builder.withTarget(target);
  builder.span(spec.width);
  builder.height(spec.height);
  if (spec.unit !== undefined) builder.unit(spec.unit);
  if (spec.decimals !== undefined) builder.decimals(spec.decimals);
  return builder;
}

const lastValue = (): cog.Builder<common.ReduceDataOptions> => new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).fields('').values(false);

/** Thresholds from a base colour, then `[value, colour]` steps upwards. */
export function thresholds(base: string, ...steps: Array<[number, string]>): cog.Builder<dashboard.ThresholdsConfig> {
  return new dashboard.ThresholdsConfigBuilder()
    .mode(dashboard.ThresholdsMode.Absolute)
    .steps([{ color: base, value: null }, ...steps.map(([value, color]) => ({ color, value }))]);
}

/** One horizontal bar per series, its value at the end of the range, coloured by size. */
export function barGauge(spec: PanelSpec & Values): bargauge.PanelBuilder {
  return framed(new bargauge.PanelBuilder(), spec)
    .orientation(common.VizOrientation.Horizontal)
    .displayMode(common.BarGaugeDisplayMode.Basic)
    .showUnfilled(true)
    .valueMode(common.BarGaugeValueMode.Color)
    .namePlacement(common.BarGaugeNamePlacement.Auto)
    .sizing(common.BarGaugeSizing.Auto)
    .minVizHeight(16)
    .minVizWidth(8)
    .maxVizHeight(300)
    .reduceOptions(lastValue())
    .min(0)
    .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.ContinuousBlYlRd))
    .thresholds(thresholds('green'));
}

/** One big number, coloured by the thresholds given. */
export function singleStat(spec: PanelSpec & Values & { thresholds: cog.Builder<dashboard.ThresholdsConfig> }): stat.PanelBuilder {
  return framed(new stat.PanelBuilder(), spec)
    .reduceOptions(lastValue())
    .orientation(common.VizOrientation.Auto)
    .textMode(common.BigValueTextMode.Value)
    .colorMode(common.BigValueColorMode.Value)
    .graphMode(common.BigValueGraphMode.None)
    .justifyMode(common.BigValueJustifyMode.Auto)
    .wideLayout(true)
    .showPercentChange(false)
    .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.Thresholds))
    .thresholds(spec.thresholds);
}

export interface Plot {
  /** `lines` for a level or an average, `bars` for counts per interval. */
  draw: 'lines' | 'bars';
  /** Series stacked on each other, so the top is the total. */
  stacked: boolean;
  /** Shortest step, for metrics exported about once a minute. */
  minInterval?: string;
}

/** Series over time, the legend below, every series in the tooltip. */
export function timeSeries(spec: PanelSpec & Values & Plot): timeseries.PanelBuilder {
  const builder = framed(new timeseries.PanelBuilder(), spec)
    .legend(new common.VizLegendOptionsBuilder().displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom).showLegend(true).calcs([]))
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending))
    .min(0)
    .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.PaletteClassic))
    .drawStyle(spec.draw === 'bars' ? common.GraphDrawStyle.Bars : common.GraphDrawStyle.Line)
    .lineWidth(1)
    .fillOpacity(spec.draw === 'bars' ? 80 : 10)
    .showPoints(common.VisibilityMode.Never)
    .spanNulls(false)
    .stacking(new common.StackingConfigBuilder().mode(spec.stacked ? common.StackingMode.Normal : common.StackingMode.None).group('A'))
    .axisPlacement(common.AxisPlacement.Auto)
    .thresholds(thresholds('green'));
  if (spec.minInterval !== undefined) builder.interval(spec.minInterval);
  return builder;
}

/** A table of spans from a TraceQL search, each row opening its trace. */
export function spanTable(spec: PanelSpec): table.PanelBuilder {
  return framed(new table.PanelBuilder(), spec)
    .showHeader(true)
    .cellHeight(common.TableCellHeight.Sm)
    .footer(new common.TableFooterOptionsBuilder().show(false).reducer(['sum']))
    .align(common.FieldTextAlignment.Auto)
    .filterable(true);
}

/** A row of the dashboard: its heading and the panels under it, laid out left to right. */
export interface Section {
  /** Stable, like a panel's. */
  id: number;
  title: string;
  panels: Array<cog.Builder<dashboard.Panel>>;
}
