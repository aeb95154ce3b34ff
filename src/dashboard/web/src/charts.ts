// uPlot line charts that keep one plot per chart and update its data on every poll (no flicker, the
// legend's hover state survives). The plot is created on the first update, once the wrapper is in
// the page and has a width, and follows the wrapper's width afterwards.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h } from './dom.ts';

export interface LineSeries {
  label: string;
  colour: string;
  /** Values on a second axis on the right (e.g. a share next to counts). */
  scale?: 'right';
  dash?: number[];
}

export interface LineChartOptions {
  /** Text for screen readers and the caption under the chart. */
  description: string;
  testId: string;
  /** x values are epoch seconds (uPlot's time axis); otherwise plain numbers. */
  time: boolean;
  xLabel?: string;
  series: readonly LineSeries[];
  formatLeft: (value: number | null) => string;
  formatRight?: (value: number | null) => string;
  formatX?: (value: number) => string;
  /** The left axis counts things: ticks at whole numbers only. */
  integerLeft?: boolean;
  /** Mark some x positions (drift markers): drawn as red rings. */
  markers?: () => readonly { x: number; y: number }[];
}

const HEIGHT = 260;
const INTEGER_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 1_000_000];

/** A time tick in UTC, like the API's times: the date at midnight, else the hour. */
function utcTick(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return iso.slice(11, 16) === '00:00' ? iso.slice(5, 10) : iso.slice(11, 16);
}
const AXIS = { stroke: '#1a1f24', grid: { stroke: '#d0d7de', width: 1 }, ticks: { stroke: '#8c959f', width: 1 } };

export class LineChart {
  readonly element: HTMLElement;
  private readonly plotArea: HTMLElement;
  private plot: uPlot | null = null;
  private readonly resize: ResizeObserver;

  constructor(private readonly options: LineChartOptions) {
    this.plotArea = h('div', { class: 'chart-plot' });
    this.element = h('figure', { class: 'chart', 'data-testid': options.testId, role: 'group', 'aria-label': options.description }, this.plotArea, h('figcaption', {}, options.description));
    this.resize = new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: HEIGHT }));
    this.resize.observe(this.plotArea);
  }

  private width(): number {
    return Math.max(240, Math.floor(this.plotArea.clientWidth));
  }

  /** `x` ascending; `ys[i]` aligned with `x`, one array per series. */
  update(x: readonly number[], ys: readonly (readonly (number | null)[])[]): void {
    const data = [Array.from(x), ...ys.map((values) => Array.from(values))] as uPlot.AlignedData;
    this.element.dataset.points = String(x.length);
    if (this.plot === null) {
      this.plot = new uPlot(this.plotOptions(), data, this.plotArea);
      return;
    }
    this.plot.setData(data);
  }

  private plotOptions(): uPlot.Options {
    const { options } = this;
    const right = options.formatRight;
    const formatXAxis = options.time ? utcTick : options.formatX;
    const axes: uPlot.Axis[] = [
      { ...AXIS, label: options.xLabel, values: formatXAxis === undefined ? undefined : (_plot, splits) => splits.map((value) => formatXAxis(value)) },
      { ...AXIS, size: 80, ...(options.integerLeft === true ? { incrs: INTEGER_STEPS } : {}), values: (_plot, splits) => splits.map((value) => options.formatLeft(value)) },
    ];
    if (right !== undefined) axes.push({ ...AXIS, scale: 'right', side: 1, size: 70, grid: { show: false }, values: (_plot, splits) => splits.map((value) => right(value)) });
    const markers = options.markers;
    return {
      width: this.width(),
      height: HEIGHT,
      ...(options.time ? { tzDate: (seconds: number) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC') } : {}),
      // Amounts and counts are read against zero, so the value axes always include it.
      scales: { x: { time: options.time }, y: { range: withZero }, ...(right === undefined ? {} : { right: { range: withZero } }) },
      axes,
      series: [
        { label: options.xLabel ?? 'time', value: options.formatX === undefined ? undefined : (_plot, value) => (value === null ? '—' : (options.formatX?.(value) ?? String(value))) },
        ...options.series.map((series): uPlot.Series => ({
          label: series.label,
          stroke: series.colour,
          width: 2,
          dash: series.dash,
          scale: series.scale === 'right' ? 'right' : 'y',
          points: { show: true, size: 5 },
          value: (_plot, value) => (series.scale === 'right' && right !== undefined ? right(value) : options.formatLeft(value)),
        })),
      ],
      hooks: markers === undefined ? {} : { draw: [(plot) => drawMarkers(plot, markers())] },
    };
  }

  destroy(): void {
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = null;
  }
}

function withZero(_plot: uPlot, min: number | null, max: number | null): uPlot.Range.MinMax {
  const low = Math.min(0, min ?? 0);
  const high = Math.max(max ?? 0, low);
  return [low, high === low ? low + 1 : high + (high - low) * 0.08];
}

function drawMarkers(plot: uPlot, points: readonly { x: number; y: number }[]): void {
  const context = plot.ctx;
  context.save();
  context.strokeStyle = '#cf222e';
  context.lineWidth = 2 * devicePixelRatio;
  for (const point of points) {
    const left = plot.valToPos(point.x, 'x', true);
    const top = plot.valToPos(point.y, 'y', true);
    context.beginPath();
    context.arc(left, top, 7 * devicePixelRatio, 0, 2 * Math.PI);
    context.stroke();
  }
  context.restore();
}
