import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  Tooltip,
  XAxis,
  YAxis,
  type XAxisTickContentProps,
} from "recharts";
import { formatPercent } from "~/core/format";
import { windowRange, type FollowUpWindow, type WindowThresholds } from "~/core/windows";
import { ChartFrame, ChartCard, COLORS, TooltipBox, tooltipRow } from "./chart-card";

export type WindowBar = {
  window: FollowUpWindow;
  label: string;
  interviews: number;
  received: number;
  share: number | null;
};

type Props = {
  windows: WindowBar[];
  /** The organization's thresholds, which the ranges of hours under each bar are drawn from. */
  thresholds: WindowThresholds;
};

/** Decided interviews by the window their first follow-up arrived in; "none" holds late and missing ones. */
export function WindowHistogram({ windows, thresholds }: Props) {
  const data = windows.map((w) => ({
    ...w,
    range: windowRange(w.window, thresholds),
    shareLabel: w.share === null ? "" : formatPercent(w.share),
  }));
  // The window's name, and its range of hours beneath it.
  const tick = (props: XAxisTickContentProps) => {
    const d = data[props.index];
    if (!d) return null;
    return (
      <g transform={`translate(${Number(props.x)},${Number(props.y)})`}>
        <text dy={12} textAnchor="middle" fill={COLORS.axis} fontSize={12} fontWeight={600}>
          {d.label}
        </text>
        <text dy={26} textAnchor="middle" fill={COLORS.axis} fontSize={11}>
          {d.range}
        </text>
      </g>
    );
  };
  const total = windows.reduce((s, w) => s + w.interviews, 0);
  return (
    <ChartCard
      title="Latency: interviews by follow-up window"
      description="Decided interviews by how soon the first follow-up arrived after the interview ended. “None” counts interviews with no follow-up and those answered after the last window."
      summary={data
        .map((d) => `${d.label} (${d.range}): ${d.interviews} (${d.shareLabel || "0%"})`)
        .join("; ")}
      height={280}
      empty={total === 0 ? "No decided interviews match these filters yet." : null}
      table={{
        caption: "Decided interviews by follow-up window",
        head: ["Window", "Latency", "Interviews", "Share of decided", "Follow-ups received"],
        rows: data.map((d) => [d.label, d.range, d.interviews, d.shareLabel || "—", d.received]),
      }}
    >
      <ChartFrame>
        <BarChart data={data} margin={{ top: 20, right: 8, bottom: 24, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke={COLORS.grid} />
          <XAxis
            dataKey="label"
            interval={0}
            tick={tick}
            height={40}
            label={{
              value: "Follow-up window (time after the interview ended)",
              position: "insideBottom",
              offset: -16,
              fill: COLORS.axis,
              fontSize: 12,
            }}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fontSize: 11, fill: COLORS.axis }}
            label={{
              value: "Interviews",
              angle: -90,
              position: "insideLeft",
              offset: 4,
              fill: COLORS.axis,
              fontSize: 12,
            }}
            width={56}
          />
          <Tooltip
            cursor={{ fill: "#f1f5f9" }}
            content={(props) => {
              const row = tooltipRow<(typeof data)[number]>(props);
              if (!row) return null;
              return (
                <TooltipBox
                  title={`${row.label} (${row.range})`}
                  lines={[
                    `${row.interviews.toLocaleString("en")} interviews (${row.shareLabel || "0%"} of decided)`,
                    row.window === "none"
                      ? `${row.received.toLocaleString("en")} answered after the last window, ${(row.interviews - row.received).toLocaleString("en")} never`
                      : null,
                  ].filter(Boolean)}
                />
              );
            }}
          />
          <Bar
            dataKey="interviews"
            name="Interviews"
            isAnimationActive={false}
            stroke="#1e293b"
            strokeWidth={1}
          >
            {data.map((d, i) => (
              <Cell key={d.window} fill={COLORS.ramp[i]} />
            ))}
            <LabelList dataKey="shareLabel" position="top" fontSize={11} fill={COLORS.axis} />
          </Bar>
        </BarChart>
      </ChartFrame>
    </ChartCard>
  );
}
