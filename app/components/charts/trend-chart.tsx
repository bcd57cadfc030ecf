import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMinutes, formatPercent } from "~/core/format";
import { ChartCard, COLORS, TooltipBox, tooltipRow } from "./chart-card";

type TrendPoint = {
  bucket: string;
  label: string;
  interviews: number;
  decided: number;
  followed: number;
  followUpRate: number | null;
  medianLatency: number | null;
  latencyCount: number;
};
type Props = { trend: { granularity: "week" | "month"; points: TrendPoint[] } };

/** Follow-up rate and median latency per week or month of interview, in two small charts sharing the time axis. */
export function TrendChart({ trend }: Props) {
  const per = trend.granularity === "week" ? "week" : "month";
  const data = trend.points.map((p) => ({
    ...p,
    ratePct: p.followUpRate === null ? null : p.followUpRate * 100,
    latencyHours: p.medianLatency === null ? null : p.medianLatency / 60,
  }));
  const axisLabel = per === "week" ? "Week of the interview (starting Monday)" : "Month of the interview";
  const tooltip = (props: { active?: boolean; payload?: readonly { payload?: unknown }[] }) => {
    const row = tooltipRow<(typeof data)[number]>(props);
    if (!row) return null;
    return (
      <TooltipBox
        title={per === "week" ? `Week of ${row.label}` : row.label}
        lines={[
          `Follow-up rate ${row.decided ? `${formatPercent(row.followUpRate)} (${row.followed} of ${row.decided} decided)` : "— (none decided)"}`,
          `Median latency ${formatMinutes(row.medianLatency)} (${row.latencyCount} follow-ups)`,
          `${row.interviews} interviews`,
        ]}
      />
    );
  };
  const margin = { top: 8, right: 16, bottom: 4, left: 8 };
  return (
    <ChartCard
      title={`Trend by ${per}: follow-up rate and median latency`}
      description={`Interviews grouped by the ${per} they ended in (UTC). A gap means no decided interview, or no follow-up, that ${per}.`}
      summary={data
        .map(
          (d) =>
            `${d.label}: ${formatPercent(d.followUpRate)} followed up, median ${formatMinutes(d.medianLatency)}`,
        )
        .join("; ")}
      height={380}
      empty={data.length === 0 ? "No interviews match these filters." : null}
      table={{
        caption: `Follow-up rate and median latency by ${per}`,
        head: [
          per === "week" ? "Week of" : "Month",
          "Interviews",
          "Decided",
          "Followed up",
          "Follow-up rate",
          "Median latency",
        ],
        rows: data.map((d) => [
          d.label,
          d.interviews,
          d.decided,
          d.followed,
          formatPercent(d.followUpRate),
          formatMinutes(d.medianLatency),
        ]),
      }}
    >
      <div className="flex h-full flex-col">
        <p className="text-xs font-medium text-slate-700">Follow-up rate</p>
        <div className="min-h-0 flex-1">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={margin} syncId="trend" accessibilityLayer={false}>
              <CartesianGrid stroke={COLORS.grid} />
              <XAxis dataKey="label" tick={{ fontSize: 11, fill: COLORS.axis }} />
              <YAxis
                domain={[0, 100]}
                ticks={[0, 50, 100]}
                tickFormatter={(v: number) => `${v}%`}
                tick={{ fontSize: 11, fill: COLORS.axis }}
                width={56}
                label={{
                  value: "Rate",
                  angle: -90,
                  position: "insideLeft",
                  offset: 4,
                  fill: COLORS.axis,
                  fontSize: 12,
                }}
              />
              <Tooltip content={tooltip} />
              <Line
                dataKey="ratePct"
                name="Follow-up rate"
                stroke={COLORS.primary}
                strokeWidth={2}
                dot={{ r: 3 }}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
        <p className="mt-2 text-xs font-medium text-slate-700">Median latency (hours)</p>
        <div className="min-h-0 flex-1">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart
              data={data}
              margin={{ ...margin, bottom: 20 }}
              syncId="trend"
              accessibilityLayer={false}
            >
              <CartesianGrid stroke={COLORS.grid} />
              <XAxis
                dataKey="label"
                tick={{ fontSize: 11, fill: COLORS.axis }}
                label={{
                  value: axisLabel,
                  position: "insideBottom",
                  offset: -14,
                  fill: COLORS.axis,
                  fontSize: 12,
                }}
              />
              <YAxis
                tickFormatter={(v: number) => `${Math.round(v)} h`}
                tick={{ fontSize: 11, fill: COLORS.axis }}
                width={56}
                label={{
                  value: "Hours",
                  angle: -90,
                  position: "insideLeft",
                  offset: 4,
                  fill: COLORS.axis,
                  fontSize: 12,
                }}
              />
              <Tooltip content={tooltip} />
              <Line
                dataKey="latencyHours"
                name="Median latency"
                stroke="#0f172a"
                strokeDasharray="6 3"
                strokeWidth={2}
                dot={{ r: 3, fill: "#fff" }}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </div>
    </ChartCard>
  );
}
