import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { shareAxis } from "~/core/analytics";
import { ChartCard, COLORS, TooltipBox, tooltipRow } from "./chart-card";

type Part = { key: string; label: string; max: number; offer: number | null; noOffer: number | null };
type Props = { parts: Part[]; counts: { offer: number; noOffer: number } };

const points = (v: number | null) => (v === null ? "—" : (Math.round(v * 10) / 10).toLocaleString("en"));
const share = (v: number | null, max: number) => (v === null || max === 0 ? null : (v / max) * 100);

/** Each rubric part's mean points, as a share of its maximum, for follow-ups of offered and not-offered applications. */
export function PartMeans({ parts, counts }: Props) {
  const data = parts.map((p) => ({
    ...p,
    axis: `${p.label} (of ${p.max})`,
    offerPct: share(p.offer, p.max),
    noOfferPct: share(p.noOffer, p.max),
  }));
  const offerName = `Offered (${counts.offer.toLocaleString("en")} follow-ups)`;
  const noOfferName = `Not offered (${counts.noOffer.toLocaleString("en")} follow-ups)`;
  const anyParts = parts.some((p) => p.offer !== null || p.noOffer !== null);
  const axis = shareAxis(data.flatMap((d) => [d.offerPct, d.noOfferPct]));
  return (
    <ChartCard
      title="Follow-up quality: rubric parts, offered against not offered"
      description="The mean points of each part of the score, as a share of that part's maximum, over the first follow-up of each interview of decided applications. A part falls below zero when it carries a cap's cut (a follow-up copied from another candidate, say)."
      summary={data
        .map((d) => `${d.label}: ${points(d.offer)} offered, ${points(d.noOffer)} not offered, of ${d.max}`)
        .join("; ")}
      height={320}
      empty={
        counts.offer + counts.noOffer === 0 || !anyParts
          ? "No scored follow-up of a decided application matches these filters."
          : null
      }
      table={{
        caption: "Mean points of each rubric part, offered and not offered",
        head: ["Part", "Maximum", "Offered: mean points", "Not offered: mean points"],
        rows: data.map((d) => [d.label, d.max, points(d.offer), points(d.noOffer)]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 8, right: 16, bottom: 24, left: 8 }}
          accessibilityLayer={false}
          barGap={1}
        >
          <CartesianGrid horizontal={false} stroke={COLORS.grid} />
          <XAxis
            type="number"
            domain={axis.domain}
            ticks={axis.ticks}
            tickFormatter={(v: number) => `${v}%`}
            tick={{ fontSize: 11, fill: COLORS.axis }}
            label={{
              value: "Mean points, as a share of the part's maximum",
              position: "insideBottom",
              offset: -16,
              fill: COLORS.axis,
              fontSize: 12,
            }}
          />
          <YAxis type="category" dataKey="axis" width={150} tick={{ fontSize: 11, fill: COLORS.axis }} />
          <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          <Tooltip
            cursor={{ fill: "#f1f5f9" }}
            content={(props) => {
              const row = tooltipRow<(typeof data)[number]>(props);
              if (!row) return null;
              return (
                <TooltipBox
                  title={row.label}
                  lines={[
                    `Offered: ${points(row.offer)} of ${row.max} points`,
                    `Not offered: ${points(row.noOffer)} of ${row.max} points`,
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
