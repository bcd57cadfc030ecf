import type { ReactNode } from "react";
import { CumulativeCurve } from "./charts/cumulative-curve";
import { FixedChartWidth } from "./charts/chart-card";
import { OfferRateChart } from "./charts/offer-rate-chart";
import { WindowHistogram } from "./charts/window-histogram";
import { formatDay, formatMinutes, formatPercent } from "~/core/format";
import { formatInterval, MIN_GROUP_SIZE, type Rate } from "~/core/analytics";
import { DEFAULT_BRAND_COLOR } from "~/core/branding";
import type { ClientReport } from "~/data/reports.server";

/** Charts in the report have explicit sizes so that they print as they look (see ChartFrame). */
export const REPORT_CHART_WIDTH = 620;

/** A position's card with at most this many rows is kept on one page; a longer one breaks between rows. */
const KEEP_WHOLE_ROWS = 12;

// A4 with modest margins; sections start on a new page; nothing of the app's shell prints. No heading
// is left at the foot of a page: headings (and a position's figures line) stay with what follows them,
// a table's header row repeats on each page it spans, and no row is cut in two. Tables print unclipped
// (a scroll box would keep its rows from flowing onto the next page).
const PRINT_CSS = `@page { size: A4; margin: 12mm; }
@media print {
  html, body { background: #fff !important; }
  .client-report .brand-band { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .client-report details { display: none; }
  .client-report :is(h1, h2, h3, .keep-with-next) { break-after: avoid; page-break-after: avoid; }
  .client-report thead { display: table-header-group; }
  .client-report tr { break-inside: avoid; page-break-inside: avoid; }
  .client-report .table-scroll { overflow: visible; }
}`;

type Props = {
  report: ClientReport;
  actions?: ReactNode;
  note?: ReactNode;
  /** Where the agency's logo is served for this reader (the app's route, or the share link's). */
  logoSrc?: string | null;
};

/** The client report, read by the client: shared by the app's report page and the share link. */
export function ClientReportView({ report, actions, note, logoSrc }: Props) {
  const h = report.headline;
  const period = `${report.range.from ? formatDay(report.range.from) : "the first interview"} – ${report.range.to ? formatDay(report.range.to) : "today"}`;
  return (
    <article
      className="client-report mx-auto max-w-3xl space-y-6 print:max-w-none print:space-y-4"
      aria-labelledby="report-title"
    >
      <style>{PRINT_CSS}</style>
      <header className="report-section space-y-2">
        <BrandBand branding={report.branding} logoSrc={logoSrc ?? null} />
        <h1 id="report-title" className="text-3xl font-semibold text-slate-900">
          {report.client.name}
        </h1>
        <p className="text-sm text-slate-700">
          Interviews from {period} · prepared {formatDay(report.generatedAt, report.timeZone)}
        </p>
        {actions ? <div className="flex flex-wrap gap-2 pt-2 print:hidden">{actions}</div> : null}
        {note}
      </header>

      <section aria-labelledby="headline-heading" className="report-section">
        <h2 id="headline-heading" className="sr-only">
          Headline figures
        </h2>
        <dl className="grid grid-cols-2 gap-3">
          <RateFigure label="Follow-up rate" rate={h.followUpRate} unit="decided interviews" />
          <Figure
            label="Median time to follow up"
            value={h.latency.n >= MIN_GROUP_SIZE ? formatMinutes(h.latency.median) : NOT_ENOUGH}
            detail={
              h.latency.n >= MIN_GROUP_SIZE
                ? `90th percentile ${formatMinutes(h.latency.p90)}; ${formatNumber(h.latency.n)} follow-ups`
                : `${formatNumber(h.latency.n)} follow-ups; ${MIN_GROUP_SIZE} needed`
            }
          />
          <RateFigure
            label="Offer rate: followed up"
            rate={report.behaviour.comparison.followed}
            unit="decided applications"
          />
          <RateFigure
            label="Offer rate: never followed up"
            rate={report.behaviour.comparison.never}
            unit="decided applications"
          />
        </dl>
      </section>

      <section aria-labelledby="findings-heading" className="report-section card">
        <h2 id="findings-heading" className="text-lg font-semibold">
          What the figures say
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-800">
          {report.findings.map((f) => (
            <li key={f.key} data-enough={f.enough}>
              {f.text}
            </li>
          ))}
        </ul>
        <p className="mt-3 text-xs text-slate-600">
          These are associations, not causes: candidates who follow up may differ in other ways. Scores
          advise; they never decide an outcome. Rates count decided applications only (offer or hired against
          rejected or withdrawn). <span data-testid="reviewed-scores">{reviewedLine(report.reviewed)}</span>
        </p>
      </section>
      {report.notice ? (
        <section aria-labelledby="notice-heading" className="report-section card">
          <h2 id="notice-heading" className="text-lg font-semibold">
            Notice to candidates
          </h2>
          <p className="mt-2 whitespace-pre-wrap text-sm text-slate-800">{report.notice}</p>
        </section>
      ) : null}

      <FixedChartWidth.Provider value={REPORT_CHART_WIDTH}>
        <section
          aria-labelledby="charts-heading"
          className="report-section space-y-4 print:break-before-page"
        >
          <h2 id="charts-heading" className="text-xl font-semibold">
            Following up and offers
          </h2>
          <div className="break-inside-avoid">
            <OfferRateChart
              title="Offer rate by follow-up behaviour"
              description="Decided applications by whether the candidate followed up after every interview, some, or none, with 95% intervals."
              axisLabel="Follow-up behaviour"
              groups={report.behaviour.groups}
              emptyText="No decided application in this period yet."
            />
          </div>
          <div className="break-inside-avoid">
            <OfferRateChart
              title="Offer rate by the fastest follow-up window"
              description="Decided applications by how soon their fastest follow-up arrived, with 95% intervals."
              axisLabel="Fastest follow-up window"
              groups={report.byWindow}
              emptyText="No decided application in this period yet."
            />
          </div>
        </section>
        <section
          aria-labelledby="latency-heading"
          className="report-section space-y-4 print:break-before-page"
        >
          <h2 id="latency-heading" className="text-xl font-semibold">
            How fast candidates follow up
          </h2>
          <div className="break-inside-avoid">
            <WindowHistogram windows={report.windows} thresholds={report.thresholds} />
          </div>
          <div className="break-inside-avoid">
            <CumulativeCurve curve={report.curve} thresholds={report.thresholds} />
          </div>
        </section>
      </FixedChartWidth.Provider>

      <section
        aria-labelledby="pipelines-heading"
        className="report-section space-y-4 print:break-before-page"
      >
        <h2 id="pipelines-heading" className="text-xl font-semibold">
          Pipelines
        </h2>
        {report.positions.length === 0 ? <p className="text-sm text-slate-700">No positions yet.</p> : null}
        {report.positions.map((p) => (
          <section
            key={p.id}
            aria-labelledby={`position-${p.id}`}
            className={`card ${p.rows.length <= KEEP_WHOLE_ROWS ? "break-inside-avoid" : ""}`}
          >
            <h3 id={`position-${p.id}`} className="text-base font-semibold">
              {p.title}{" "}
              <span className="text-sm font-normal text-slate-600">
                ({p.status}, opened {p.opened})
              </span>
            </h3>
            {p.figures ? (
              <p className="keep-with-next mt-1 text-sm text-slate-700">
                {p.figures.interviews} interviews in the period · follow-up rate{" "}
                {p.figures.followUp.enough
                  ? `${formatPercent(p.figures.followUp.rate)} (${p.figures.followUp.successes} of ${p.figures.followUp.n} decided interviews; 95% interval ${formatInterval(p.figures.followUp.interval)})`
                  : `not enough data (${p.figures.followUp.n} decided interviews; ${MIN_GROUP_SIZE} needed)`}{" "}
                · median latency {p.figures.medianLatency}
                {p.figures.meanScore !== null ? ` · mean score ${p.figures.meanScore}` : ""}
              </p>
            ) : null}
            <div className="table-scroll mt-2 overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Candidates for {p.title}</caption>
                <thead className="bg-slate-50 text-slate-700">
                  <tr>
                    <th scope="col" className="px-2 py-1 font-medium">
                      Candidate
                    </th>
                    <th scope="col" className="px-2 py-1 font-medium">
                      Stage
                    </th>
                    <th scope="col" className="px-2 py-1 font-medium">
                      Last interview
                    </th>
                    <th scope="col" className="px-2 py-1 font-medium">
                      Follow-up
                    </th>
                    <th scope="col" className="px-2 py-1 font-medium">
                      Score
                    </th>
                    <th scope="col" className="px-2 py-1 font-medium">
                      Outcome
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {p.rows.length === 0 ? (
                    <tr>
                      <td colSpan={6} className="px-2 py-2 text-slate-600">
                        No candidates yet.
                      </td>
                    </tr>
                  ) : (
                    p.rows.map((r) => (
                      <tr key={r.id} className="border-t border-slate-100">
                        <th scope="row" className="px-2 py-1 font-medium">
                          {r.candidate}
                        </th>
                        <td className="px-2 py-1">{r.stage}</td>
                        <td className="whitespace-nowrap px-2 py-1">{r.lastInterview}</td>
                        <td className="px-2 py-1">{r.followUp}</td>
                        <td className="px-2 py-1 tabular-nums">{r.score ?? "—"}</td>
                        <td className="px-2 py-1">{r.outcome}</td>
                      </tr>
                    ))
                  )}
                </tbody>
              </table>
            </div>
            {p.total > p.shown ? (
              <p className="mt-2 text-xs text-slate-600">
                Showing {p.shown} of {p.total} candidates; the CSV has the same rows.
              </p>
            ) : null}
          </section>
        ))}
      </section>
    </article>
  );
}

/**
 * The agency's band: its logo and name in white on its colour (contrast-checked when it was saved),
 * printed with its background whatever the browser's "background graphics" setting.
 */
function BrandBand({ branding, logoSrc }: { branding: ClientReport["branding"]; logoSrc: string | null }) {
  const logo = branding.logo && logoSrc ? branding.logo : null;
  return (
    <div
      className="brand-band !mb-4 flex flex-wrap items-center justify-between gap-x-4 gap-y-2 rounded-lg px-4 py-3 text-white"
      style={{ backgroundColor: branding.color ?? DEFAULT_BRAND_COLOR }}
      data-brand-color={branding.color ?? ""}
    >
      <div className="flex min-w-0 items-center gap-3">
        {logo ? (
          <img
            src={logoSrc!}
            alt={`${branding.name} logo`}
            width={Math.round((logo.width / logo.height) * 40)}
            height={40}
            className="h-10 w-auto max-w-[12rem] rounded bg-white object-contain p-1"
          />
        ) : null}
        <p className="truncate text-base font-semibold">{branding.name}</p>
      </div>
      <p className="text-sm font-medium uppercase tracking-wide">Follow-up report</p>
    </div>
  );
}

const NOT_ENOUGH = "Not enough data";
const formatNumber = (n: number) => n.toLocaleString("en");

/** A rate with its count and 95% interval, or "not enough data" under the dashboard's minimum sample. */
function RateFigure({ label, rate, unit }: { label: string; rate: Rate; unit: string }) {
  return (
    <Figure
      label={label}
      value={rate.enough ? formatPercent(rate.rate) : NOT_ENOUGH}
      detail={
        rate.enough
          ? `${formatNumber(rate.successes)} of ${formatNumber(rate.n)} ${unit}; 95% interval ${formatInterval(rate.interval)}`
          : `${formatNumber(rate.n)} ${unit}; ${MIN_GROUP_SIZE} needed`
      }
    />
  );
}

/** "3 of 12 decided applications had a score reviewed by a person." */
export function reviewedLine({ decided, reviewed }: { decided: number; reviewed: number }): string {
  if (decided === 0) return "No decided application yet, so no reviewed score to count.";
  return `${reviewed.toLocaleString("en")} of ${decided.toLocaleString("en")} decided ${decided === 1 ? "application" : "applications"} had a score reviewed by a person.`;
}

function Figure({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <div className="card break-inside-avoid">
      <dt className="text-sm font-medium text-slate-700">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</dd>
      <dd className="text-xs text-slate-600">{detail}</dd>
    </div>
  );
}
