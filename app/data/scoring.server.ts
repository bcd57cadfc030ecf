// Computes and stores latency, window and score for interviews and follow-ups, and the follow-up summary
// of their applications. The arithmetic is all in app/core; this module loads rows in a few set-based
// queries, hands them to the core, and writes the results back in batched updates.
import { CompiledQuery, PostgresAdapter, type Kysely, type Transaction } from "kysely";
import type { Database, FollowUpWindow } from "../../db/schema";
import { isAutoReply } from "../core/auto-reply";
import { closesAt, timeFollowUps } from "../core/latency";
import { scoreFollowUp, type Score } from "../core/rubric/score";
import { findNearDuplicates, type NearDuplicateMatch, type SimilarityItem } from "../core/rubric/similarity";
import { contentKeys } from "../core/rubric/text";
import { parseSettings, type OrgSettings, type RubricPart } from "../core/settings";
import { summarizeApplication, type InterviewForSummary } from "../core/summary";

export type Db = Kysely<Database> | Transaction<Database>;

export interface ScoringOptions {
  /** The moment that decides which windows have closed; defaults to the current time. */
  now?: Date;
}

/** Interviews per transaction in a rescore: large enough to amortize queries, small enough not to block writers long. */
const INTERVIEWS_PER_BATCH = 2_000;
/** Rows per UPDATE statement. */
const ROWS_PER_UPDATE = 200;
/** Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;
/** Jaccard similarity of shingles above which two candidates' follow-ups count as near-identical. */
const NEAR_DUPLICATE_THRESHOLD = 0.8;

const PART_COLUMNS: Record<RubricPart, string> = {
  timing: "pts_timing",
  specificity: "pts_specificity",
  ownExperience: "pts_own_experience",
  interest: "pts_interest",
  nextStep: "pts_next_step",
  length: "pts_length",
  personalTone: "pts_personal_tone",
};

// ---------------------------------------------------------------------------------------------------
// Rows in and out

interface ApplicationSource {
  id: number;
  position_id: number;
  candidate_id: number;
  candidate_name: string;
}

interface InterviewSource {
  id: number;
  application_id: number;
  ends_at: string;
  time_zone: string;
  notes: string;
  interviewer_name: string;
}

interface FollowUpSource {
  id: number;
  interview_id: number;
  received_at: string;
  subject: string | null;
  body: string;
}

interface FollowUpResult {
  id: number;
  latency_minutes: number | null;
  business_latency_minutes: number | null;
  window: FollowUpWindow | null;
  score: number | null;
  score_parts: string | null;
  scorer_version: string | null;
  points: Partial<Record<RubricPart, number>>;
}

interface InterviewResult {
  id: number;
  first_follow_up_id: number | null;
  first_follow_up_at: string | null;
  latency_minutes: number | null;
  business_latency_minutes: number | null;
  window: FollowUpWindow | null;
  closes_at: string;
}

interface ApplicationResult {
  id: number;
  interview_count: number;
  decided_interview_count: number;
  followed_up_count: number;
  behaviour: string | null;
  median_latency_minutes: number | null;
  best_score: number | null;
  mean_score: number | null;
  last_interview_end: string | null;
}

interface BatchResult {
  applications: ApplicationResult[];
  interviews: InterviewResult[];
  followUps: FollowUpResult[];
}

interface NearDuplicates {
  matches: Map<number, NearDuplicateMatch>;
  candidateNameOf: Map<number, string>;
}

/** Auto-replies and messages dated before the interview ended are stored (if at all) but are not follow-ups. */
function countsAsFollowUp(followUp: FollowUpSource, interviewEnd: string): boolean {
  return Date.parse(followUp.received_at) >= Date.parse(interviewEnd) && !isAutoReply({ subject: followUp.subject, body: followUp.body });
}

const NOT_SCORED = {
  latency_minutes: null,
  business_latency_minutes: null,
  window: null,
  score: null,
  score_parts: null,
  scorer_version: null,
  points: {},
} as const;

/**
 * Everything computed for whole applications: each interview's follow-ups are timed and scored, the
 * first one sets the interview's latency, and the interviews make the application's summary. Pure.
 */
function computeApplications(
  settings: OrgSettings,
  now: number,
  applications: readonly ApplicationSource[],
  interviews: readonly InterviewSource[],
  followUps: readonly FollowUpSource[],
  nearDuplicates?: NearDuplicates,
): BatchResult {
  const applicationById = new Map(applications.map((a) => [a.id, a]));
  const interviewById = new Map(interviews.map((i) => [i.id, i]));
  const followUpsOf = new Map<number, FollowUpSource[]>();
  const counting: FollowUpSource[] = [];
  for (const f of followUps) {
    const interview = interviewById.get(f.interview_id);
    if (!interview) continue;
    const list = followUpsOf.get(f.interview_id);
    if (list) list.push(f);
    else followUpsOf.set(f.interview_id, [f]);
    if (countsAsFollowUp(f, interview.ends_at)) counting.push(f);
  }
  const countingIds = new Set(counting.map((f) => f.id));

  if (!nearDuplicates) {
    const items: SimilarityItem[] = [];
    const candidateNameOf = new Map<number, string>();
    for (const f of counting) {
      const application = applicationById.get(interviewById.get(f.interview_id)!.application_id);
      if (!application) continue;
      items.push({ id: f.id, groupKey: application.position_id, ownerKey: application.candidate_id, text: f.body });
      candidateNameOf.set(f.id, application.candidate_name);
    }
    nearDuplicates = { matches: findNearDuplicates(items, NEAR_DUPLICATE_THRESHOLD), candidateNameOf };
  }

  const result: BatchResult = { applications: [], interviews: [], followUps: [] };
  const summaryInputs = new Map<number, InterviewForSummary[]>();
  const lastEnd = new Map<number, string>();
  for (const interview of interviews) {
    const application = applicationById.get(interview.application_id);
    if (!application) continue;
    const own = followUpsOf.get(interview.id) ?? [];
    const valid = own.filter((f) => countingIds.has(f.id));
    const timing = timeFollowUps(
      { endsAt: interview.ends_at, timeZone: interview.time_zone },
      valid.map((f) => ({ id: f.id, receivedAt: f.received_at })),
      settings,
    );
    const timingOf = new Map(timing.each.map((t) => [t.id, t]));
    const noteKeys = timing.each.length > 0 ? contentKeys(interview.notes) : undefined;
    const scores: number[] = [];
    for (const f of own) {
      const t = timingOf.get(f.id);
      if (!t) {
        result.followUps.push({ id: f.id, ...NOT_SCORED });
        continue;
      }
      const match = nearDuplicates.matches.get(f.id);
      const score: Score = scoreFollowUp(
        {
          subject: f.subject,
          body: f.body,
          notes: interview.notes,
          noteKeys,
          interviewerName: interview.interviewer_name,
          candidateName: application.candidate_name,
          latencyMinutes: t.latencyMinutes,
          window: t.window,
          nearDuplicate: match
            ? {
                otherFollowUpId: match.otherId,
                otherCandidateName: nearDuplicates.candidateNameOf.get(match.otherId) ?? "another candidate",
                similarity: match.similarity,
              }
            : null,
        },
        settings,
      );
      if (t.window !== "none") scores.push(score.total);
      result.followUps.push({
        id: f.id,
        latency_minutes: t.latencyMinutes,
        business_latency_minutes: t.businessLatencyMinutes,
        window: t.window,
        score: score.total,
        score_parts: JSON.stringify(score),
        scorer_version: score.version,
        points: Object.fromEntries(score.parts.map((p) => [p.key, p.points])),
      });
    }
    const first = timing.first;
    const closes = closesAt(interview.ends_at, settings.windows);
    result.interviews.push({
      id: interview.id,
      first_follow_up_id: first?.id ?? null,
      first_follow_up_at: first ? own.find((f) => f.id === first.id)!.received_at : null,
      latency_minutes: first?.latencyMinutes ?? null,
      business_latency_minutes: first?.businessLatencyMinutes ?? null,
      window: first?.window ?? null,
      closes_at: closes,
    });
    const inputs = summaryInputs.get(application.id) ?? [];
    inputs.push({
      closed: first !== null || now >= Date.parse(closes),
      latencyMinutes: first?.latencyMinutes ?? null,
      window: first?.window ?? null,
      scores,
    });
    summaryInputs.set(application.id, inputs);
    const last = lastEnd.get(application.id);
    if (last === undefined || Date.parse(interview.ends_at) > Date.parse(last)) lastEnd.set(application.id, interview.ends_at);
  }

  for (const application of applications) {
    const s = summarizeApplication(summaryInputs.get(application.id) ?? []);
    result.applications.push({
      id: application.id,
      interview_count: s.interviewCount,
      decided_interview_count: s.decidedInterviewCount,
      followed_up_count: s.followedUpCount,
      behaviour: s.behaviour,
      median_latency_minutes: s.medianLatencyMinutes,
      best_score: s.bestScore,
      mean_score: s.meanScore,
      last_interview_end: lastEnd.get(application.id) ?? null,
    });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Writing

type SqlType = "integer" | "double precision" | "text";
interface Column<T> {
  name: string;
  type: SqlType;
  value: (row: T) => unknown;
}

const FOLLOW_UP_COLUMNS: Column<FollowUpResult>[] = [
  { name: "latency_minutes", type: "double precision", value: (r) => r.latency_minutes },
  { name: "business_latency_minutes", type: "double precision", value: (r) => r.business_latency_minutes },
  { name: "window", type: "text", value: (r) => r.window },
  { name: "score", type: "double precision", value: (r) => r.score },
  { name: "score_parts", type: "text", value: (r) => r.score_parts },
  { name: "scorer_version", type: "text", value: (r) => r.scorer_version },
  ...(Object.entries(PART_COLUMNS) as [RubricPart, string][]).map(
    ([part, name]): Column<FollowUpResult> => ({ name, type: "double precision", value: (r) => r.points[part] ?? null }),
  ),
];

const INTERVIEW_COLUMNS: Column<InterviewResult>[] = [
  { name: "first_follow_up_id", type: "integer", value: (r) => r.first_follow_up_id },
  { name: "first_follow_up_at", type: "text", value: (r) => r.first_follow_up_at },
  { name: "latency_minutes", type: "double precision", value: (r) => r.latency_minutes },
  { name: "business_latency_minutes", type: "double precision", value: (r) => r.business_latency_minutes },
  { name: "window", type: "text", value: (r) => r.window },
  { name: "closes_at", type: "text", value: (r) => r.closes_at },
];

const APPLICATION_COLUMNS: Column<ApplicationResult>[] = [
  { name: "interview_count", type: "integer", value: (r) => r.interview_count },
  { name: "decided_interview_count", type: "integer", value: (r) => r.decided_interview_count },
  { name: "followed_up_count", type: "integer", value: (r) => r.followed_up_count },
  { name: "behaviour", type: "text", value: (r) => r.behaviour },
  { name: "median_latency_minutes", type: "double precision", value: (r) => r.median_latency_minutes },
  { name: "best_score", type: "double precision", value: (r) => r.best_score },
  { name: "mean_score", type: "double precision", value: (r) => r.mean_score },
  { name: "last_interview_end", type: "text", value: (r) => r.last_interview_end },
];

const statementCache = new Map<string, string>();

/**
 * One UPDATE for many rows, in SQL that SQLite and PostgreSQL both run: the new values as a VALUES
 * list, matched by id in a correlated row-value subquery, with the rows found by primary key through
 * IN. (SQLite plans `UPDATE … FROM (VALUES …)` as a scan of the whole target table, once per statement.)
 * The statement text depends only on the table, its columns and the row count, so it is built once.
 */
function updateStatement(table: string, columns: Column<unknown>[], rows: number, postgres: boolean): string {
  const key = `${table}|${rows}|${postgres}`;
  let text = statementCache.get(key);
  if (text) return text;
  let n = 0;
  const param = () => (postgres ? `$${++n}` : "?");
  const tuple = () => `(cast(${param()} as integer), ${columns.map((c) => `cast(${param()} as ${c.type})`).join(", ")})`;
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  const values = Array.from({ length: rows }, tuple).join(", ");
  text =
    `with v (id, ${names}) as (values ${values}) ` +
    `update ${table} set (${names}) = (select ${columns.map((c) => `v."${c.name}"`).join(", ")} from v where v.id = ${table}.id) ` +
    `where ${table}.id in (select id from v)`;
  statementCache.set(key, text);
  return text;
}

async function updateRows<T extends { id: number }>(db: Db, table: string, columns: Column<T>[], rows: readonly T[]): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const chunk = Math.min(ROWS_PER_UPDATE, Math.floor(MAX_PARAMETERS / (columns.length + 1)));
  for (let i = 0; i < rows.length; i += chunk) {
    const slice = rows.slice(i, i + chunk);
    const parameters: unknown[] = [];
    for (const row of slice) {
      parameters.push(row.id);
      for (const c of columns) parameters.push(c.value(row) ?? null);
    }
    await db.executeQuery(CompiledQuery.raw(updateStatement(table, columns as Column<unknown>[], slice.length, postgres), parameters));
  }
}

async function writeResults(db: Db, result: BatchResult): Promise<void> {
  await updateRows(db, "follow_ups", FOLLOW_UP_COLUMNS, result.followUps);
  await updateRows(db, "interviews", INTERVIEW_COLUMNS, result.interviews);
  await updateRows(db, "applications", APPLICATION_COLUMNS, result.applications);
}

// ---------------------------------------------------------------------------------------------------
// Loading

async function loadSettings(db: Db, organizationId: number): Promise<OrgSettings> {
  const org = await db.selectFrom("organizations").select("settings").where("id", "=", organizationId).executeTakeFirst();
  if (!org) throw new Error(`Organization ${organizationId} does not exist`);
  return parseSettings(org.settings);
}

/** Applications (with their candidate's name), interviews and follow-ups, of the given applications or positions. */
async function loadApplications(
  db: Db,
  organizationId: number,
  by: { positionIds: number[] } | { applicationIds: number[] },
): Promise<{ applications: ApplicationSource[]; interviews: InterviewSource[]; followUps: FollowUpSource[] }> {
  const ids = "positionIds" in by ? by.positionIds : by.applicationIds;
  if (ids.length === 0) return { applications: [], interviews: [], followUps: [] };
  const column = "positionIds" in by ? ("a.position_id" as const) : ("a.id" as const);
  const applications = await db
    .selectFrom("applications as a")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .select(["a.id", "a.position_id", "a.candidate_id", "c.name as candidate_name"])
    .where("a.organization_id", "=", organizationId)
    .where(column, "in", ids)
    .execute();
  const interviews = await db
    .selectFrom("interviews as i")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .select(["i.id", "i.application_id", "i.ends_at", "i.time_zone", "i.notes", "i.interviewer_name"])
    .where("a.organization_id", "=", organizationId)
    .where(column, "in", ids)
    .execute();
  const followUps = await db
    .selectFrom("follow_ups as f")
    .innerJoin("interviews as i", "i.id", "f.interview_id")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .select(["f.id", "f.interview_id", "f.received_at", "f.subject", "f.body"])
    .where("a.organization_id", "=", organizationId)
    .where(column, "in", ids)
    .execute();
  return { applications, interviews, followUps };
}

/** The other follow-up a stored score names as near-identical, if any. */
function storedNearDuplicate(scoreParts: string | null): number | null {
  if (!scoreParts) return null;
  try {
    const parsed = JSON.parse(scoreParts) as { parts?: { evidence?: { followUpId?: unknown }[] }[] };
    for (const part of parsed.parts ?? []) {
      for (const e of part.evidence ?? []) if (typeof e.followUpId === "number") return e.followUpId;
    }
  } catch {
    // Unreadable: treat as none, and the rescore below rewrites it if a near-duplicate exists now.
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// The API

/**
 * Recomputes one interview's follow-up fields, its follow-ups' scores and its application's summary,
 * inside the caller's transaction. The whole application is recomputed (a handful of rows), and so is
 * any other application in the position whose near-duplicate finding changes because of this interview's
 * follow-ups: copying is a property of both messages.
 */
export async function recomputeInterview(db: Db, interviewId: number, options: ScoringOptions = {}): Promise<void> {
  const now = (options.now ?? new Date()).getTime();
  const target = await db
    .selectFrom("interviews as i")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .select(["i.application_id", "a.position_id", "a.organization_id"])
    .where("i.id", "=", interviewId)
    .executeTakeFirst();
  if (!target) throw new Error(`Interview ${interviewId} does not exist`);
  const settings = await loadSettings(db, target.organization_id);

  // Near-duplicates are judged across the whole position.
  const positionFollowUps = await db
    .selectFrom("follow_ups as f")
    .innerJoin("interviews as i", "i.id", "f.interview_id")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .select(["f.id", "f.received_at", "f.subject", "f.body", "i.ends_at", "a.id as application_id", "a.candidate_id", "c.name as candidate_name"])
    .where("a.position_id", "=", target.position_id)
    .execute();
  const items: SimilarityItem[] = [];
  const candidateNameOf = new Map<number, string>();
  for (const f of positionFollowUps) {
    if (!countsAsFollowUp({ ...f, interview_id: 0 }, f.ends_at)) continue;
    items.push({ id: f.id, groupKey: target.position_id, ownerKey: f.candidate_id, text: f.body });
    candidateNameOf.set(f.id, f.candidate_name);
  }
  const matches = findNearDuplicates(items, NEAR_DUPLICATE_THRESHOLD);

  const affected = new Set<number>([target.application_id]);
  const flagged = await db
    .selectFrom("follow_ups as f")
    .innerJoin("interviews as i", "i.id", "f.interview_id")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .select(["f.id", "f.score_parts"])
    .where("a.position_id", "=", target.position_id)
    .where("f.score_parts", "like", '%"followUpId":%')
    .execute();
  const stored = new Map(flagged.map((f) => [f.id, storedNearDuplicate(f.score_parts)]));
  for (const f of positionFollowUps) {
    if ((stored.get(f.id) ?? null) !== (matches.get(f.id)?.otherId ?? null)) affected.add(f.application_id);
  }

  const loaded = await loadApplications(db, target.organization_id, { applicationIds: [...affected] });
  const result = computeApplications(settings, now, loaded.applications, loaded.interviews, loaded.followUps, { matches, candidateNameOf });
  await writeResults(db, result);
}

/** Groups positions, in id order, into batches of about INTERVIEWS_PER_BATCH interviews. */
function batchPositions(counts: { position_id: number; interviews: number }[]): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let size = 0;
  for (const { position_id, interviews } of counts) {
    if (current.length > 0 && size + interviews > INTERVIEWS_PER_BATCH) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(position_id);
    size += interviews;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

async function interviewCountsByPosition(db: Db, organizationId: number) {
  const positions = await db.selectFrom("positions").select("id").where("organization_id", "=", organizationId).orderBy("id").execute();
  const counts = await db
    .selectFrom("interviews as i")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .select(["a.position_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("a.organization_id", "=", organizationId)
    .groupBy("a.position_id")
    .execute();
  const byPosition = new Map(counts.map((c) => [c.position_id, Number(c.n)]));
  return positions.map((p) => ({ position_id: p.id, interviews: byPosition.get(p.id) ?? 0 }));
}

/**
 * Rescores every interview and follow-up of an organization, in batches of whole positions (so that
 * near-duplicates are found across each position), one transaction per batch. Run it after the
 * settings or the scorer change.
 */
export async function rescoreOrganization(
  db: Kysely<Database>,
  organizationId: number,
  onProgress?: (done: number, total: number) => void,
  options: ScoringOptions = {},
): Promise<{ interviews: number; followUps: number }> {
  const now = (options.now ?? new Date()).getTime();
  const settings = await loadSettings(db, organizationId);
  const counts = await interviewCountsByPosition(db, organizationId);
  const total = counts.reduce((s, c) => s + c.interviews, 0);
  let done = 0;
  let followUps = 0;
  onProgress?.(0, total);
  for (const positionIds of batchPositions(counts)) {
    await db.transaction().execute(async (trx) => {
      const loaded = await loadApplications(trx, organizationId, { positionIds });
      const result = computeApplications(settings, now, loaded.applications, loaded.interviews, loaded.followUps);
      await writeResults(trx, result);
      done += result.interviews.length;
      followUps += result.followUps.length;
    });
    onProgress?.(done, total);
  }
  return { interviews: done, followUps };
}

/** Rescores every organization; progress counts interviews across all of them. */
export async function rescoreAll(
  db: Kysely<Database>,
  onProgress?: (done: number, total: number) => void,
  options: ScoringOptions = {},
): Promise<{ organizations: number; interviews: number; followUps: number }> {
  const organizations = await db.selectFrom("organizations").select("id").orderBy("id").execute();
  const [{ n }] = await db
    .selectFrom("interviews")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .execute();
  const total = Number(n);
  let before = 0;
  const summary = { organizations: organizations.length, interviews: 0, followUps: 0 };
  for (const org of organizations) {
    const result = await rescoreOrganization(db, org.id, onProgress && ((done) => onProgress(before + done, total)), options);
    before += result.interviews;
    summary.interviews += result.interviews;
    summary.followUps += result.followUps;
  }
  return summary;
}
