import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { AnalyticsFilterForm } from "~/components/analytics-filters";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OfferRateChart } from "~/components/charts/offer-rate-chart";
import { WindowHistogram } from "~/components/charts/window-histogram";
import { CumulativeCurve } from "~/components/charts/cumulative-curve";
import { ScoreDistribution } from "~/components/charts/score-distribution";
import { PartMeans } from "~/components/charts/part-means";
import { TrendChart } from "~/components/charts/trend-chart";
import { requireUser } from "~/auth/session.server";
import { can, requirePermission } from "~/auth/permissions.server";
import { FIRST_STEPS, FirstSteps } from "~/components/first-steps";
import { organizationHasCandidates } from "~/data/today.server";
import { getOrganizationSettings } from "~/data/organizations.server";
import { loadDashboard, type BreakdownRow } from "~/data/analytics.server";
import { reviewedDecidedApplications } from "~/data/score-reviews.server";
import { reviewedLine } from "~/components/client-report";
import {
  BREAKDOWN_DIMENSIONS,
  BREAKDOWN_SORT_KEYS,
  DIMENSION_LABELS,
  FILTER_KEYS,
  formatCount,
  formatInterval,
  formatPoints,
  hasFilters,
  MIN_GROUP_SIZE,
  parseDashboardParams,
} from "~/core/analytics";
import { optionsForPage } from "~/core/filter-options";
import { formatMinutes, formatPercent } from "~/core/format";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Dashboard · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "analytics:read");
  const params = parseDashboardParams(new URL(request.url).searchParams);
  const settings = await getOrganizationSettings(getDb(), user.organization_id);
  const data = await loadDashboard(getDb(), user, params, {
    windows: settings.windows,
    weights: settings.weights,
  });
  const filtered = hasFilters(params.filters);
  // An organization without a candidate has nothing to chart: first steps instead of empty frames.
  const firstSteps =
    !filtered && !(await organizationHasCandidates(getDb(), user.organization_id))
      ? FIRST_STEPS.filter((s) => can(user, s.permission)).map(({ to, label, why }) => ({ to, label, why }))
      : null;
  const reviewed = await reviewedDecidedApplications(getDb(), user, params.filters);
  return {
    params,
    filtered,
    firstSteps,
    reviewed,
    ...data,
    options: optionsForPage(data.options, params.filters),
  };
}

type LoaderData = Awaited<ReturnType<typeof loader>>;

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location.pathname === "/dashboard";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Dashboard</h1>
        <p className="text-sm text-slate-600">
          Do candidates who follow up after interviews fare better? Every figure below counts only what you
          may see and what the filters select.
        </p>
      </div>

      {data.firstSteps ? <FirstSteps steps={data.firstSteps} /> : <Charts data={data} loading={loading} />}
    </div>
  );
}

function Charts({ data, loading }: { data: LoaderData; loading: boolean }) {
  const { headline, behaviour } = data;
  return (
    <>
      <AnalyticsFilterForm
        options={data.options}
        filters={data.params.filters}
        clearTo={data.filtered ? `/dashboard?by=${data.params.by}` : null}
        perInterview
      >
        <input type="hidden" name="by" value={data.params.by} />
      </AnalyticsFilterForm>

      <aside
        className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
        aria-label="How to read these figures"
      >
        <strong className="font-semibold">Associations, not causes.</strong> Candidates who follow up may
        differ in other ways (experience, interest, the role they applied for), so these figures show what
        goes together, not what following up causes. Quality scores advise; they never decide an outcome.
        Rates count decided applications only (offer or hired against rejected or withdrawn); pending ones are
        shown, not counted. Below {MIN_GROUP_SIZE} decided applications a group shows “not enough data”
        instead of a bar.
      </aside>

      <div aria-busy={loading} className={loading ? "opacity-60 transition-opacity" : "transition-opacity"}>
        <section aria-label="Headline figures" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Figure
            title="Follow-up rate"
            value={formatPercent(headline.followUpRate.rate)}
            lines={[
              headline.followUpRate.n
                ? `${formatCount(headline.followUpRate.successes, headline.followUpRate.n)} decided interviews followed up inside a window`
                : "No decided interviews yet",
              headline.followUpRate.n
                ? `95% interval ${formatInterval(headline.followUpRate.interval)}`
                : null,
              headline.awaiting
                ? `${headline.awaiting.toLocaleString("en")} more still inside their window, not counted`
                : null,
            ]}
          />
          <Figure
            title="Latency to the first follow-up"
            value={
              headline.latency.median === null ? "—" : `median ${formatMinutes(headline.latency.median)}`
            }
            lines={[
              `90th percentile ${formatMinutes(headline.latency.p90)}`,
              `mean ${formatMinutes(headline.latency.mean)}`,
              `over ${headline.latency.n.toLocaleString("en")} follow-ups received (calendar time)`,
            ]}
          />
          <Figure
            title="Mean follow-up quality"
            value={headline.meanScore === null ? "—" : `${Math.round(headline.meanScore)} / 100`}
            lines={[
              `mean score of ${headline.scored.toLocaleString("en")} scored first follow-ups`,
              "a score advises; it never decides",
              reviewedLine(data.reviewed),
            ]}
          />
          <Figure
            title="Offer rate: followed up against never"
            value={
              behaviour.comparison.followed.rate === null && behaviour.comparison.never.rate === null
                ? "—"
                : `${formatPercent(behaviour.comparison.followed.rate)} vs ${formatPercent(behaviour.comparison.never.rate)}`
            }
            lines={[
              behaviour.comparison.enough && behaviour.comparison.comparison
                ? `difference ${formatPoints(behaviour.comparison.comparison.difference)} (95% interval ${formatPoints(behaviour.comparison.comparison.differenceInterval.lower)} to ${formatPoints(behaviour.comparison.comparison.differenceInterval.upper)})`
                : "not enough data to compare",
              `${behaviour.comparison.followed.n.toLocaleString("en")} and ${behaviour.comparison.never.n.toLocaleString("en")} decided applications`,
              `${headline.applications.pending.toLocaleString("en")} pending applications, not counted`,
            ]}
          />
        </section>

        <div className="mt-6 grid gap-6 lg:grid-cols-2">
          <OfferRateChart
            title="Offer rate by follow-up behaviour"
            description="Decided applications by whether the candidate followed up after every interview, some, or none (interviews in the filters only), with 95% Wilson intervals."
            axisLabel="Follow-up behaviour"
            groups={behaviour.groups}
            emptyText="No decided application with a decided interview matches these filters."
            footer={<p data-testid="offer-comparison">{behaviour.comparison.sentence}</p>}
          />
          <OfferRateChart
            title="Offer rate by the fastest follow-up window"
            description="Decided applications by the fastest window any of their follow-ups arrived in (“None”: no follow-up inside any window), with 95% Wilson intervals."
            axisLabel="Fastest follow-up window"
            groups={data.byWindow}
            emptyText="No decided application with a decided interview matches these filters."
          />
          <OfferRateChart
            title="Offer rate by follow-up quality"
            description={`Decided applications by the mean score of their follow-ups, with 95% Wilson intervals. ${data.byBand.unscored.decided.toLocaleString("en")} decided applications without a scored follow-up are left out.`}
            axisLabel="Mean follow-up score"
            groups={data.byBand.groups}
            emptyText="No decided application with a scored follow-up matches these filters."
          />
          <WindowHistogram windows={data.windows} thresholds={data.thresholds} />
          <CumulativeCurve curve={data.curve} thresholds={data.thresholds} />
          <TrendChart trend={data.trend} />
          <ScoreDistribution distribution={data.distribution} />
          <PartMeans parts={data.parts} counts={data.partCounts} />
        </div>

        <Breakdown data={data} />
      </div>
    </>
  );
}

function Figure({ title, value, lines }: { title: string; value: string; lines: (string | null)[] }) {
  return (
    <div className="card">
      <h2 className="text-sm font-medium text-slate-700">{title}</h2>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</p>
      <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
        {lines
          .filter((l): l is string => Boolean(l))
          .map((line) => (
            <li key={line}>{line}</li>
          ))}
      </ul>
    </div>
  );
}

const rateWithCount = (rate: number | null, n: number) =>
  rate === null
    ? "—"
    : `${formatPercent(rate)} of ${n.toLocaleString("en")}${n < MIN_GROUP_SIZE ? " (few)" : ""}`;

const column = createColumnHelper<BreakdownRow>();
const num = (v: number) => <span className="tabular-nums">{v.toLocaleString("en")}</span>;
const columns = [
  column.accessor("label", {
    id: "label",
    header: "Group",
    cell: (c) => <span className="font-medium">{c.getValue()}</span>,
  }),
  column.accessor("interviews", { id: "interviews", header: "Interviews", cell: (c) => num(c.getValue()) }),
  column.accessor("followUpRate", {
    id: "followUpRate",
    header: "Follow-up rate",
    cell: (c) => <span className="tabular-nums">{rateWithCount(c.getValue(), c.row.original.decided)}</span>,
  }),
  column.accessor("medianLatency", {
    id: "medianLatency",
    header: "Median latency",
    cell: (c) => <span className="tabular-nums">{formatMinutes(c.getValue())}</span>,
  }),
  column.accessor("p90Latency", {
    id: "p90Latency",
    header: "90th pct.",
    cell: (c) => <span className="tabular-nums">{formatMinutes(c.getValue())}</span>,
  }),
  column.accessor("meanScore", {
    id: "meanScore",
    header: "Mean score",
    cell: (c) => (
      <span className="tabular-nums">{c.getValue() === null ? "—" : Math.round(c.getValue()!)}</span>
    ),
  }),
  column.accessor("decidedApplications", {
    id: "decidedApplications",
    header: "Decided apps",
    cell: (c) => num(c.getValue()),
  }),
  column.accessor("pending", { id: "pending", header: "Pending", cell: (c) => num(c.getValue()) }),
  column.accessor("offerRateFollowed", {
    id: "offerRateFollowed",
    header: "Offers: followed up",
    cell: (c) => (
      <span className="tabular-nums">{rateWithCount(c.getValue(), c.row.original.followedDecided)}</span>
    ),
  }),
  column.accessor("offerRateNever", {
    id: "offerRateNever",
    header: "Offers: never",
    cell: (c) => (
      <span className="tabular-nums">{rateWithCount(c.getValue(), c.row.original.neverDecided)}</span>
    ),
  }),
  column.accessor("difference", {
    id: "difference",
    header: "Difference",
    cell: (c) => (
      <span className="tabular-nums">{c.getValue() === null ? "—" : formatPoints(c.getValue()!)}</span>
    ),
  }),
];

function Breakdown({ data }: { data: LoaderData }) {
  const { params, breakdown } = data;
  const [searchParams] = useSearchParams();
  const hrefFor = (by: string) => {
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const v = searchParams.get(key);
      if (v) next.set(key, v);
    }
    next.set("by", by);
    return `?${next}`;
  };
  return (
    <section aria-labelledby="breakdown-heading" className="mt-6 space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="breakdown-heading" className="text-lg font-semibold">
            Breakdown by {DIMENSION_LABELS[params.by].toLowerCase()}
          </h2>
          <p className="text-sm text-slate-600">
            The same figures for each {DIMENSION_LABELS[params.by].toLowerCase()}. Rates marked “few” rest on
            under {MIN_GROUP_SIZE} decided cases.
          </p>
        </div>
        <nav aria-label="Break down by" className="flex flex-wrap gap-1">
          {BREAKDOWN_DIMENSIONS.map((d) => (
            <Link
              key={d}
              to={hrefFor(d)}
              preventScrollReset
              aria-current={d === params.by ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 text-sm font-medium ${d === params.by ? "bg-indigo-700 text-white hover:text-white" : "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100"}`}
            >
              {DIMENSION_LABELS[d]}
            </Link>
          ))}
        </nav>
        <a href={`/dashboard/export.csv?${searchParams}`} className="btn-secondary" download>
          Download CSV
        </a>
      </div>
      <DataTable
        caption={`Figures by ${DIMENSION_LABELS[params.by].toLowerCase()}`}
        columns={columns}
        data={breakdown.rows}
        state={{
          sort: params.sort,
          dir: params.dir,
          page: params.page,
          pageSize: params.pageSize,
          total: breakdown.total,
        }}
        sortable={BREAKDOWN_SORT_KEYS}
        getRowId={(r) => r.key}
        empty={"No interviews match these filters." as ReactNode}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
