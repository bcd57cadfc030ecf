// A client report: the dashboard's figures with a client filter, each position's pipeline, and
// findings in plain words. Read through a Viewer, so a client viewer (or a share link, which reads as
// one) sees only their client.
import { loadDashboard } from "./analytics.server";
import { getBranding } from "./branding.server";
import { getCandidateNotice } from "./rights-settings.server";
import { reviewedDecidedApplications } from "./score-reviews.server";
import { getOrganizationSettings, getOrganizationTimeZone } from "./organizations.server";
import { listPipeline } from "./pipeline.server";
import { visiblePositionIds, type Viewer } from "./scope.server";
import { reportFindings } from "../core/findings";
import { formatDay, formatMinutes } from "../core/format";
import { OUTCOME_LABELS } from "../core/outcomes";
import { statusViewModel } from "../core/pipeline";
import { STAGE_LABELS } from "../core/stages";
import { AnalyticsFiltersSchema, rate } from "../core/analytics";
import type { Db } from "../../db/schema";

export type ReportRange = { from: string | null; to: string | null };

/** from/to (YYYY-MM-DD, inclusive) from a URL; malformed dates are dropped, reversed ones swapped. */
export function parseReportRange(searchParams: URLSearchParams): ReportRange {
  const f = AnalyticsFiltersSchema.parse({
    from: searchParams.get("from") ?? undefined,
    to: searchParams.get("to") ?? undefined,
  });
  return { from: f.from ?? null, to: f.to ?? null };
}

export function rangeQuery(range: ReportRange): string {
  const q = new URLSearchParams();
  if (range.from) q.set("from", range.from);
  if (range.to) q.set("to", range.to);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The client if the viewer may report on it: agency staff any client of theirs, a client viewer only their own. */
export async function getReportClient(db: Db, viewer: Viewer, clientId: number) {
  if (viewer.role === "client_viewer" && viewer.client_id !== clientId) return null;
  if (viewer.role === "hiring_manager") return null;
  return (
    (await db
      .selectFrom("clients")
      .select(["id", "name"])
      .where("id", "=", clientId)
      .where("organization_id", "=", viewer.organization_id)
      .executeTakeFirst()) ?? null
  );
}

const MAX_PIPELINE_ROWS = 500;

export async function loadClientReport(
  db: Db,
  viewer: Viewer,
  client: { id: number; name: string },
  range: ReportRange,
  now = new Date(),
) {
  const settings = await getOrganizationSettings(db, viewer.organization_id);
  // A report may be shared beyond its reader (share links have none): it is dated in the organization's zone.
  const timeZone = await getOrganizationTimeZone(db, viewer.organization_id);
  const filters = { client: client.id, from: range.from ?? undefined, to: range.to ?? undefined };
  const dashboard = await loadDashboard(
    db,
    viewer,
    { filters, by: "position", sort: "label", dir: "asc", page: 1, pageSize: 1000 },
    { windows: settings.windows, weights: settings.weights },
    now,
  );
  const positions = await db
    .selectFrom("positions")
    .select(["id", "title", "status", "opened_on", "closed_on"])
    .where("organization_id", "=", viewer.organization_id)
    .where("client_id", "=", client.id)
    .where("id", "in", visiblePositionIds(db, viewer))
    .orderBy("status", "desc")
    .orderBy("title")
    .orderBy("id")
    .execute();
  const nowIso = now.toISOString();
  const pipelines = [];
  for (const p of positions) {
    const { rows, total } = await listPipeline(
      db,
      viewer,
      p.id,
      { q: "", sort: "candidate", dir: "asc", page: 1, pageSize: MAX_PIPELINE_ROWS },
      { stage: null, status: null, window: null, band: null, outcome: null },
      nowIso,
    );
    const figures = dashboard.breakdown.rows.find((r) => r.key === String(p.id)) ?? null;
    pipelines.push({
      id: p.id,
      title: p.title,
      status: p.status,
      opened: formatDay(p.opened_on),
      figures: figures && {
        interviews: figures.interviews,
        followUpRate: figures.followUpRate,
        /** The rate with its count, interval and `enough` (the dashboard's minimum sample). */
        followUp: rate(Math.round((figures.followUpRate ?? 0) * figures.decided), figures.decided),
        medianLatency: formatMinutes(figures.medianLatency),
        meanScore: figures.meanScore === null ? null : Math.round(figures.meanScore),
      },
      total,
      shown: rows.length,
      // No emails, notes or follow-up text: a report may be forwarded beyond the hiring team.
      rows: rows.map((r) => {
        const status = statusViewModel(
          r.interview_id === null
            ? null
            : {
                endsAt: r.ends_at!,
                firstFollowUpAt: r.first_follow_up_at,
                window: r.window,
                latencyMinutes: r.latency_minutes,
                latencyExempt: r.latency_exempt_reason !== null,
              },
          nowIso,
          settings.windows,
        );
        return {
          id: r.id,
          candidate: r.candidate_name,
          stage: STAGE_LABELS[r.stage],
          lastInterview: r.ends_at ? formatDay(r.ends_at, timeZone) : "—",
          followUp:
            status.kind === "received"
              ? `Followed up: ${status.label}, after ${status.latency}`
              : status.kind === "awaiting"
                ? "Awaiting: still inside the window"
                : status.kind === "none"
                  ? "No follow-up"
                  : status.kind === "exempt"
                    ? "Timing not applicable (an accommodation)"
                    : "Not interviewed yet",
          followUpKind: status.kind,
          score: r.best_score === null ? null : Math.round(r.best_score),
          outcome: OUTCOME_LABELS[r.outcome],
        };
      }),
    });
  }
  const findings = reportFindings({
    followUpRate: dashboard.headline.followUpRate,
    latency: {
      median: dashboard.headline.latency.median,
      n: dashboard.headline.latency.n,
      p90: dashboard.headline.latency.p90,
    },
    byWindow: dashboard.byWindow,
    byBehaviour: dashboard.behaviour.groups,
    byBand: dashboard.byBand.groups,
    acceptableMinutes: settings.windows.acceptable,
  });
  return {
    client: { id: client.id, name: client.name },
    /** The agency's name, colour and logo facts (the logo's bytes: getBrandingLogo). */
    branding: await getBranding(db, viewer.organization_id),
    range,
    generatedAt: nowIso,
    timeZone,
    headline: dashboard.headline,
    behaviour: dashboard.behaviour,
    byWindow: dashboard.byWindow,
    byBand: dashboard.byBand,
    windows: dashboard.windows,
    curve: dashboard.curve,
    thresholds: dashboard.thresholds,
    findings,
    positions: pipelines,
    // Issue 21: how many decided applications a person reviewed a score of, and the candidate notice.
    reviewed: await reviewedDecidedApplications(db, viewer, filters),
    notice: await getCandidateNotice(db, viewer.organization_id),
  };
}

export type ClientReport = Awaited<ReturnType<typeof loadClientReport>>;
