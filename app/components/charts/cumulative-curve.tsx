import { Area, AreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { formatPercent } from "~/core/format";
import { formatThreshold, TIMED_WINDOWS, type WindowThresholds } from "~/core/windows";
import { ChartFrame, ChartCard, COLORS, TooltipBox, tooltipRow } from "./chart-card";

type Props = {
  curve: { closed: number; points: { hour: number; followed: number; share: number | null }[] };
  /** The organization's thresholds: a dashed line marks each. */
  thresholds: WindowThresholds;
};

/** Share of interviews followed up by hour t; interviews never answered stay in the denominator. */
export function CumulativeCurve({ curve, thresholds }: Props) {
  const data = curve.points.map((p) => ({ ...p, percent: p.share === null ? null : p.share * 100 }));
  const marks = TIMED_WINDOWS.map((w) => ({
    window: w,
    hour: thresholds[w] / 60,
    label: formatThreshold(thresholds[w]),
  }));
  const at = (h: number) => data.find((p) => p.hour >= h) ?? data[data.length - 1];
  const last = data[data.length - 1];
  return (
    <ChartCard
      title="Share of interviews followed up, by hours after the interview"
      description={`Of the ${curve.closed.toLocaleString("en")} interviews whose windows have closed (each had the full time to be answered), the share with a follow-up by each hour. Interviews never answered stay in the count, so the curve ends at the follow-up rate, not at 100%.`}
      summary={marks.map((m) => `by ${m.label}: ${formatPercent(at(m.hour)?.share)}`).join("; ")}
      height={260}
      empty={
        curve.closed === 0
          ? "No interview matching these filters has reached the end of its windows yet."
          : null
      }
      table={{
        caption: "Share of interviews followed up by hour",
        head: ["By hour", "Followed up", "Of interviews", "Share"],
        rows: data
          .filter((p) => p.hour % 6 === 0 || p.hour === last?.hour)
          .map((p) => [p.hour, p.followed, curve.closed, formatPercent(p.share)]),
      }}
    >
      <ChartFrame>
        <AreaChart
          data={data}
          margin={{ top: 20, right: 16, bottom: 24, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke={COLORS.grid} />
          <XAxis
            dataKey="hour"
            type="number"
            domain={[0, last?.hour ?? 72]}
            ticks={[0, ...marks.map((m) => m.hour)]}
            tick={{ fontSize: 11, fill: COLORS.axis }}
            tickFormatter={(h: number) => `${h} h`}
            label={{
              value: "Hours after the interview ended",
              position: "insideBottom",
              offset: -16,
              fill: COLORS.axis,
              fontSize: 12,
            }}
          />
          <YAxis
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tickFormatter={(v: number) => `${v}%`}
            tick={{ fontSize: 11, fill: COLORS.axis }}
            label={{
              value: "Followed up",
              angle: -90,
              position: "insideLeft",
              offset: 4,
              fill: COLORS.axis,
              fontSize: 12,
            }}
            width={56}
          />
          {marks.map((m) => (
            <ReferenceLine
              key={m.window}
              x={m.hour}
              stroke={COLORS.axis}
              strokeDasharray="4 3"
              label={{ value: m.label, position: "top", fill: COLORS.axis, fontSize: 11 }}
            />
          ))}
          <Tooltip
            content={(props) => {
              const row = tooltipRow<(typeof data)[number]>(props);
              if (!row) return null;
              return (
                <TooltipBox
                  title={`By hour ${row.hour}`}
                  lines={[
                    `${row.followed.toLocaleString("en")} of ${curve.closed.toLocaleString("en")} interviews followed up (${formatPercent(row.share)})`,
                  ]}
                />
              );
            }}
          />
          <Area
            type="stepAfter"
            dataKey="percent"
            name="Followed up"
            stroke={COLORS.primary}
            strokeWidth={2}
            fill={COLORS.primary}
            fillOpacity={0.15}
            isAnimationActive={false}
          />
        </AreaChart>
      </ChartFrame>
    </ChartCard>
  );
}
