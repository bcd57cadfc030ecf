// Writes generated candidates with their applications, interviews and follow-ups, many rows per
// statement. The ids come back through `returning` and are matched on a natural key (candidate e-mail,
// candidate × position, application × round), so nothing depends on the order in which a database
// returns rows. Computed columns stay at their defaults: the workspace is scored afterwards.
import type { Insertable } from "kysely";
import type { ApplicationTable, Db, FollowUpTable, InterviewTable } from "../../db/schema";
import { indexCandidates } from "../data/search.server";
import { bodyHash } from "../data/body-hash.server";
import type { GenApplication } from "./applications";
import type { GenCandidate } from "./candidates";
import type { GenInterview } from "./interviews";

/** Bound on bound parameters per statement: under SQLite's 32,766 (and PostgreSQL's 65,535). */
const MAX_PARAMETERS = 30_000;
/** Rows per multi-row insert: large enough to amortize the statement, small enough to compile fast. */
const MAX_ROWS_PER_INSERT = 1_000;

function rowsPerInsert(columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / columns)));
}

function* batches<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** Rows written so far, by table. */
export interface Counts {
  candidates: number;
  applications: number;
  interviews: number;
  followUps: number;
}

/** Writes one transaction's worth of candidates and everything under them; adds to `counts`. */
export async function writeCandidates(
  db: Db,
  organizationId: number,
  generated: GenCandidate[],
  counts: Counts,
  /** Told each application's id once it is written. */
  onApplication?: (id: number, application: GenApplication) => void,
): Promise<void> {
  // Candidates, matched back on their e-mail (unique within the organization).
  const candidateRows = generated.map((g) => ({ organization_id: organizationId, ...g.row }));
  const candidateIds = new Map<string, number>();
  for (const batch of batches(candidateRows, rowsPerInsert(6))) {
    const rows = await db
      .insertInto("candidates")
      .values(batch)
      .returning(["id", "email", "name", "phone"])
      .execute();
    await indexCandidates(
      db,
      rows.map((row) => ({ ...row, organization_id: organizationId })),
    );
    for (const row of rows) candidateIds.set(row.email ?? "", row.id);
  }
  counts.candidates += candidateRows.length;

  // Applications, matched back on candidate × position (unique by constraint).
  const applicationRows: Insertable<ApplicationTable>[] = [];
  const applicationKeys: [number, GenApplication][] = [];
  for (const g of generated) {
    const candidateId = candidateIds.get(g.email);
    if (candidateId === undefined) throw new Error(`seed: candidate ${g.email} was not returned`);
    for (const a of g.applications) {
      applicationRows.push({
        organization_id: organizationId,
        candidate_id: candidateId,
        position_id: a.position.id,
        ...a.row,
      });
      applicationKeys.push([candidateId, a]);
    }
  }
  const applicationIds = new Map<string, number>();
  for (const batch of batches(applicationRows, rowsPerInsert(9))) {
    const rows = await db
      .insertInto("applications")
      .values(batch)
      .returning(["id", "candidate_id", "position_id"])
      .execute();
    for (const row of rows) applicationIds.set(`${row.candidate_id}:${row.position_id}`, row.id);
  }
  counts.applications += applicationRows.length;

  // Interviews, matched back on application × round.
  const interviewRows: Insertable<InterviewTable>[] = [];
  const interviewKeys: [number, GenInterview][] = [];
  for (const [candidateId, a] of applicationKeys) {
    const applicationId = applicationIds.get(`${candidateId}:${a.position.id}`);
    if (applicationId === undefined) throw new Error("seed: application was not returned");
    onApplication?.(applicationId, a);
    for (const i of a.interviews) {
      interviewRows.push({ organization_id: organizationId, application_id: applicationId, ...i.row });
      interviewKeys.push([applicationId, i]);
    }
  }
  const interviewIds = new Map<string, number>();
  for (const batch of batches(interviewRows, rowsPerInsert(13))) {
    const rows = await db
      .insertInto("interviews")
      .values(batch)
      .returning(["id", "application_id", "round"])
      .execute();
    for (const row of rows) interviewIds.set(`${row.application_id}:${row.round}`, row.id);
  }
  counts.interviews += interviewRows.length;

  // Follow-ups need no ids back.
  const followUpRows: Insertable<FollowUpTable>[] = [];
  for (const [applicationId, i] of interviewKeys) {
    if (i.followUps.length === 0) continue;
    const interviewId = interviewIds.get(`${applicationId}:${i.round}`);
    if (interviewId === undefined) throw new Error("seed: interview was not returned");
    for (const f of i.followUps)
      followUpRows.push({
        organization_id: organizationId,
        interview_id: interviewId,
        ...f.row,
        body_hash: bodyHash(f.row.body),
      });
  }
  for (const batch of batches(followUpRows, rowsPerInsert(10))) {
    await db.insertInto("follow_ups").values(batch).execute();
  }
  counts.followUps += followUpRows.length;
}
