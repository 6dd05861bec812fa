/**
 * One uPlot chart (a histogram's bars or a timeline's lines), sized to its container, redrawn
 * when the data or the theme changes. Axis labels and colours come from the theme, so it reads in
 * both; the canvas is an image to assistive technology (its label names the table beside it).
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartHandle {
  canvas(): HTMLCanvasElement | undefined;
}

export interface ChartSeries {
  label: string;
  values: number[];
  color: string;
}

/** One colour per phase, distinguishable from each other and readable on each theme's background. */
export function chartColors(theme: 'light' | 'dark'): string[] {
  return theme === 'dark' ? ['#f29718', '#59c2ff', '#95e6cb', '#d2a6ff'] : ['#9a4d00', '#0b57d0', '#1a7f37', '#8250df'];
}

interface Props {
  kind: 'histogram' | 'lines';
  title: string;
  x: number[];
  series: ChartSeries[];
  xLabel: string;
  yLabel: string;
  theme: 'light' | 'dark';
  ariaLabel: string;
  handle?: React.RefObject<ChartHandle | null>;
}

export function LabChart({ kind, title, x, series, xLabel, yLabel, theme, ariaLabel, handle }: Props) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const style = getComputedStyle(el);
    const fg = style.getPropertyValue('--fg').trim() || (theme === 'dark' ? '#e6e1cf' : '#1f2328');
    const grid = style.getPropertyValue('--border').trim() || '#8c959f';
    const axis = (label: string): uPlot.Axis => ({
      label,
      stroke: fg,
      grid: { stroke: grid, width: 0.5 },
      ticks: { stroke: grid },
      labelFont: '12px sans-serif',
      font: '11px sans-serif',
    });
    const width = () => Math.max(200, Math.floor(el.clientWidth || 300));
    const bars = uPlot.paths.bars?.({ size: [0.9, 40] });
    const opts: uPlot.Options = {
      title,
      width: width(),
      height: kind === 'histogram' ? 160 : 220,
      scales: { x: { time: false } },
      axes: [axis(xLabel), axis(yLabel)],
      legend: { show: kind === 'lines' },
      cursor: { show: kind === 'lines' },
      series: [
        { label: xLabel },
        ...series.map((s) =>
          kind === 'histogram'
            ? { label: s.label, stroke: s.color, fill: `${s.color}99`, ...(bars ? { paths: bars } : {}), points: { show: false } }
            : { label: s.label, stroke: s.color, width: 1.5, points: { show: x.length <= 60 } },
        ),
      ],
    };
    const plot = new uPlot(opts, [x, ...series.map((s) => s.values)], el);
    // The title uPlot draws is text; keep it, but the chart as a whole is one image to a screen reader.
    if (handle) handle.current = { canvas: () => plot.ctx.canvas };
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: opts.height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
      if (handle) handle.current = null;
    };
  }, [kind, title, x, series, xLabel, yLabel, theme, handle]);
  return <div ref={host} className="lab-chart" role="img" aria-label={ariaLabel} />;
}
