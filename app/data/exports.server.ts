// Downloads: the pipeline table with its filters, the dashboard's breakdown, one candidate's whole
// record (in the import format, so it can be imported again), and a whole organization as one JSON
// file with the raw received messages embedded. Every read goes through the same scoped functions as
// the pages, so an export never shows more than the page it comes from.
import { stringify } from "csv-stringify/sync";
import type { Db } from "../../db/schema";
import { can } from "../auth/permissions.server";
import { parseDashboardParams } from "../core/analytics";
import { parsePipelineParams } from "../core/pipeline";
import { loadDashboard } from "./analytics.server";
import { recordAudit } from "./audit.server";
import { getCandidateRecord } from "./candidates.server";
import { getOrganizationSettings } from "./organizations.server";
import { getVisiblePosition, listPipeline } from "./pipeline.server";
import { getCandidateNotice } from "./rights-settings.server";
import type { Viewer } from "./scope.server";
import { decodeScoreParts } from "../core/rubric/stored-score";
import { spreadsheetCell } from "../core/csv-cell";

/** Numbers to two decimals; text that a spreadsheet would run as a formula kept as text (core/csv-cell.ts). */
function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  return spreadsheetCell(typeof value === "number" ? Math.round(value * 100) / 100 : String(value));
}

export function toCsv(header: string[], rows: unknown[][], notice?: string | null): string {
  // The candidate notice (/settings/notice) goes with every table a client or candidate may receive,
  // as a last column, "candidate_notice", filled in the first row: a line above the header or below
  // the rows would be read as a header or a record by every parser (and by our own import).
  if (notice) {
    header = [...header, "candidate_notice"];
    const first = rows[0] ?? Array(header.length - 1).fill(null);
    rows = [[...first, notice], ...rows.slice(1).map((r) => [...r, null])];
  }
  // A BOM so that Excel opens UTF-8 names correctly.
  return "\uFEFF" + stringify([header, ...rows.map((r) => r.map(cell))], { record_delimiter: "\r\n" });
}

export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "export"
  );
}

/** The position's pipeline as the page shows it (same filters, sort and search), every page at once. */
export async function pipelineCsv(db: Db, viewer: Viewer, positionId: number, searchParams: URLSearchParams) {
  const position = await getVisiblePosition(db, viewer, positionId);
  if (!position) return null;
  const { list, filters } = parsePipelineParams(searchParams);
  const now = new Date().toISOString();
  const { rows } = await listPipeline(
    db,
    viewer,
    position.id,
    { ...list, page: 1, pageSize: 1_000_000 },
    filters,
    now,
  );
  const status = (r: (typeof rows)[number]) =>
    r.interview_id == null
      ? "no interview"
      : r.latency_exempt_reason != null
        ? "not applicable"
        : r.first_follow_up_at
          ? "received"
          : r.closes_at && r.closes_at > now
            ? "awaiting"
            : "none";
  const csv = toCsv(
    [
      "candidate",
      "email",
      "stage",
      "outcome",
      "outcome_on",
      "recruiter",
      "last_interview_end",
      "follow_up_status",
      "first_follow_up_at",
      "latency_minutes",
      "window",
      "best_score",
    ],
    rows.map((r) => [
      r.candidate_name,
      r.candidate_email,
      r.stage,
      r.outcome,
      r.outcome_on,
      r.recruiter_name,
      r.last_interview_end,
      status(r),
      r.first_follow_up_at,
      r.latency_minutes,
      r.window,
      r.best_score,
    ]),
    await getCandidateNotice(db, viewer.organization_id),
  );
  return { csv, fileName: `pipeline-${slug(position.title)}.csv` };
}

/** Every row of the dashboard's breakdown under its filters (not only the page on screen). */
export async function breakdownCsv(db: Db, viewer: Viewer, searchParams: URLSearchParams) {
  const params = parseDashboardParams(searchParams);
  const settings = await getOrganizationSettings(db, viewer.organization_id);
  const data = await loadDashboard(
    db,
    viewer,
    { ...params, page: 1, pageSize: 100_000 },
    { windows: settings.windows, weights: settings.weights },
  );
  const csv = toCsv(
    [
      params.by,
      "interviews",
      "decided_interviews",
      "follow_up_rate",
      "median_latency_minutes",
      "p90_latency_minutes",
      "mean_score",
      "decided_applications",
      "pending_applications",
      "offer_rate_followed_up",
      "followed_up_decided",
      "offer_rate_never",
      "never_decided",
      "difference",
    ],
    data.breakdown.rows.map((r) => [
      r.label,
      r.interviews,
      r.decided,
      r.followUpRate,
      r.medianLatency,
      r.p90Latency,
      r.meanScore,
      r.decidedApplications,
      r.pending,
      r.offerRateFollowed,
      r.followedDecided,
      r.offerRateNever,
      r.neverDecided,
      r.difference,
    ]),
    await getCandidateNotice(db, viewer.organization_id),
  );
  return { csv, fileName: `breakdown-by-${params.by}.csv` };
}

/** One candidate's applications, interviews and follow-ups, one row per follow-up (or interview, or application). */
export async function candidateCsv(db: Db, viewer: Viewer, candidateId: number) {
  const record = await getCandidateRecord(db, viewer, candidateId);
  if (!record) return null;
  const { candidate, applications, interviews, followUps } = record;
  // As on the candidate page: interview notes are internal (client viewers do not see them).
  const seesNotes = can(viewer, "interview-notes:read");
  const header = [
    "name",
    "email",
    "phone",
    "source",
    "client",
    "position",
    "stage",
    "outcome",
    "outcome_on",
    "interview_start",
    "interview_end",
    "time_zone",
    "interviewer",
    "interviewer_email",
    "format",
    "round",
    "notes",
    "follow_up_at",
    "follow_up_channel",
    "follow_up_subject",
    "follow_up_body",
    "latency_minutes",
    "window",
    "score",
  ];
  const rows: unknown[][] = [];
  const person = [candidate.name, candidate.email, candidate.phone, candidate.source];
  for (const a of applications) {
    const application = [a.client_name, a.position_title, a.stage, a.outcome, a.outcome_on];
    const own = interviews.filter((i) => i.application_id === a.id);
    if (!own.length) rows.push([...person, ...application, ...Array(header.length - 9).fill(null)]);
    for (const i of own) {
      const interview = [
        i.starts_at,
        i.ends_at,
        i.time_zone,
        i.interviewer_name,
        i.interviewer_email,
        i.format,
        i.round,
        seesNotes ? i.notes : "",
      ];
      const replies = followUps.filter((f) => f.interview_id === i.id);
      if (!replies.length)
        rows.push([
          ...person,
          ...application,
          ...interview,
          null,
          null,
          null,
          null,
          i.latency_minutes,
          i.window,
          null,
        ]);
      for (const f of replies)
        rows.push([
          ...person,
          ...application,
          ...interview,
          f.received_at,
          f.channel,
          f.subject,
          f.body,
          f.latency_minutes,
          f.window,
          f.score,
        ]);
    }
  }
  if (!applications.length) rows.push([...person, ...Array(header.length - 4).fill(null)]);
  const notice = await getCandidateNotice(db, viewer.organization_id);
  return { csv: toCsv(header, rows, notice), fileName: `candidate-${slug(candidate.name)}.csv` };
}

/** The organization archive's tables, in the order they are written, and what each keeps of a row. */
const ARCHIVE_TABLES = [
  "users",
  "clients",
  "positions",
  "candidates",
  "applications",
  "interviews",
  "follow_ups",
  "inbound_messages",
  "audit_log",
] as const;
type ArchiveTable = (typeof ARCHIVE_TABLES)[number];

/** Rows read at a time: memory holds one batch, whatever the organization's size. */
export const ARCHIVE_BATCH = 1_000;

/** One batch of a table's rows after `afterId`, by id, as the archive writes them. */
async function archiveBatch(db: Db, table: ArchiveTable, org: number, afterId: number, size: number) {
  if (table === "users") {
    // Without password hashes.
    return db
      .selectFrom("users")
      .select(["id", "email", "name", "role", "client_id", "active", "created_at", "last_sign_in_at"])
      .where("organization_id", "=", org)
      .where("id", ">", afterId)
      .orderBy("id")
      .limit(size)
      .execute();
  }
  const rows: { id: number }[] = await db
    .selectFrom(table)
    .selectAll()
    .where("organization_id", "=", org)
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(size)
    .execute();
  if (table !== "follow_ups") return rows;
  // The score's parts as objects, as the candidate page shows them, rather than their stored form.
  return (rows as { id: number; score_parts: string | null }[]).map((f) => ({
    ...f,
    score_parts: f.score_parts ? decodeScoreParts(f.score_parts) : null,
  }));
}

/**
 * The whole organization as one JSON document: every table's rows (users without password hashes),
 * and every received message with its raw text (Latin-1 text of the original bytes). A single JSON file
 * rather than a .zip: no archive package is installed, and JSON is what another system reads back.
 * Written as it is read, a batch of rows at a time, as the client takes it: at 200,000 candidates the
 * document is hundreds of megabytes, which built whole took more than a gigabyte of the server's memory.
 */
export async function organizationArchive(db: Db, viewer: Viewer, batchSize = ARCHIVE_BATCH) {
  const org = viewer.organization_id;
  const organization = await db
    .selectFrom("organizations")
    .selectAll()
    .where("id", "=", org)
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    organizationId: org,
    userId: viewer.id,
    action: "create",
    entity: "organization_export",
  });
  const exportedAt = new Date().toISOString();
  const head = {
    format: "followthrough-organization-export",
    version: 1,
    exportedAt,
    exportedBy: viewer.id,
    note: "Timestamps are ISO-8601 UTC. inbound_messages[].raw is the received message, each byte as one Latin-1 character.",
    organization: { ...organization, settings: JSON.parse(organization.settings || "{}") as unknown },
  };
  const encoder = new TextEncoder();
  let table = 0;
  let afterId = 0;
  let first = true;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // The head's fields, then each table as an array: `{…,"organization":{…},"users":[`.
      controller.enqueue(encoder.encode(`${JSON.stringify(head).slice(0, -1)},"${ARCHIVE_TABLES[0]}":[`));
    },
    async pull(controller) {
      const rows = await archiveBatch(db, ARCHIVE_TABLES[table], org, afterId, batchSize);
      let text = "";
      for (const row of rows) {
        text += (first ? "" : ",") + JSON.stringify(row);
        first = false;
      }
      if (rows.length === batchSize) afterId = rows[rows.length - 1].id;
      else {
        table += 1;
        afterId = 0;
        first = true;
        text += table < ARCHIVE_TABLES.length ? `],"${ARCHIVE_TABLES[table]}":[` : "]}";
      }
      if (text) controller.enqueue(encoder.encode(text));
      if (table === ARCHIVE_TABLES.length) controller.close();
    },
  });
  return {
    body,
    fileName: `followthrough-${slug(organization.name)}-${exportedAt.slice(0, 10)}.json`,
  };
}

export function csvResponse({ csv, fileName }: { csv: string; fileName: string }): Response {
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
