import { stringify } from "csv-stringify/sync";
import type { ClientReport } from "./reports.server";
import { formatDay, formatMinutes, formatPercent } from "../core/format";
import { spreadsheetCell } from "../core/csv-cell";
import { formatInterval } from "../core/analytics";

/** A cell a spreadsheet would run as a formula is kept as text; numbers stay numbers (core/csv-cell.ts). */
function cell(v: string | number | null | undefined): string | number {
  return typeof v === "number" ? v : spreadsheetCell(v);
}

/** The client report as one CSV: the period, headline figures, findings, then every pipeline row. */
export function clientReportCsv(report: ClientReport): string {
  const h = report.headline;
  const rows: (string | number)[][] = [
    ["Follow-up report", report.client.name],
    ["Interviews from", report.range.from ?? "the first"],
    ["Interviews to", report.range.to ?? "the latest"],
    ["Generated", formatDay(report.generatedAt, report.timeZone)],
    // The notice to candidates (/settings/notice): one quoted cell, line breaks and all (RFC 4180).
    ...(report.notice ? [["Notice to candidates", report.notice]] : []),
    [],
    ["Figure", "Value", "Count", "95% interval"],
    [
      "Follow-up rate (decided interviews)",
      formatPercent(h.followUpRate.rate),
      h.followUpRate.n,
      formatInterval(h.followUpRate.interval),
    ],
    ["Median latency to the first follow-up", formatMinutes(h.latency.median), h.latency.n],
    ["90th percentile latency", formatMinutes(h.latency.p90), h.latency.n],
    [
      "Offer rate, followed up",
      formatPercent(report.behaviour.comparison.followed.rate),
      report.behaviour.comparison.followed.n,
      formatInterval(report.behaviour.comparison.followed.interval),
    ],
    [
      "Offer rate, never followed up",
      formatPercent(report.behaviour.comparison.never.rate),
      report.behaviour.comparison.never.n,
      formatInterval(report.behaviour.comparison.never.interval),
    ],
    [],
    ["Offer rate by fastest follow-up window", "Offers", "Decided", "Pending"],
    ...report.byWindow.map((g) => [g.label, g.offers, g.decided, g.pending]),
    [],
    ["Finding"],
    ...report.findings.map((f) => [f.text]),
    [],
    ["Position", "Candidate", "Stage", "Last interview", "Follow-up", "Best score", "Outcome"],
  ];
  for (const p of report.positions) {
    for (const r of p.rows)
      rows.push([p.title, r.candidate, r.stage, r.lastInterview, r.followUp, r.score ?? "", r.outcome]);
  }
  return stringify(
    rows.map((r) => r.map(cell)),
    { record_delimiter: "\r\n" },
  );
}

/** A file name with nothing but letters, digits and dashes. */
export function reportFileName(report: ClientReport): string {
  const slug =
    report.client.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "client";
  return `followthrough-report-${slug}-${report.generatedAt.slice(0, 10)}.csv`;
}
