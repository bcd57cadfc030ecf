// The adverse-impact report (issue 21): for each self-identified category and each sex × race/ethnicity
// intersection, how often applications were selected by four measures, the impact ratio against the
// most favoured group, the four-fifths flag and a p-value, with the unknown and declined counted apart.
// Counted in SQL (app/data/demographics.server.ts); the math is app/core/adverse-impact.ts. Printable,
// and downloadable as the Local Law 144 summary table (compliance.export[.csv].ts).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { AnalyticsFilterForm } from "~/components/analytics-filters";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { can, requirePermission } from "~/auth/permissions.server";
import { listFilterOptions } from "~/data/analytics.server";
import { adverseImpactCounts, getDemographicCategories } from "~/data/demographics.server";
import { hasFilters, parseDashboardParams } from "~/core/analytics";
import {
  BREAKDOWN_LABELS,
  formatP,
  formatRate,
  formatRatio,
  FOUR_FIFTHS,
  IMPACT_MEASURES,
  impactTables,
  MEASURES,
  type ImpactTable,
} from "~/core/adverse-impact";
import { optionsForPage } from "~/core/filter-options";
import { formatDay } from "~/core/format";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Adverse-impact audit · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "compliance:read");
  const url = new URL(request.url);
  const { filters } = parseDashboardParams(url.searchParams);
  const db = getDb();
  const counts = await adverseImpactCounts(db, user, filters);
  const categories = await getDemographicCategories(db, user.organization_id);
  const answered = counts.cells
    .filter((c) => c.sex !== null || c.raceEthnicity !== null || c.ageBand !== null)
    .reduce((sum, c) => sum + c.applications, 0);
  return {
    filters,
    filtered: hasFilters(filters),
    options: optionsForPage(await listFilterOptions(db, user), filters),
    tables: impactTables(counts.cells, categories),
    applications: counts.applications,
    answered,
    median: counts.median,
    range: { from: formatDay(counts.range.from), to: formatDay(counts.range.to) },
    hasRange: counts.range.from !== null,
    exportHref: `/compliance/export.csv${url.search}`,
    canEditChoices: can(user, "compliance:write"),
  };
}

export default function Compliance() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6 print:space-y-4">
      <PageHeader
        title="Adverse-impact audit"
        subtitle="Do the scores, follow-ups and offers differ between the groups candidates self-identified with?"
        actions={
          <div className="flex flex-wrap gap-2 print:hidden">
            <button type="button" className="btn" onClick={() => window.print()}>
              Print or save as PDF
            </button>
            <a href={data.exportHref} className="btn-secondary" download>
              Download summary table (CSV)
            </a>
            {data.canEditChoices ? (
              <Link to="/settings/self-identification" className="btn-secondary">
                Answer choices
              </Link>
            ) : null}
          </div>
        }
      />

      <AnalyticsFilterForm
        options={data.options}
        filters={data.filters}
        clearTo={data.filtered ? "/compliance" : null}
        perInterview={false}
        className="print:hidden"
      />

      <section
        aria-label="The data"
        className="card space-y-1 text-sm print:border-0 print:p-0 print:shadow-none"
      >
        <p>
          <strong className="font-semibold">
            {data.applications.toLocaleString("en")} application{data.applications === 1 ? "" : "s"}
          </strong>
          {data.hasRange
            ? ` with interviews from ${data.range.from} to ${data.range.to}`
            : " (no interviews match these filters)"}
          {data.filtered ? ", as filtered above" : ""}. Self-identification recorded for{" "}
          {data.answered.toLocaleString("en")} of them.
        </p>
        <p>
          Median best follow-up score of the scored applications:{" "}
          {data.median === null ? "—" : Math.round(data.median * 10) / 10}.
        </p>
      </section>

      <aside
        className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 print:break-inside-avoid"
        aria-label="How to read this report"
      >
        <p>
          <strong className="font-semibold">How to read it.</strong> Each row is the share of a group’s
          applications selected by the measure. The <em>impact ratio</em> divides that share by the most
          favoured group’s (marked “reference”); under {FOUR_FIFTHS.toFixed(2)} the four-fifths rule reads it
          as adverse impact and the row is flagged. The p-value says how likely a difference this large is by
          chance alone (Fisher’s exact test for small counts, a two-proportion z-test otherwise): a flag with
          a large p-value may be noise in few people. Groups under 2% of the answered applications are shown
          but left out of the ratios, as Local Law 144’s rules allow. Applications whose candidate did not
          answer, or declined, are counted below each table and left out of the rates. One application is one
          candidate in one position.
        </p>
      </aside>

      {IMPACT_MEASURES.map((measure) => (
        <section
          key={measure}
          aria-labelledby={`measure-${measure}`}
          className="space-y-4 print:break-before-page"
        >
          <div>
            <h2 id={`measure-${measure}`} className="text-lg font-semibold">
              {MEASURES[measure].title}
            </h2>
            <p className="text-sm text-slate-600">
              Selected: {MEASURES[measure].selected}; out of {MEASURES[measure].of}.
            </p>
          </div>
          <div className="grid gap-4 xl:grid-cols-2 print:block print:space-y-4">
            {data.tables
              .filter((t) => t.measure === measure)
              .map((t) => (
                <ImpactTableView key={t.breakdown} table={t} />
              ))}
          </div>
        </section>
      ))}
    </div>
  );
}

function ImpactTableView({ table }: { table: ImpactTable }) {
  const id = useId();
  // Combinations nobody is in make the intersection long: left out here, kept in the CSV.
  const groups = table.breakdown === "sexRace" ? table.groups.filter((g) => g.n > 0) : table.groups;
  const flagged = groups.filter((g) => g.flagged).length;
  return (
    <div className="card space-y-2 print:break-inside-avoid print:border-slate-400 print:shadow-none">
      <h3 className="font-semibold">
        <span id={id}>{BREAKDOWN_LABELS[table.breakdown]}</span>
        {flagged ? (
          <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-900">
            {flagged} below four-fifths
          </span>
        ) : null}
      </h3>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" aria-labelledby={id}>
          <thead>
            <tr className="border-b text-left text-xs text-slate-600">
              <th scope="col" className="py-1.5 pr-3 font-medium">
                Category
              </th>
              <th scope="col" className="py-1.5 pr-3 text-right font-medium">
                Applicants
              </th>
              <th scope="col" className="py-1.5 pr-3 text-right font-medium">
                Selected
              </th>
              <th scope="col" className="py-1.5 pr-3 text-right font-medium">
                Rate
              </th>
              <th scope="col" className="py-1.5 pr-3 text-right font-medium">
                Impact ratio
              </th>
              <th scope="col" className="py-1.5 pr-3 font-medium">
                Four-fifths
              </th>
              <th scope="col" className="py-1.5 text-right font-medium">
                p-value
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.length === 0 ? (
              <tr>
                <td colSpan={7} className="py-2 text-slate-600">
                  No one with an answer.
                </td>
              </tr>
            ) : null}
            {groups.map((g) => (
              <tr key={g.key} className={`border-b border-slate-100 ${g.flagged ? "bg-red-50" : ""}`}>
                <th scope="row" className="py-1.5 pr-3 text-left font-medium">
                  {g.label}
                  {g.retired ? (
                    <span className="font-normal text-slate-600"> (no longer a choice)</span>
                  ) : null}
                </th>
                <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">
                  {g.n.toLocaleString("en")}
                </td>
                <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">
                  {g.selected.toLocaleString("en")}
                </td>
                <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">
                  {formatRate(g.rate)}
                </td>
                <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">
                  {formatRatio(g.impactRatio)}
                </td>
                <td className="whitespace-nowrap py-1.5 pr-3">
                  {g.reference ? (
                    <span className="text-slate-600">reference</span>
                  ) : g.flagged ? (
                    <span className="font-medium text-red-800">Below 4/5</span>
                  ) : g.n === 0 ? (
                    <span className="text-slate-600">no one</span>
                  ) : g.small ? (
                    <span className="text-slate-600">under 2%</span>
                  ) : g.impactRatio === null ? (
                    "—"
                  ) : (
                    "OK"
                  )}
                </td>
                <td className="whitespace-nowrap py-1.5 text-right tabular-nums">
                  {formatP(g.test?.p)}
                  {g.test ? (
                    <span className="text-xs text-slate-600">{g.test.test === "fisher" ? " F" : " z"}</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-600">
        Not in the rates: {table.unknown.toLocaleString("en")} not answered,{" "}
        {table.declined.toLocaleString("en")} declined. p-values: F Fisher’s exact, z two-proportion z-test,
        each against the reference group.
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
