// Decides what to score and when: one interview after an edit (recomputeInterview), given positions
// inside the caller's transaction (scorePositions, which an import also writes through), or a whole
// organization in batches of whole positions (rescoreOrganization). The arithmetic is all in app/core
// (scoreApplications); this module loads rows in a few set-based queries and hands them to the core,
// on worker threads if asked (scoring-pool.server.ts); bulk-update.server.ts writes back what changed.
// An import's new rows are scored with the stored ones of their positions and inserted once, already
// scored (scorePositions with `adding`).
import { sql, type Kysely, type Selectable, type Transaction } from "kysely";
import type { Database, Db, FollowUpTable, InterviewTable, ApplicationTable } from "../../db/schema";
import { findNearDuplicates, type SimilarityItem } from "../core/rubric/similarity";
import {
  NEAR_DUPLICATE_THRESHOLD,
  nearDuplicateText,
  countsAsFollowUp,
  findApplicationNearDuplicates,
  scoreApplications,
  type ApplicationSource,
  type BatchResult,
  type FollowUpSource,
  type InterviewSource,
  type ScoreApplicationsInput,
} from "../core/score-applications";
import type { OrgSettings } from "../core/settings";
import {
  APPLICATION_COLUMNS,
  FOLLOW_UP_COLUMNS,
  INTERVIEW_COLUMNS,
  storedColumns,
  writeResults,
  type NewRows,
  type Stored,
} from "./bulk-update.server";
import { ScoringPool } from "./scoring-pool.server";
import { getOrganizationSettings } from "./organizations.server";
import { queueWindowClosedEvents } from "./webhooks.server";
import { withSummariesOff } from "./summaries.server";

export interface ScoringOptions {
  /** The moment that decides which windows have closed; defaults to the current time. */
  now?: Date;
  /**
   * Awaited after each batch has committed, outside its transaction: a background job records its
   * progress there and lets waiting requests in before the next batch.
   */
  betweenBatches?: (done: number, total: number) => void | Promise<void>;
  /**
   * Worker threads to score on; 0 (the default) scores on this thread. Workers load the TypeScript
   * sources through tsx, as `npm start` and the command-line scripts do.
   */
  workers?: number;
  /** Worker threads started earlier by the caller (who closes them), instead of `workers`. */
  pool?: ScoringPool;
  /** Interviews per batch (whole positions, so a batch may hold more); INTERVIEWS_PER_BATCH by default. */
  batchSize?: number;
}

/** Interviews per transaction in a rescore: large enough to amortize queries, small enough not to block writers long. */
const INTERVIEWS_PER_BATCH = 2_000;

// ---------------------------------------------------------------------------------------------------
// Loading

/** The stored rows of a batch, as read: an import matches its rows against them. */
export interface StoredRows {
  applications: (Selectable<ApplicationTable> & { candidate_name: string })[];
  interviews: Selectable<InterviewTable>[];
  followUps: Selectable<FollowUpTable>[];
}

type Sources = Pick<ScoreApplicationsInput, "applications" | "interviews" | "followUps">;

/** Each position's title and client name: the rubric does not count their words as specific. */
type PositionLabels = Map<number, { position_title: string; client_name: string }>;

async function positionLabels(db: Db, positionIds: readonly number[]): Promise<PositionLabels> {
  if (positionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("positions as p")
    .innerJoin("clients as c", "c.id", "p.client_id")
    .select(["p.id", "p.title as position_title", "c.name as client_name"])
    .where("p.id", "in", [...new Set(positionIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, { position_title: r.position_title, client_name: r.client_name }]));
}

/** Only what scoring reads, so that little is copied to a worker thread. */
function sourcesOf(
  rows: {
    applications: readonly ApplicationSource[];
    interviews: readonly InterviewSource[];
    followUps: readonly FollowUpSource[];
  },
  labels: PositionLabels,
): Sources {
  return {
    applications: rows.applications.map(
      ({ id, position_id, candidate_id, candidate_name }): ApplicationSource => ({
        id,
        position_id,
        candidate_id,
        candidate_name,
        ...labels.get(position_id),
      }),
    ),
    interviews: rows.interviews.map((i): InterviewSource => ({
      id: i.id,
      application_id: i.application_id,
      ends_at: i.ends_at,
      time_zone: i.time_zone,
      notes: i.notes,
      interviewer_name: i.interviewer_name,
      // Only when set, so that the rows copied to a worker stay as small as before.
      ...("latency_exempt_reason" in i && i.latency_exempt_reason ? { latency_exempt: true } : {}),
    })),
    followUps: rows.followUps.map(({ id, interview_id, received_at, subject, body }): FollowUpSource => ({
      id,
      interview_id,
      received_at,
      subject,
      body,
    })),
  };
}

/** New rows as scoring sources. */
function newSources(added: NewRows, labels: PositionLabels): Sources {
  return sourcesOf(
    {
      applications: added.applications.map((a) => ({
        ...a,
        candidate_name: added.candidateNames.get(a.candidate_id) ?? "",
      })),
      interviews: added.interviews,
      followUps: added.followUps.map((f) => ({ ...f, subject: f.subject ?? null })),
    },
    labels,
  );
}

/**
 * Applications (with their candidate's name), interviews and follow-ups of the given applications or
 * positions, with the computed columns as stored.
 */
async function loadApplications(
  db: Db,
  organizationId: number,
  by: { positionIds: number[] } | { applicationIds: number[] },
): Promise<{ sources: Sources; stored: Stored; rows: StoredRows; labels: PositionLabels }> {
  const ids = "positionIds" in by ? by.positionIds : by.applicationIds;
  if (ids.length === 0) {
    return {
      labels: new Map(),
      sources: { applications: [], interviews: [], followUps: [] },
      stored: { applications: new Map(), interviews: new Map(), followUps: new Map() },
      rows: { applications: [], interviews: [], followUps: [] },
    };
  }
  const column = "positionIds" in by ? ("a.position_id" as const) : ("a.id" as const);
  // Filtered by organization here rather than in SQL: with organization_id in the WHERE, SQLite picks
  // an index on it and reads every application of the organization for every batch.
  const mine = <T extends { organization_id: number }>(rows: T[]) =>
    rows.filter((r) => r.organization_id === organizationId);
  const applications = mine(
    await db
      .selectFrom("applications as a")
      .innerJoin("candidates as c", "c.id", "a.candidate_id")
      .selectAll("a")
      .select("c.name as candidate_name")
      .where(column, "in", ids)
      .execute(),
  );
  const interviews = mine(
    await db
      .selectFrom("interviews as i")
      .innerJoin("applications as a", "a.id", "i.application_id")
      .selectAll("i")
      .where(column, "in", ids)
      .execute(),
  );
  const followUps = mine(
    await db
      .selectFrom("follow_ups as f")
      .innerJoin("interviews as i", "i.id", "f.interview_id")
      .innerJoin("applications as a", "a.id", "i.application_id")
      .selectAll("f")
      .where(column, "in", ids)
      .execute(),
  );
  const rows = { applications, interviews, followUps };
  const labels = await positionLabels(
    db,
    "positionIds" in by ? by.positionIds : applications.map((a) => a.position_id),
  );
  return {
    labels,
    sources: sourcesOf(rows, labels),
    stored: {
      applications: storedColumns(applications, APPLICATION_COLUMNS),
      interviews: storedColumns(interviews, INTERVIEW_COLUMNS),
      followUps: storedColumns(followUps, FOLLOW_UP_COLUMNS),
    },
    rows,
  };
}

// ---------------------------------------------------------------------------------------------------
// The API

/**
 * Recomputes one interview's follow-up fields, its follow-ups' scores and its application's summary,
 * inside the caller's transaction. The whole application is recomputed (a handful of rows), and so is
 * any other application in the position whose near-duplicate finding changes because of this interview's
 * follow-ups: copying is a property of both messages.
 */
export async function recomputeInterview(
  db: Db,
  interviewId: number,
  options: ScoringOptions = {},
): Promise<void> {
  const now = (options.now ?? new Date()).getTime();
  const target = await db
    .selectFrom("interviews as i")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .select(["i.application_id", "a.position_id", "a.organization_id"])
    .where("i.id", "=", interviewId)
    .executeTakeFirst();
  if (!target) throw new Error(`Interview ${interviewId} does not exist`);
  const settings = await getOrganizationSettings(db, target.organization_id);

  // Near-duplicates are judged across the whole position.
  const positionFollowUps = await db
    .selectFrom("follow_ups as f")
    .innerJoin("interviews as i", "i.id", "f.interview_id")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .select([
      "f.id",
      "f.received_at",
      "f.subject",
      "f.body",
      "i.ends_at",
      "i.interviewer_name",
      "a.id as application_id",
      "a.candidate_id",
      "c.name as candidate_name",
    ])
    .where("a.position_id", "=", target.position_id)
    .execute();
  const items: SimilarityItem[] = [];
  const candidateNameOf = new Map<number, string>();
  for (const f of positionFollowUps) {
    if (!countsAsFollowUp({ ...f, interview_id: 0 }, f.ends_at)) continue;
    items.push({
      id: f.id,
      groupKey: target.position_id,
      ownerKey: f.candidate_id,
      text: nearDuplicateText(f.body, [f.candidate_name, f.interviewer_name]),
    });
    candidateNameOf.set(f.id, f.candidate_name);
  }
  const matches = findNearDuplicates(items, NEAR_DUPLICATE_THRESHOLD);

  const affected = new Set<number>([target.application_id]);
  const flagged = await db
    .selectFrom("follow_ups as f")
    .innerJoin("interviews as i", "i.id", "f.interview_id")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .select(["f.id", "f.near_duplicate_of"])
    .where("a.position_id", "=", target.position_id)
    .where("f.near_duplicate_of", "is not", null)
    .execute();
  const stored = new Map(flagged.map((f) => [f.id, f.near_duplicate_of]));
  for (const f of positionFollowUps) {
    if ((stored.get(f.id) ?? null) !== (matches.get(f.id)?.otherId ?? null)) affected.add(f.application_id);
  }

  const loaded = await loadApplications(db, target.organization_id, { applicationIds: [...affected] });
  const result = scoreApplications({
    settings,
    now,
    ...loaded.sources,
    nearDuplicates: { matches, candidateNameOf },
  });
  await writeResults(db, target.organization_id, result, loaded.stored);
}

interface Batch {
  positionIds: number[];
  /** Interviews (and rows to add) in these positions: the unit of progress. */
  size: number;
}

/** Groups positions, in the given order, into batches of about `limit` interviews. */
function batchPositions(counts: { position_id: number; interviews: number }[], limit: number): Batch[] {
  const batches: Batch[] = [];
  let current: Batch = { positionIds: [], size: 0 };
  for (const { position_id, interviews } of counts) {
    if (current.positionIds.length > 0 && current.size + interviews > limit) {
      batches.push(current);
      current = { positionIds: [], size: 0 };
    }
    current.positionIds.push(position_id);
    current.size += interviews;
  }
  if (current.positionIds.length > 0) batches.push(current);
  return batches;
}

/** Interviews per position, for the given positions or all of the organization's, in id order. */
async function interviewCountsByPosition(db: Db, organizationId: number, positionIds?: number[]) {
  const positions =
    positionIds ??
    (
      await db
        .selectFrom("positions")
        .select("id")
        .where("organization_id", "=", organizationId)
        .orderBy("id")
        .execute()
    ).map((p) => p.id);
  const byPosition = new Map<number, number>();
  const count = (ids?: number[]) => {
    const query = db
      .selectFrom("interviews as i")
      .innerJoin("applications as a", "a.id", "i.application_id")
      .select(["a.position_id", (eb) => eb.fn.countAll<number>().as("n")]);
    // Given positions are found by their index alone: with organization_id as well, SQLite may read
    // every application of the organization instead (see loadApplications).
    return (
      ids ? query.where("a.position_id", "in", ids) : query.where("a.organization_id", "=", organizationId)
    )
      .groupBy("a.position_id")
      .execute();
  };
  const groups: (number[] | undefined)[] = [];
  if (positionIds)
    for (let i = 0; i < positionIds.length; i += 1_000) groups.push(positionIds.slice(i, i + 1_000));
  else groups.push(undefined);
  for (const ids of groups) for (const c of await count(ids)) byPosition.set(c.position_id, Number(c.n));
  return [...positions]
    .sort((x, y) => x - y)
    .map((id) => ({ position_id: id, interviews: byPosition.get(id) ?? 0 }));
}

interface Scorer {
  settings: OrgSettings;
  now: number;
  pool: ScoringPool | null;
}

type Tally = { interviews: number; followUps: number; rowsWritten: number };

/**
 * Rows to add to the given positions (an import's), made once their stored rows are read, so that
 * they can be matched against those.
 */
export type AddRows = (positionIds: number[], stored: StoredRows) => Promise<NewRows>;

/**
 * Scores batches of whole positions and writes what changed, in the caller's transaction. With a
 * pool, the main thread reads the next batches while the workers score the earlier ones, and writes
 * each as its scores come back; without one, each batch is read, scored and written in turn.
 */
async function scoreBatches(
  db: Db,
  organizationId: number,
  batches: Batch[],
  scorer: Scorer,
  tally: Tally,
  onBatch?: (batch: Batch) => void,
  add?: AddRows,
): Promise<void> {
  const pending: { batch: Batch; scoring: Promise<BatchResult>; stored: Stored; added?: NewRows }[] = [];
  // One batch more than workers, so that none waits while the main thread writes.
  const ahead = scorer.pool ? scorer.pool.size + 1 : 1;
  const finish = async () => {
    const { batch, scoring, stored, added } = pending.shift()!;
    const result = await scoring;
    tally.rowsWritten += await writeResults(db, organizationId, result, stored, added);
    tally.interviews += result.interviews.length;
    tally.followUps += result.followUps.length;
    onBatch?.(batch);
  };
  for (const batch of batches) {
    const loaded = await loadApplications(db, organizationId, { positionIds: batch.positionIds });
    const added = add ? await add(batch.positionIds, loaded.rows) : undefined;
    const sources = added ? newSources(added, loaded.labels) : null;
    const input: ScoreApplicationsInput = {
      settings: scorer.settings,
      now: scorer.now,
      applications: sources
        ? [...loaded.sources.applications, ...sources.applications]
        : loaded.sources.applications,
      interviews: sources ? [...loaded.sources.interviews, ...sources.interviews] : loaded.sources.interviews,
      followUps: sources ? [...loaded.sources.followUps, ...sources.followUps] : loaded.sources.followUps,
    };
    // With a worker scoring, this thread finds the near-duplicates: it would otherwise wait, and the
    // worker is the slower side of an import.
    const scoring = scorer.pool
      ? scorer.pool.score({ ...input, nearDuplicates: findApplicationNearDuplicates(input) })
      : Promise.resolve(scoreApplications(input));
    // Handled where it is awaited; this keeps a failure from being reported as unhandled meanwhile.
    scoring.catch(() => undefined);
    pending.push({ batch, scoring, stored: loaded.stored, added });
    if (pending.length >= ahead) await finish();
  }
  while (pending.length > 0) await finish();
}

/**
 * The caller's pool, or a new one of `workers` threads (at most one per batch) when there is more
 * than one batch: for a single batch, starting a worker costs more than it saves. `owned` when this
 * call has to close it.
 */
function poolFor(options: ScoringOptions, batches: number): { pool: ScoringPool | null; owned: boolean } {
  if (options.pool) return { pool: options.pool, owned: false };
  const workers = Math.min(Math.floor(options.workers ?? 0), batches);
  return { pool: workers >= 1 && batches > 1 ? new ScoringPool(workers) : null, owned: true };
}

/**
 * Scores the given positions whole (their interviews, follow-ups and applications) inside the caller's
 * transaction, and writes what changed. With `adding`, each batch also gets the rows that function
 * makes for its positions, which are scored with the stored ones and inserted with their scores: how
 * an import writes. Progress counts interviews, or the rows added.
 */
export async function scorePositions(
  db: Db,
  organizationId: number,
  positionIds: number[],
  options: ScoringOptions & {
    onProgress?: (done: number, total: number) => void;
    adding?: { rows: AddRows; perPosition: Map<number, number> };
  } = {},
): Promise<Tally> {
  const tally: Tally = { interviews: 0, followUps: 0, rowsWritten: 0 };
  if (positionIds.length === 0) return tally;
  const counts = await interviewCountsByPosition(db, organizationId, positionIds);
  for (const c of counts) c.interviews += options.adding?.perPosition.get(c.position_id) ?? 0;
  const total = counts.reduce((s, c) => s + c.interviews, 0);
  const batches = batchPositions(counts, options.batchSize ?? INTERVIEWS_PER_BATCH);
  const { pool, owned } = poolFor(options, batches.length);
  const scorer: Scorer = {
    settings: await getOrganizationSettings(db, organizationId),
    now: (options.now ?? new Date()).getTime(),
    pool,
  };
  // Progress counts interviews, or when adding, the rows added.
  const adding = options.adding;
  const progressOf = (ids: number[]) => ids.reduce((sum, id) => sum + (adding?.perPosition.get(id) ?? 0), 0);
  const outOf = adding ? progressOf(positionIds) : total;
  let done = 0;
  try {
    await scoreBatches(
      db,
      organizationId,
      batches,
      scorer,
      tally,
      (batch) => options.onProgress?.((done += adding ? progressOf(batch.positionIds) : batch.size), outOf),
      adding?.rows,
    );
  } finally {
    if (owned) await pool?.close();
  }
  return tally;
}

export interface RescoreOptions extends ScoringOptions {
  /**
   * Puts the summary triggers off in every transaction and leaves the summaries to the caller, who
   * rebuilds them afterwards (rebuildSummaries): for the first scoring of generated rows, where every
   * row changes and the triggers would recount each application many times.
   */
  leaveSummaries?: boolean;
  /**
   * Positions up to this id were rescored and committed by an earlier run that stopped (a crashed
   * server's job): only the positions after it are rescored. Progress still counts the whole.
   */
  afterPositionId?: number | null;
  /**
   * Called inside each transaction once its batches are written, before it commits, with the last
   * position it holds: a job records how far it got there, so that its progress and the scores
   * commit together or not at all. Throwing rolls the transaction back and stops the rescore.
   */
  inTransaction?: (
    trx: Transaction<Database>,
    progress: { lastPositionId: number; done: number; total: number },
  ) => Promise<void>;
}

/**
 * Rescores every interview and follow-up of an organization, in batches of whole positions (so that
 * near-duplicates are found across each position), in position id order. Run it after the settings or
 * the scorer change. Each transaction takes a few batches (two per worker), so that other writers get
 * the database between them; a batch's scores are switched in one transaction, never half.
 */
export async function rescoreOrganization(
  db: Kysely<Database>,
  organizationId: number,
  onProgress?: (done: number, total: number) => void,
  options: RescoreOptions = {},
): Promise<Tally> {
  const counts = await interviewCountsByPosition(db, organizationId);
  const total = counts.reduce((s, c) => s + c.interviews, 0);
  const after = options.afterPositionId ?? null;
  const remaining = after === null ? counts : counts.filter((c) => c.position_id > after);
  const doneBefore = total - remaining.reduce((s, c) => s + c.interviews, 0);
  const batches = batchPositions(remaining, options.batchSize ?? INTERVIEWS_PER_BATCH);
  const { pool, owned } = poolFor(options, batches.length);
  const scorer: Scorer = {
    settings: await getOrganizationSettings(db, organizationId),
    now: (options.now ?? new Date()).getTime(),
    pool,
  };
  const perTransaction = pool ? 2 * pool.size : 1;
  const tally: Tally = { interviews: 0, followUps: 0, rowsWritten: 0 };
  onProgress?.(doneBefore, total);
  try {
    for (let b = 0; b < batches.length; b += perTransaction) {
      const group = batches.slice(b, b + perTransaction);
      await db.transaction().execute(async (trx) => {
        // Take the write lock before reading: SQLite cannot turn a read snapshot that another process
        // has written past into a write, so the batch would fail at its first update. (In PostgreSQL
        // this row lock also keeps two rescores of one organization apart.)
        await sql`update organizations set name = name where id = ${organizationId}`.execute(trx);
        const score = () => scoreBatches(trx, organizationId, group, scorer, tally);
        if (options.leaveSummaries) await withSummariesOff(trx, organizationId, score);
        else await score();
        const lastPositionId = group[group.length - 1].positionIds.at(-1)!;
        await options.inTransaction?.(trx, { lastPositionId, done: doneBefore + tally.interviews, total });
      });
      onProgress?.(doneBefore + tally.interviews, total);
      await options.betweenBatches?.(doneBefore + tally.interviews, total);
    }
  } finally {
    if (owned) await pool?.close();
  }
  await advanceSweepMark(db, organizationId, new Date(scorer.now), options.leaveSummaries);
  return tally;
}

/**
 * Every summary now counts the windows closed by `now`: the window sweep goes on from there. The windows
 * that closed since the last sweep are announced (interview.window_closed) in the transaction that moves
 * the mark, as the sweep would have, so that a rescore between two sweeps loses none and, whichever of
 * them moves the mark, none is announced twice. An organization never swept announces nothing: what
 * closed before its first rescore is its history, not news.
 */
async function advanceSweepMark(
  db: Kysely<Database>,
  organizationId: number,
  now: Date,
  /** Leave the summaries to the caller (RescoreOptions.leaveSummaries): moving the mark recounts them all. */
  leaveSummaries = false,
): Promise<void> {
  const until = now.toISOString();
  for (;;) {
    const org = await db
      .selectFrom("organizations")
      .select("windows_swept_until")
      .where("id", "=", organizationId)
      .executeTakeFirst();
    const since = org?.windows_swept_until ?? null;
    if (!org || (since !== null && since >= until)) return;
    const moved = await db.transaction().execute(async (trx) => {
      const move = () =>
        trx
          .updateTable("organizations")
          .set({ windows_swept_until: until })
          .where("id", "=", organizationId)
          .where("windows_swept_until", since === null ? "is" : "=", since)
          .executeTakeFirst();
      const claimed = leaveSummaries ? await withSummariesOff(trx, organizationId, move) : await move();
      if (Number(claimed.numUpdatedRows) === 0) return false;
      if (since !== null) await queueWindowClosedEvents(trx, organizationId, since, until, now);
      return true;
    });
    // Otherwise a sweep moved the mark meanwhile: read it again.
    if (moved) return;
  }
}

/** Rescores every organization; progress counts interviews across all of them. */
export async function rescoreAll(
  db: Kysely<Database>,
  onProgress?: (done: number, total: number) => void,
  options: ScoringOptions = {},
): Promise<{ organizations: number; interviews: number; followUps: number; rowsWritten: number }> {
  const organizations = await db.selectFrom("organizations").select("id").orderBy("id").execute();
  const [{ n }] = await db
    .selectFrom("interviews")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .execute();
  const total = Number(n);
  let before = 0;
  const summary = { organizations: organizations.length, interviews: 0, followUps: 0, rowsWritten: 0 };
  for (const org of organizations) {
    const result = await rescoreOrganization(
      db,
      org.id,
      onProgress && ((done) => onProgress(before + done, total)),
      options,
    );
    before += result.interviews;
    summary.interviews += result.interviews;
    summary.followUps += result.followUps;
    summary.rowsWritten += result.rowsWritten;
  }
  return summary;
}
