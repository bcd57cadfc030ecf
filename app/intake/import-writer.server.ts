// Writing checked import records (from a CSV file or from .ics events) inside one transaction, with
// the same matching rules for both: clients and positions by name, candidates by email, applications
// by candidate and position, interviews by candidate and start, follow-ups by interview and received
// time, so that importing the same file twice adds nothing. Records are staged in a temporary table,
// then written a few whole positions at a time, each new row inserted once with the scores the shared
// scoring code gives it (ImportWriter below).
import crypto from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import { isPostgres } from "../../db/connection.server";
import type { Database } from "../../db/schema";
import { closesAt } from "../core/latency";
import type { ImportRecord } from "../core/import/rows";
import type { OrgSettings } from "../core/settings";
import { recordAudit } from "../data/audit.server";
import { bodyHash } from "../data/body-hash.server";
import { IdAllocator } from "../data/ids.server";
import type { NewRows } from "../data/bulk-update.server";
import type { ScoringPool } from "../data/scoring-pool.server";
import { scorePositions, type StoredRows } from "../data/scoring.server";
import type { Viewer } from "../data/scope.server";
import { getOrganizationSettings } from "../data/organizations.server";
import { indexCandidates } from "../data/search.server";
import { deferringSummaries } from "../data/summaries.server";
import { queueFollowUpsReceived } from "../data/webhooks.server";
import { importCandidateDemographics } from "../data/demographics.server";

export interface ImportTarget {
  /** The client for rows without a client column (or with it empty). */
  clientId: number;
}

export interface ImportSummary {
  rows: number;
  skippedBadRows: number;
  created: {
    clients: number;
    positions: number;
    candidates: number;
    applications: number;
    interviews: number;
    followUps: number;
  };
  /** Rows whose records all existed already (a re-import). */
  unchangedRows: number;
  /** Candidates whose self-identified answers were recorded (only with the compliance permission). */
  demographics?: number;
}

/** Rows per write batch: keeps each IN list and multi-row INSERT well under the parameter limits. */
const BATCH = 1_000;
const IN_CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Writes already-checked records (from an .ics file, say) in one transaction, with the same matching
 * rules as a CSV import, and scores what changed.
 */
export async function importRecords(
  db: Kysely<Database>,
  viewer: Viewer,
  records: ImportRecord[],
  clientId: number,
  entity = "ics",
): Promise<ImportSummary> {
  return db.transaction().execute(async (trx) => {
    const writer = new ImportWriter(
      trx,
      viewer,
      clientId,
      await getOrganizationSettings(trx, viewer.organization_id),
    );
    for (const batch of chunks(records, BATCH)) await writer.stage(batch);
    await writer.finish();
    const summary: ImportSummary = {
      rows: records.length,
      skippedBadRows: 0,
      created: writer.created,
      unchangedRows: writer.unchangedRows,
    };
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "import",
      entity,
      detail: { ...summary },
    });
    return summary;
  });
}

/**
 * The table an import keeps its checked rows in until their positions are written: temporary, so it
 * is private to the import's connection and gone with its transaction (PostgreSQL) or dropped at the
 * end of it (SQLite, where a rollback also undoes its creation).
 */
async function createStagingTable(trx: Transaction<Database>): Promise<void> {
  const postgres = isPostgres(trx);
  await sql`create temporary table import_staged (
    position_id integer not null, seq integer not null, candidate_id integer not null, candidate_name text not null,
    new_candidate integer not null, record text not null, primary key (position_id, seq)
  ) ${postgres ? sql`on commit drop` : sql``}`.execute(trx);
}

const lower = (s: string) => s.toLowerCase();
const today = () => new Date().toISOString().slice(0, 10);

/** `count` random mail-in tokens (9 bytes each, as interviews.server.ts makes one), from one call for random bytes. */
function mailTokens(count: number) {
  const bytes = crypto.randomBytes(9 * count);
  let i = 0;
  return { next: () => bytes.subarray(9 * i, 9 * ++i).toString("base64url") };
}

const iso = (timestamp: string | Date) => new Date(timestamp).toISOString();

/**
 * The rounds of new interviews, in their order: a row's own round number when the file has them, else
 * the application's interviews in time order, stored and new, each new one a round after the last
 * before it (an import after a stored round 3 continues at 4; stored rounds are not renumbered).
 */
function numberRounds(
  fresh: { row: StagedRow }[],
  stored: StoredRows,
  applications: Map<string, number | null>,
): number[] {
  const rounds = fresh.map(({ row }) => row.record.interview!.round ?? 0);
  const storedRounds = new Map<number, { start: number; round: number }[]>();
  for (const i of stored.interviews) {
    const list = storedRounds.get(i.application_id) ?? [];
    list.push({ start: Date.parse(iso(i.starts_at)), round: i.round });
    storedRounds.set(i.application_id, list);
  }
  const unnumbered = new Map<string, number[]>();
  fresh.forEach(({ row }, index) => {
    if (rounds[index] > 0) return;
    const key = `${row.candidateId}|${row.positionId}`;
    unnumbered.set(key, [...(unnumbered.get(key) ?? []), index]);
  });
  for (const [key, indexes] of unnumbered) {
    const applicationId = applications.get(key);
    const known = applicationId != null ? (storedRounds.get(applicationId) ?? []) : [];
    const timeline = [
      ...known.map((k) => ({ start: k.start, round: k.round, index: -1 })),
      ...indexes.map((index) => ({
        start: Date.parse(fresh[index].row.record.interview!.startsAt),
        round: 0,
        index,
      })),
    ].sort((a, b) => a.start - b.start || a.index - b.index);
    let round = 0;
    for (const step of timeline) {
      if (step.index < 0) round = Math.max(round, step.round);
      else rounds[step.index] = round = Math.min(round + 1, 20);
    }
  }
  return rounds;
}

/** A checked row waiting in the staging table, with its candidate found or created. */
interface StagedRow {
  positionId: number;
  candidateId: number;
  candidateName: string;
  /** The candidate was created by this import. */
  newCandidate: boolean;
  record: ImportRecord;
}

/**
 * Writes checked records in two steps inside the caller's transaction. `stage` finds or creates their
 * clients, positions and candidates and keeps the rest in a temporary table, so that memory stays flat
 * however long the file. `finish` then takes whole positions at a time, as scoring needs (near-duplicate
 * follow-ups are found across a position): it matches the staged rows against the positions' stored
 * applications, interviews and follow-ups, scores the new ones with them, and inserts each new row once,
 * scored. Matching: candidates by email, applications by candidate and position, interviews by candidate
 * and start, follow-ups by interview and received time, so that importing the same file twice adds nothing.
 */
export class ImportWriter {
  readonly created = {
    clients: 0,
    positions: 0,
    candidates: 0,
    applications: 0,
    interviews: 0,
    followUps: 0,
  };
  unchangedRows = 0;
  /** Candidates whose self-identification this import recorded. */
  readonly demographicCandidates = new Set<number>();
  private readonly clients = new Map<string, number>();
  private readonly positions = new Map<string, number>();
  /** The largest candidate id before this import: those above it are the import's own. */
  private candidatesBefore: number | null = null;
  /**
   * Candidates with rows in more than one position: only their rows can name an interview that a
   * batch of other positions added, so only theirs are remembered across batches (memory stays flat
   * for files where each candidate applies once).
   */
  private multiPosition = new Set<number>();
  /** Interviews this import added for those candidates, by candidate and start. */
  private readonly addedInterviews = new Map<string, { id: number; positionId: number }>();
  /** Follow-ups this import added to those candidates' interviews, by interview and received time. */
  private readonly addedFollowUps = new Set<string>();
  /** Staged rows per position. */
  private readonly stagedPerPosition = new Map<number, number>();
  private staged = 0;
  /** Follow-ups to interviews of a position other than their row's: inserted last, and those positions rescored. */
  private readonly strayFollowUps: { interviewId: number; positionId: number; record: ImportRecord }[] = [];
  private readonly ids: IdAllocator;
  private readonly recruiterId: number | null;

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly viewer: Viewer,
    private readonly defaultClientId: number,
    private readonly settings: OrgSettings,
    private readonly pool: ScoringPool | null = null,
  ) {
    this.ids = new IdAllocator(trx);
    this.recruiterId = viewer.role === "recruiter" ? viewer.id : null;
  }

  private get org() {
    return this.viewer.organization_id;
  }

  /** Finds or creates the records' clients, positions and candidates, and stages the records. */
  async stage(records: ImportRecord[]): Promise<void> {
    if (records.length === 0) return;
    if (this.staged === 0) await createStagingTable(this.trx);
    const now = new Date().toISOString();
    const clientOf = await this.resolveClients(records, now);
    const positionOf = await this.resolvePositions(records, clientOf, now);
    const candidates = await this.resolveCandidates(records, now);
    // Self-identified answers (read only for importers with the compliance permission): stored apart.
    const answers = records.flatMap((r) =>
      r.demographics ? [{ candidateId: candidates.get(r.candidate.email)!.id, answers: r.demographics }] : [],
    );
    if (answers.length > 0) {
      await importCandidateDemographics(this.trx, this.viewer, answers);
      for (const a of answers) this.demographicCandidates.add(a.candidateId);
    }
    const rows = records.map((record) => {
      const positionId = positionOf(record);
      const candidate = candidates.get(record.candidate.email)!;
      this.stagedPerPosition.set(positionId, (this.stagedPerPosition.get(positionId) ?? 0) + 1);
      return {
        position_id: positionId,
        seq: this.staged++,
        candidate_id: candidate.id,
        candidate_name: candidate.name,
        new_candidate: candidate.id > this.candidatesBefore! ? 1 : 0,
        record: JSON.stringify(record),
      };
    });
    for (const group of chunks(rows, IN_CHUNK)) {
      await sql`insert into import_staged (position_id, seq, candidate_id, candidate_name, new_candidate, record) values ${sql.join(
        group.map(
          (r) =>
            sql`(${r.position_id}, ${r.seq}, ${r.candidate_id}, ${r.candidate_name}, ${r.new_candidate}, ${r.record})`,
        ),
      )}`.execute(this.trx);
    }
  }

  /** Adds and scores the staged rows, whole positions at a time; progress counts the staged rows saved. */
  async finish(onProgress?: (done: number, total: number) => void): Promise<void> {
    if (this.staged === 0) return onProgress?.(0, 0);
    const { rows: multi } = await sql<{ candidate_id: number }>`
      select candidate_id from import_staged group by candidate_id having count(distinct position_id) > 1`.execute(
      this.trx,
    );
    this.multiPosition = new Set(multi.map((m) => m.candidate_id));
    // Each application's summaries are recounted once at the end, not on each of its rows' writes.
    await deferringSummaries(
      this.trx,
      this.org,
      () => this.addAndScore(onProgress),
      () => [...this.stagedPerPosition.keys(), ...this.strayFollowUps.map((f) => f.positionId)],
    );
    await sql`drop table import_staged`.execute(this.trx);
  }

  /** Inserts and scores the staged rows' new applications, interviews and follow-ups. */
  private async addAndScore(onProgress?: (done: number, total: number) => void): Promise<void> {
    await scorePositions(this.trx, this.org, [...this.stagedPerPosition.keys()], {
      pool: this.pool ?? undefined,
      onProgress,
      adding: {
        perPosition: this.stagedPerPosition,
        rows: (positionIds, stored) => this.newRows(positionIds, stored),
      },
    });
    if (this.strayFollowUps.length > 0) {
      const now = new Date().toISOString();
      const ids = await this.ids.take("follow_ups", this.strayFollowUps.length);
      const rows = this.strayFollowUps.map((f, i) => ({
        id: ids[i],
        ...this.followUpRow(f.record, f.interviewId, now),
      }));
      for (const group of chunks(rows, 200)) await this.trx.insertInto("follow_ups").values(group).execute();
      this.created.followUps += this.strayFollowUps.length;
      await queueFollowUpsReceived(this.trx, this.org, ids);
      await scorePositions(this.trx, this.org, [...new Set(this.strayFollowUps.map((f) => f.positionId))], {
        pool: this.pool ?? undefined,
      });
    }
  }

  private async stagedRows(positionIds: number[]): Promise<StagedRow[]> {
    const { rows } = await sql<{
      position_id: number;
      candidate_id: number;
      candidate_name: string;
      new_candidate: number;
      record: string;
    }>`
      select position_id, candidate_id, candidate_name, new_candidate, record from import_staged
      where position_id in (${sql.join(positionIds)}) order by seq`.execute(this.trx);
    return rows.map((r) => ({
      positionId: r.position_id,
      candidateId: r.candidate_id,
      candidateName: r.candidate_name,
      newCandidate: Number(r.new_candidate) === 1,
      record: JSON.parse(r.record) as ImportRecord,
    }));
  }

  /** The staged rows of these positions that are not stored yet, as new rows with ids. */
  private async newRows(positionIds: number[], stored: StoredRows): Promise<NewRows> {
    const rows = await this.stagedRows(positionIds);
    const positionOfApplication = new Map(stored.applications.map((a) => [a.id, a.position_id]));
    const candidateOfApplication = new Map(stored.applications.map((a) => [a.id, a.candidate_id]));
    const applications = new Map(
      stored.applications.map((a) => [`${a.candidate_id}|${a.position_id}`, a.id as number | null]),
    );
    const interviews = new Map<string, { id: number | null; positionId: number }>();
    for (const i of stored.interviews) {
      interviews.set(`${candidateOfApplication.get(i.application_id)}|${iso(i.starts_at)}`, {
        id: i.id,
        positionId: positionOfApplication.get(i.application_id)!,
      });
    }
    // Candidates who were here before may have this interview under another position.
    const earlier = [
      ...new Set(rows.filter((r) => !r.newCandidate && r.record.interview).map((r) => r.candidateId)),
    ];
    for (const group of chunks(earlier, IN_CHUNK)) {
      const found = await this.trx
        .selectFrom("interviews as i")
        .innerJoin("applications as a", "a.id", "i.application_id")
        .select(["i.id", "i.starts_at", "a.candidate_id", "a.position_id"])
        .where("a.organization_id", "=", this.org)
        .where("a.candidate_id", "in", group)
        .execute();
      for (const i of found)
        interviews.set(`${i.candidate_id}|${iso(i.starts_at)}`, { id: i.id, positionId: i.position_id });
    }
    const followUps = new Set(stored.followUps.map((f) => `${f.interview_id}|${iso(f.received_at)}`));
    const inBatch = new Set(positionIds);
    const strayInterviews = [...interviews.values()]
      .filter((i) => !inBatch.has(i.positionId))
      .map((i) => i.id!);
    for (const group of chunks(strayInterviews, IN_CHUNK)) {
      const found = await this.trx
        .selectFrom("follow_ups")
        .select(["interview_id", "received_at"])
        .where("interview_id", "in", group)
        .execute();
      for (const f of found) followUps.add(`${f.interview_id}|${iso(f.received_at)}`);
    }

    // Which rows add what, in file order; ids are taken once the counts are known.
    const newApplications: StagedRow[] = [];
    // The last interview's end per application of these rows: the day an outcome is dated by.
    const lastEnd = new Map<string, string>();
    for (const { record, candidateId, positionId } of rows) {
      const key = `${candidateId}|${positionId}`;
      const end = record.interview?.endsAt;
      if (end && end > (lastEnd.get(key) ?? "")) lastEnd.set(key, end);
    }
    const newInterviews: { row: StagedRow; key: string }[] = [];
    const newFollowUps: { row: StagedRow; interviewKey: string }[] = [];
    for (const row of rows) {
      const { record: r, candidateId, positionId } = row;
      let adds = row.newCandidate;
      const applicationKey = `${candidateId}|${positionId}`;
      if (!applications.has(applicationKey)) {
        applications.set(applicationKey, null);
        newApplications.push(row);
        adds = true;
      }
      if (r.interview) {
        const interviewKey = `${candidateId}|${r.interview.startsAt}`;
        const interview = interviews.get(interviewKey) ?? this.addedInterviews.get(interviewKey);
        if (!interview) {
          interviews.set(interviewKey, { id: null, positionId });
          newInterviews.push({ row, key: interviewKey });
          adds = true;
        }
        // Keyed by the interview's id once it has one, by its own key until then (added in this batch).
        const followUpKey = `${interview?.id ?? interviewKey}|${r.followUp?.receivedAt}`;
        if (r.followUp && !followUps.has(followUpKey) && !this.addedFollowUps.has(followUpKey)) {
          followUps.add(followUpKey);
          if (interview && !inBatch.has(interview.positionId)) {
            this.strayFollowUps.push({
              interviewId: interview.id!,
              positionId: interview.positionId,
              record: r,
            });
            if (this.multiPosition.has(candidateId)) this.addedFollowUps.add(followUpKey);
          } else newFollowUps.push({ row, interviewKey });
          adds = true;
        }
      }
      if (!adds) this.unchangedRows += 1;
    }

    const now = new Date().toISOString();
    const added: NewRows = { applications: [], interviews: [], followUps: [], candidateNames: new Map() };
    const applicationIds = await this.ids.take("applications", newApplications.length);
    newApplications.forEach((row, i) => {
      applications.set(`${row.candidateId}|${row.positionId}`, applicationIds[i]);
      added.applications.push({
        id: applicationIds[i],
        ...this.applicationRow(row, now, lastEnd.get(`${row.candidateId}|${row.positionId}`)),
      });
      added.candidateNames.set(row.candidateId, row.candidateName);
    });
    const rounds = numberRounds(newInterviews, stored, applications);
    const interviewIds = await this.ids.take("interviews", newInterviews.length);
    const tokens = mailTokens(newInterviews.length);
    newInterviews.forEach(({ row, key }, i) => {
      interviews.set(key, { id: interviewIds[i], positionId: row.positionId });
      if (this.multiPosition.has(row.candidateId))
        this.addedInterviews.set(key, { id: interviewIds[i], positionId: row.positionId });
      const applicationId = applications.get(`${row.candidateId}|${row.positionId}`)!;
      added.interviews.push({
        id: interviewIds[i],
        ...this.interviewRow(row.record, applicationId, tokens.next(), now, rounds[i]),
      });
    });
    const followUpIds = await this.ids.take("follow_ups", newFollowUps.length);
    newFollowUps.forEach(({ row, interviewKey }, i) => {
      const interviewId = interviews.get(interviewKey)!.id!;
      if (this.multiPosition.has(row.candidateId))
        this.addedFollowUps.add(`${interviewId}|${row.record.followUp!.receivedAt}`);
      added.followUps.push({ id: followUpIds[i], ...this.followUpRow(row.record, interviewId, now) });
    });
    this.created.applications += added.applications.length;
    this.created.interviews += added.interviews.length;
    this.created.followUps += added.followUps.length;
    return added;
  }

  private applicationRow(row: StagedRow, now: string, lastInterviewEnd: string | undefined) {
    const r = row.record;
    const outcome = r.outcome ?? "pending";
    return {
      organization_id: this.org,
      candidate_id: row.candidateId,
      position_id: row.positionId,
      stage: r.stage ?? (outcome !== "pending" ? "closed" : r.interview ? "interview" : "applied"),
      outcome,
      // The day is not in the file; the last interview's day is the closest known.
      outcome_on: outcome === "pending" ? null : (lastInterviewEnd?.slice(0, 10) ?? today()),
      outcome_reason: null,
      recruiter_id: this.recruiterId,
      created_at: now,
    } as const;
  }

  private interviewRow(
    r: ImportRecord,
    applicationId: number,
    mailToken: string,
    now: string,
    round: number,
  ) {
    const i = r.interview!;
    return {
      organization_id: this.org,
      application_id: applicationId,
      interviewer_name: i.interviewerName,
      interviewer_email: i.interviewerEmail,
      starts_at: i.startsAt,
      ends_at: i.endsAt,
      time_zone: i.timeZone,
      format: i.format,
      round,
      title: i.title ?? null,
      notes: i.notes,
      logged_by: this.viewer.id,
      created_at: now,
      mail_token: mailToken,
      closes_at: closesAt(i.endsAt, this.settings.windows),
    };
  }

  private followUpRow(r: ImportRecord, interviewId: number, now: string) {
    const f = r.followUp!;
    return {
      organization_id: this.org,
      interview_id: interviewId,
      received_at: f.receivedAt,
      channel: f.channel,
      subject: f.subject,
      body: f.body,
      body_hash: bodyHash(f.body),
      sender: r.candidate.email,
      logged_by: this.viewer.id,
      created_at: now,
    };
  }

  private clientKey(r: ImportRecord) {
    return r.client ? lower(r.client) : null;
  }

  private async resolveClients(records: ImportRecord[], now: string): Promise<(r: ImportRecord) => number> {
    const wanted = new Map<string, string>();
    for (const r of records) {
      const key = this.clientKey(r);
      if (key && !this.clients.has(key)) wanted.set(key, r.client!);
    }
    if (wanted.size) {
      const existing = await this.trx
        .selectFrom("clients")
        .select(["id", "name"])
        .where("organization_id", "=", this.org)
        .execute();
      for (const c of existing) if (!this.clients.has(lower(c.name))) this.clients.set(lower(c.name), c.id);
      for (const [key, name] of wanted) {
        if (this.clients.has(key)) continue;
        const row = await this.trx
          .insertInto("clients")
          .values({ organization_id: this.org, name, created_at: now })
          .returning("id")
          .executeTakeFirstOrThrow();
        this.clients.set(key, row.id);
        this.created.clients += 1;
      }
    }
    return (r) => {
      const key = this.clientKey(r);
      return key ? this.clients.get(key)! : this.defaultClientId;
    };
  }

  private async resolvePositions(
    records: ImportRecord[],
    clientOf: (r: ImportRecord) => number,
    now: string,
  ) {
    const key = (r: ImportRecord) => `${clientOf(r)}|${lower(r.position)}`;
    const missing = new Map<string, { clientId: number; title: string; openedOn: string }>();
    for (const r of records) {
      const k = key(r);
      if (this.positions.has(k)) continue;
      const openedOn = r.interview ? r.interview.startsAt.slice(0, 10) : today();
      const m = missing.get(k);
      if (!m) missing.set(k, { clientId: clientOf(r), title: r.position, openedOn });
      else if (openedOn < m.openedOn) m.openedOn = openedOn;
    }
    if (missing.size) {
      const clientIds = [...new Set([...missing.values()].map((m) => m.clientId))];
      const existing = await this.trx
        .selectFrom("positions")
        .select(["id", "client_id", "title"])
        .where("organization_id", "=", this.org)
        .where("client_id", "in", clientIds)
        .orderBy("id")
        .execute();
      for (const p of existing) {
        const k = `${p.client_id}|${lower(p.title)}`;
        if (!this.positions.has(k)) this.positions.set(k, p.id);
      }
      for (const [k, m] of missing) {
        if (this.positions.has(k)) continue;
        const row = await this.trx
          .insertInto("positions")
          .values({
            organization_id: this.org,
            client_id: m.clientId,
            title: m.title,
            hiring_manager_id: null,
            status: "open",
            opened_on: m.openedOn,
            closed_on: null,
            created_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        this.positions.set(k, row.id);
        this.created.positions += 1;
      }
    }
    return (r: ImportRecord) => this.positions.get(key(r))!;
  }

  /** The batch's candidates by email, found (this import's earlier batches' included) or created. */
  private async resolveCandidates(
    records: ImportRecord[],
    now: string,
  ): Promise<Map<string, { id: number; name: string }>> {
    if (this.candidatesBefore === null) {
      const { max } = await this.trx
        .selectFrom("candidates")
        .select((eb) => eb.fn.max("id").as("max"))
        .executeTakeFirstOrThrow();
      this.candidatesBefore = Number(max ?? 0);
    }
    const found = new Map<string, { id: number; name: string }>();
    const wanted = new Map<string, ImportRecord["candidate"]>();
    for (const r of records) if (!wanted.has(r.candidate.email)) wanted.set(r.candidate.email, r.candidate);
    for (const emails of chunks([...wanted.keys()], IN_CHUNK)) {
      const existing = await this.trx
        .selectFrom("candidates")
        .select(["id", "email", "name"])
        .where("organization_id", "=", this.org)
        // Matched case-insensitively: a candidate typed by hand as "Ana@Example.com" is the file's ana@example.com.
        .where(sql<string>`lower(email)`, "in", emails)
        .orderBy("id")
        .execute();
      for (const c of existing)
        if (c.email && !found.has(lower(c.email))) found.set(lower(c.email), { id: c.id, name: c.name });
    }
    const toCreate = [...wanted.values()].filter((c) => !found.has(c.email));
    for (const group of chunks(toCreate, IN_CHUNK)) {
      const rows = await this.trx
        .insertInto("candidates")
        .values(
          group.map((c) => ({
            organization_id: this.org,
            name: c.name,
            email: c.email,
            phone: c.phone,
            source: c.source ?? "import",
            created_at: now,
          })),
        )
        .returning(["id", "email", "name", "phone"])
        .execute();
      await indexCandidates(
        this.trx,
        rows.map((row) => ({ ...row, organization_id: this.org })),
      );
      for (const row of rows) found.set(lower(row.email!), { id: row.id, name: row.name });
      this.created.candidates += rows.length;
    }
    return found;
  }
}
