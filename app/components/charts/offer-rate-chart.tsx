import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  Tooltip,
  XAxis,
  YAxis,
  type XAxisTickContentProps,
} from "recharts";
import { formatCount, formatInterval, MIN_GROUP_SIZE, type OfferGroup } from "~/core/analytics";
import { ChartFrame, ChartCard, COLORS, TooltipBox, tooltipRow } from "./chart-card";

type Point = {
  label: string;
  /** Percent; null when the group is too small to draw. */
  rate: number | null;
  /** Distances from the rate down and up to the 95% Wilson bounds, in percent. */
  error: [number, number] | null;
  group: OfferGroup;
};

function toPoint(group: OfferGroup): Point {
  const { rate, interval, enough } = group.rate;
  const show = enough && rate !== null && interval !== null;
  return {
    label: group.label,
    rate: show ? rate * 100 : null,
    error: show ? [(rate - interval.lower) * 100, (interval.upper - rate) * 100] : null,
    group,
  };
}

/** The category name, and under it the rate and count, or "not enough data" where no bar is drawn. */
function GroupTick(props: XAxisTickContentProps & { points: Point[] }) {
  const point = props.points[props.index];
  const x = Number(props.x);
  const y = Number(props.y);
  if (!point) return null;
  const g = point.group;
  return (
    <g transform={`translate(${x},${y})`}>
      <text x={0} y={0} dy={12} textAnchor="middle" fill={COLORS.axis} fontSize={12} fontWeight={600}>
        {point.label}
      </text>
      {point.rate !== null ? (
        <text x={0} y={0} dy={27} textAnchor="middle" fill={COLORS.axis} fontSize={11}>
          {`${Math.round(point.rate)}% of ${g.decided.toLocaleString("en")}`}
        </text>
      ) : (
        <>
          <text x={0} y={0} dy={27} textAnchor="middle" fill={COLORS.axis} fontSize={11}>
            {`n = ${g.decided.toLocaleString("en")}`}
          </text>
          {/* Two lines, so that neighbouring narrow groups do not run into each other. */}
          <text x={0} y={0} dy={41} textAnchor="middle" fill="#b45309" fontSize={11} fontWeight={600}>
            not enough
          </text>
          <text x={0} y={0} dy={54} textAnchor="middle" fill="#b45309" fontSize={11} fontWeight={600}>
            data
          </text>
        </>
      )}
    </g>
  );
}

type Props = {
  title: string;
  description: string;
  groups: OfferGroup[];
  /** What a group is, for the axis: "Follow-up behaviour". */
  axisLabel: string;
  footer?: React.ReactNode;
  emptyText: string;
};

/** Offer rate per group of applications, each bar with its 95% Wilson interval and its count. */
export function OfferRateChart({ title, description, groups, axisLabel, footer, emptyText }: Props) {
  const points = groups.map(toPoint);
  const decided = groups.reduce((s, g) => s + g.decided, 0);
  const drawn = points.filter((p) => p.rate !== null);
  const summary = points
    .map(
      (p) =>
        `${p.label}: ${p.rate === null ? `not enough data (${p.group.decided} decided)` : `${Math.round(p.rate)}% of ${p.group.decided}`}`,
    )
    .join("; ");
  return (
    <ChartCard
      title={title}
      description={description}
      summary={summary}
      height={310}
      empty={decided === 0 ? emptyText : null}
      footer={footer}
      table={{
        caption: title,
        head: [axisLabel, "Offers", "Decided", "Offer rate", "95% interval", "Pending"],
        rows: groups.map((g) => [
          g.label,
          g.offers,
          g.decided,
          g.rate.enough ? formatCount(g.offers, g.decided) : `not enough data (under ${MIN_GROUP_SIZE})`,
          g.rate.enough ? formatInterval(g.rate.interval) : "—",
          g.pending,
        ]),
      }}
    >
      <ChartFrame>
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 24, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke={COLORS.grid} />
          <XAxis
            dataKey="label"
            tick={(props: XAxisTickContentProps) => <GroupTick {...props} points={points} />}
            interval={0}
            height={64}
            label={{
              value: axisLabel,
              position: "insideBottom",
              offset: -18,
              fill: COLORS.axis,
              fontSize: 12,
            }}
          />
          <YAxis
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tickFormatter={(v: number) => `${v}%`}
            label={{
              value: "Offer rate",
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
              const row = tooltipRow<Point>(props);
              if (!row) return null;
              const g = row.group;
              return (
                <TooltipBox
                  title={row.label}
                  lines={[
                    g.rate.enough
                      ? `Offer rate ${formatCount(g.offers, g.decided)}`
                      : `Not enough data: ${g.decided} decided (needs ${MIN_GROUP_SIZE})`,
                    g.rate.enough ? `95% interval ${formatInterval(g.rate.interval)}` : null,
                    `${g.pending} pending, not counted`,
                  ].filter(Boolean)}
                />
              );
            }}
          />
          <Bar
            dataKey="rate"
            name="Offer rate"
            fill={COLORS.primary}
            maxBarSize={72}
            isAnimationActive={false}
          >
            <ErrorBar dataKey="error" width={10} strokeWidth={2} stroke="#0f172a" />
          </Bar>
        </BarChart>
      </ChartFrame>
      {drawn.length === 0 ? (
        <p className="sr-only">No group has enough decided applications to draw.</p>
      ) : null}
    </ChartCard>
  );
}
