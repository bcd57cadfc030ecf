import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatPercent } from "~/core/format";
import { ChartCard, COLORS, TooltipBox, tooltipRow } from "./chart-card";

type Props = {
  distribution: {
    offerTotal: number;
    noOfferTotal: number;
    rows: {
      label: string;
      offer: number;
      noOffer: number;
      offerShare: number | null;
      noOfferShare: number | null;
    }[];
  };
};

/** How decided applications' mean follow-up scores spread, offered against not offered, each as a share of its own group. */
export function ScoreDistribution({ distribution }: Props) {
  const { offerTotal, noOfferTotal } = distribution;
  const data = distribution.rows.map((r) => ({
    ...r,
    offerPct: r.offerShare === null ? 0 : r.offerShare * 100,
    noOfferPct: r.noOfferShare === null ? 0 : r.noOfferShare * 100,
  }));
  const offerName = `Offered (${offerTotal.toLocaleString("en")})`;
  const noOfferName = `Not offered (${noOfferTotal.toLocaleString("en")})`;
  return (
    <ChartCard
      title="Follow-up quality: scores of offered and not-offered candidates"
      description="Decided applications with at least one scored follow-up, by their mean score, each group as a share of itself (so groups of different sizes compare)."
      summary={
        `${offerTotal} offered and ${noOfferTotal} not offered. ` +
        data
          .filter((d) => d.offer || d.noOffer)
          .map(
            (d) =>
              `${d.label}: ${formatPercent(d.offerShare)} of offered, ${formatPercent(d.noOfferShare)} of not offered`,
          )
          .join("; ")
      }
      height={280}
      empty={
        offerTotal + noOfferTotal === 0
          ? "No decided application with a scored follow-up matches these filters."
          : null
      }
      table={{
        caption: "Mean follow-up score of decided applications, offered and not offered",
        head: ["Score", "Offered", "Share of offered", "Not offered", "Share of not offered"],
        rows: data.map((d) => [
          d.label,
          d.offer,
          formatPercent(d.offerShare),
          d.noOffer,
          formatPercent(d.noOfferShare),
        ]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          margin={{ top: 8, right: 8, bottom: 24, left: 8 }}
          accessibilityLayer={false}
          barGap={1}
        >
          <CartesianGrid vertical={false} stroke={COLORS.grid} />
          <XAxis
            dataKey="label"
            interval={0}
            tick={{ fontSize: 11, fill: COLORS.axis }}
            label={{
              value: "Mean follow-up score (0–100)",
              position: "insideBottom",
              offset: -16,
              fill: COLORS.axis,
              fontSize: 12,
            }}
          />
          <YAxis
            tickFormatter={(v: number) => `${Math.round(v)}%`}
            tick={{ fontSize: 11, fill: COLORS.axis }}
            label={{
              value: "Share of group",
              angle: -90,
              position: "insideLeft",
              offset: 4,
              fill: COLORS.axis,
              fontSize: 12,
            }}
            width={56}
          />
          <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          <Tooltip
            cursor={{ fill: "#f1f5f9" }}
            content={(props) => {
              const row = tooltipRow<(typeof data)[number]>(props);
              if (!row) return null;
              return (
                <TooltipBox
                  title={`Score ${row.label}`}
                  lines={[
                    `Offered: ${row.offer} (${formatPercent(row.offerShare)} of ${offerTotal})`,
                    `Not offered: ${row.noOffer} (${formatPercent(row.noOfferShare)} of ${noOfferTotal})`,
                  ]}
                />
              );
            }}
          />
          <Bar dataKey="offerPct" name={offerName} fill={COLORS.primary} isAnimationActive={false} />
          <Bar
            dataKey="noOfferPct"
            name={noOfferName}
            fill={COLORS.secondary}
            stroke="#92400e"
            strokeWidth={1}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
