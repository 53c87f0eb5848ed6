/**
 * The report charts (recharts, SVG). Colours come from the theme's CSS variables, read again when
 * the theme changes, so light and dark both look right. Each chart is an image with a summary for
 * assistive technology; the table under it carries the figures.
 */
import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ChartColors {
  accent: string;
  accentSoft: string;
  success: string;
  danger: string;
  warning: string;
  grid: string;
  text: string;
  muted: string;
  raised: string;
}

function readColors(): ChartColors {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    accent: v('--accent', '#4f5bd5'),
    accentSoft: v('--accent-soft', '#e6e8fb'),
    success: v('--success', '#1f8a4c'),
    danger: v('--danger', '#c43c3c'),
    warning: v('--warning', '#b7791f'),
    grid: v('--line', '#e3e3e8'),
    text: v('--text-2', '#5f6068'),
    muted: v('--text-3', '#8b8c94'),
    raised: v('--bg-raised', '#ffffff'),
  };
}

export function useChartColors(): ChartColors {
  const [colors, setColors] = useState(readColors);
  useEffect(() => {
    const observer = new MutationObserver(() => setColors(readColors()));
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme', 'class'],
    });
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onMedia = () => setColors(readColors());
    media.addEventListener('change', onMedia);
    return () => {
      observer.disconnect();
      media.removeEventListener('change', onMedia);
    };
  }, []);
  return colors;
}

export interface BarSeries {
  key: string;
  label: string;
  color: string;
  /** Series with the same stack id are drawn on top of each other. */
  stack?: string;
}

/** A bar chart over named rows: one bar (or stack) per series. */
export function Bars({
  rows,
  category,
  series,
  format,
  label,
  layout = 'horizontal',
  height = 220,
}: {
  rows: readonly object[];
  /** The field of each row that names it (the month, the stage…). */
  category: string;
  series: readonly BarSeries[];
  /** Formats values on the axis and in the tooltip. */
  format(value: number): string;
  /** What the chart shows, for assistive technology. */
  label: string;
  layout?: 'horizontal' | 'vertical';
  height?: number;
}) {
  const c = useChartColors();
  const vertical = layout === 'vertical';
  const axisProps = { stroke: c.grid, tick: { fill: c.muted, fontSize: 11 }, tickLine: false };
  // With nothing to show, the value axis marks only zero (left alone, it counts 0 to 4 in pence).
  const empty = rows.every((row) =>
    series.every((s) => !Number((row as Record<string, unknown>)[s.key] ?? 0)),
  );
  const valueAxis = {
    ...axisProps,
    tickFormatter: (v: number) => format(v),
    ...(empty ? { ticks: [0], domain: [0, 1] as [number, number] } : {}),
  };
  return (
    <div className="report-chart" role="img" aria-label={label} style={{ height }}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height }}>
        <BarChart
          data={rows as Record<string, unknown>[]}
          layout={vertical ? 'vertical' : 'horizontal'}
          margin={{ top: 8, right: 12, bottom: 0, left: vertical ? 8 : 0 }}
          barCategoryGap="22%"
        >
          <CartesianGrid stroke={c.grid} strokeDasharray="2 4" vertical={vertical} horizontal={!vertical} />
          {vertical ? (
            <>
              <XAxis type="number" {...valueAxis} />
              <YAxis type="category" dataKey={category} {...axisProps} width={120} />
            </>
          ) : (
            <>
              <XAxis dataKey={category} {...axisProps} interval="preserveStartEnd" minTickGap={8} />
              <YAxis {...valueAxis} width={64} />
            </>
          )}
          <Tooltip
            cursor={{ fill: c.accentSoft, opacity: 0.5 }}
            contentStyle={{
              background: c.raised,
              border: `0.5px solid ${c.grid}`,
              borderRadius: 8,
              fontSize: 12,
              color: c.text,
            }}
            formatter={(value) => format(Number(value))}
          />
          {series.length > 1 ? (
            <Legend
              iconType="circle"
              iconSize={8}
              wrapperStyle={{ fontSize: 12, color: c.text }}
              // In the order the series are given, not by name.
              itemSorter={(item) => series.findIndex((s) => s.label === item.value)}
            />
          ) : null}
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={s.color}
              radius={s.stack ? 0 : vertical ? [0, 3, 3, 0] : [3, 3, 0, 0]}
              maxBarSize={36}
              isAnimationActive={false}
              {...(s.stack ? { stackId: s.stack } : {})}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
