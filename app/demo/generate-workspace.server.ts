// Generates a workspace: one organization with `candidates` candidates and everything around them,
// for development, the benchmarks, load tests and (through load-demo.server.ts) the demo.
//
// Everything random goes through seeded streams (random.ts), so the same seed, candidate count and
// `now` give the same rows every time. Dates are relative to `now`: interviews fall in the last `days`
// days, and follow-ups that would arrive after `now` are left out, which leaves recent interviews
// "awaiting" a follow-up. Rows are written with kysely only (no dialect-only SQL), so the same code
// seeds SQLite and PostgreSQL; rescoreOrganization fills in the computed columns at the end, and
// settle-outcomes.server.ts then decides which decided applications were offers, from those scores.
// The summaries (summaries.server.ts) are put off throughout and rebuilt once at the very end: kept
// row by row, they made most of a large seed's time.
//
// The modules of app/demo, in the order they run: organization.server.ts and positions.server.ts write
// the plan (plan.ts); candidates.ts draws each candidate (traits.ts), who applies (applications.ts), is
// interviewed (interviews.ts, calendar.ts) and follows up (follow-ups.ts), in words from text.ts;
// write-candidates.server.ts writes them. load-demo.server.ts and prepare.server.ts make the demo.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { rescoreOrganization } from "../data/scoring.server";
import { rebuildSummaries, withSummariesOff } from "../data/summaries.server";
import { CandidateFactory, type GenCandidate } from "./candidates";
import { createPlan } from "./organization.server";
import type { DemoSpec } from "./plan";
import { childSeed, Rng } from "./random";
import { settleOutcomes, type Undecided } from "./settle-outcomes.server";
import { writeCandidates, type Counts } from "./write-candidates.server";

/** Candidates generated and written per transaction. */
const CANDIDATES_PER_TRANSACTION = 2_000;

export interface GenerateOptions {
  candidates: number;
  seed: number;
  /** The moment the data is generated "as of"; defaults to the current time. */
  now?: Date;
  organizationName?: string;
  /** How many days back interviews reach (default 120). */
  days?: number;
  /** Run rescoreOrganization at the end (default true); without it computed columns stay empty. */
  score?: boolean;
  /** Generation reports candidates written; scoring reports what rescoreOrganization reports. */
  onProgress?: (done: number, total: number, phase: "generate" | "score") => void;
}

export interface SeedSummary {
  organizationId: number;
  clients: number;
  users: number;
  positions: number;
  candidates: number;
  applications: number;
  interviews: number;
  followUps: number;
  /** What rescoreOrganization reported (zeros when scoring was skipped). */
  rescored: { interviews: number; followUps: number };
}

/** Generates one organization with `candidates` candidates and everything around them. */
export async function generateWorkspace(
  db: Kysely<Database>,
  options: GenerateOptions,
): Promise<SeedSummary> {
  return generateOrganization(db, options, null);
}

/** Generates one organization; `demo` makes it the demo workspace, with the DEMO_ACCOUNTS users. */
export async function generateOrganization(
  db: Kysely<Database>,
  options: GenerateOptions,
  demo: DemoSpec | null,
): Promise<SeedSummary> {
  const total = Math.max(0, Math.floor(options.candidates));
  const o = {
    candidates: total,
    seed: options.seed,
    now: options.now ?? new Date(),
    days: options.days ?? 120,
    organizationName:
      options.organizationName ?? `Seeded workspace (seed ${options.seed}, ${total} candidates)`,
  };
  const r = new Rng(o.seed);
  const plan = await db.transaction().execute((trx) => createPlan(trx, r, o, demo));
  // ~2 % of applications have a last interview in the last three days (at least a dozen in the demo).
  const recentShare = demo ? 0.07 : 0.02;
  const generator = new CandidateFactory(childSeed(o.seed >>> 0, 0x5eed), plan, o.days, o.now, recentShare);
  const counts: Counts = { candidates: 0, applications: 0, interviews: 0, followUps: 0 };
  /** Decided applications, by id, whose offer waits for their scores. */
  const undecided = new Map<number, Undecided>();
  options.onProgress?.(0, total, "generate");
  for (let done = 0; done < total;) {
    const n = Math.min(CANDIDATES_PER_TRANSACTION, total - done);
    const generated: GenCandidate[] = [];
    for (let i = 0; i < n; i++) generated.push(generator.candidate(done + i, total));
    await db.transaction().execute((trx) =>
      withSummariesOff(trx, plan.organizationId, () =>
        writeCandidates(trx, plan.organizationId, generated, counts, (id, a) => {
          if (!a.decision.pending) undecided.set(id, a);
        }),
      ),
    );
    done += n;
    options.onProgress?.(done, total, "generate");
    // SQLite answers synchronously, so without this a large seed would hold the event loop (timers,
    // progress output, a server loading the demo) until the very end.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const rescored =
    options.score === false
      ? { interviews: 0, followUps: 0 }
      : await rescoreOrganization(db, plan.organizationId, (d, t) => options.onProgress?.(d, t, "score"), {
          now: o.now,
          leaveSummaries: true,
        });
  await db
    .transaction()
    .execute((trx) =>
      withSummariesOff(trx, plan.organizationId, () =>
        settleOutcomes(trx, plan.organizationId, undecided, options.score !== false),
      ),
    );
  await rebuildSummaries(db, plan.organizationId);
  return {
    organizationId: plan.organizationId,
    clients: plan.clients.length,
    users: plan.users,
    positions: plan.positions.length,
    ...counts,
    rescored,
  };
}
