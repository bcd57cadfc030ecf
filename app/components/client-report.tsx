import type { ReactNode } from "react";
import { CumulativeCurve } from "./charts/cumulative-curve";
import { FixedChartWidth } from "./charts/chart-card";
import { OfferRateChart } from "./charts/offer-rate-chart";
import { WindowHistogram } from "./charts/window-histogram";
import { formatDay, formatMinutes, formatPercent } from "~/core/format";
import { formatCount, formatInterval } from "~/core/analytics";
import type { ClientReport } from "~/data/reports.server";

/** Charts in the report have explicit sizes so that they print as they look (see ChartFrame). */
export const REPORT_CHART_WIDTH = 620;

// A4 with modest margins; sections start on a new page; nothing of the app's shell prints.
const PRINT_CSS = `@page { size: A4; margin: 12mm; }
@media print { html, body { background: #fff !important; } .client-report details { display: none; } }`;

type Props = { report: ClientReport; actions?: ReactNode; note?: ReactNode };

/** The client report, read by the client: shared by the app's report page and the share link. */
export function ClientReportView({ report, actions, note }: Props) {
  const h = report.headline;
  const period = `${report.range.from ? formatDay(report.range.from) : "the first interview"} – ${report.range.to ? formatDay(report.range.to) : "today"}`;
  return (
    <article
      className="client-report mx-auto max-w-3xl space-y-6 print:max-w-none print:space-y-4"
      aria-labelledby="report-title"
    >
      <style>{PRINT_CSS}</style>
      <header className="report-section space-y-2">
        <p className="text-sm font-medium uppercase tracking-wide text-indigo-800">Follow-up report</p>
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
          <Figure
            label="Follow-up rate"
            value={formatPercent(h.followUpRate.rate)}
            detail={
              h.followUpRate.n
                ? `${formatCount(h.followUpRate.successes, h.followUpRate.n)} decided interviews`
                : "no decided interviews yet"
            }
          />
          <Figure
            label="Median time to follow up"
            value={formatMinutes(h.latency.median)}
            detail={`90th percentile ${formatMinutes(h.latency.p90)}; ${h.latency.n} follow-ups`}
          />
          <Figure
            label="Offer rate: followed up"
            value={formatPercent(report.behaviour.comparison.followed.rate)}
            detail={`${report.behaviour.comparison.followed.n} decided applications${report.behaviour.comparison.followed.enough ? `, 95% interval ${formatInterval(report.behaviour.comparison.followed.interval)}` : " (few)"}`}
          />
          <Figure
            label="Offer rate: never followed up"
            value={formatPercent(report.behaviour.comparison.never.rate)}
            detail={`${report.behaviour.comparison.never.n} decided applications${report.behaviour.comparison.never.enough ? `, 95% interval ${formatInterval(report.behaviour.comparison.never.interval)}` : " (few)"}`}
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
          <section key={p.id} aria-labelledby={`position-${p.id}`} className="card break-inside-avoid">
            <h3 id={`position-${p.id}`} className="text-base font-semibold">
              {p.title}{" "}
              <span className="text-sm font-normal text-slate-600">
                ({p.status}, opened {p.opened})
              </span>
            </h3>
            {p.figures ? (
              <p className="mt-1 text-sm text-slate-700">
                {p.figures.interviews} interviews in the period · follow-up rate{" "}
                {formatPercent(p.figures.followUpRate)} · median latency {p.figures.medianLatency}
                {p.figures.meanScore !== null ? ` · mean score ${p.figures.meanScore}` : ""}
              </p>
            ) : null}
            <div className="mt-2 overflow-x-auto">
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
