// A generated candidate's application to one position: its interviews (interviews.ts), its recruiter,
// and an outcome that leans toward candidates who follow up fast and specifically.
import type { Insertable } from "kysely";
import type { ApplicationTable, Outcome, Stage } from "../../db/schema";
import { DAY, HOUR, toDateText } from "./calendar";
import { generateInterview, interviewSlots, type GenInterview } from "./interviews";
import type { Plan, PlanPosition } from "./plan";
import { childSeed, pickCumulative, Rng } from "./random";
import * as text from "./text";
import type { CandidateTraits, Style } from "./traits";

export interface GenApplication {
  position: PlanPosition;
  row: Omit<Insertable<ApplicationTable>, "organization_id" | "candidate_id" | "position_id">;
  interviews: GenInterview[];
}

/** What every application of a workspace is generated against. */
export interface ApplicationContext {
  plan: Plan;
  now: number;
  /** The earliest moment an interview may take place. */
  windowStart: number;
  /** Share of applications whose last interview ended in the last three days. */
  recentShare: number;
}

/** When a position's first interviews may take place. */
export function activeRange(ctx: ApplicationContext, position: PlanPosition): [number, number] {
  const lo = Math.max(ctx.windowStart, position.openedAt + 3 * DAY);
  const hi = position.closedAt === null ? ctx.now : position.closedAt - 2 * DAY;
  return [lo, hi];
}

/** An application to `position` near the moment `at`, drawn from `r` (seeded with `seed`). */
export function generateApplication(
  ctx: ApplicationContext,
  r: Rng,
  seed: number,
  c: CandidateTraits,
  position: PlanPosition,
  at: number,
): GenApplication {
  const now = ctx.now;
  const [lo, hi] = activeRange(ctx, position);
  // Draws that must not depend on the calendar come first.
  const plannedRounds = r.weighted<number>([
    [1, 30],
    [2, 35],
    [3, 25],
    [4, 10],
  ]);
  const recentDraw = r.chance(ctx.recentShare);
  const recent = position.open && recentDraw;
  /** Recent applications whose last interview must get no follow-up yet (the "awaiting" list). */
  const awaitingDraw = r.chance(0.5);
  const awaiting = recent && awaitingDraw;
  const timeZone = r.chance(0.7) ? position.client.timeZone : r.pick(text.TIME_ZONES);
  const recruiter = ctx.plan.recruiters[pickCumulative(r, ctx.plan.recruiterCumulative)];
  const createdBefore = Math.round(r.between(2, 20) * DAY);

  const { slots, truncated } = interviewSlots(r, { recent, plannedRounds, lo, hi, at, timeZone, now });
  const interviews: GenInterview[] = [];
  const firstLatencies: number[] = [];
  for (let k = 0; k < slots.length; k++) {
    const { interview, latency } = generateInterview({
      now,
      seed,
      slots,
      k,
      c,
      position,
      timeZone,
      recruiterId: recruiter.id,
      awaiting,
    });
    interviews.push(interview);
    if (latency !== null) firstLatencies.push(latency);
  }

  const lastEnd = slots[slots.length - 1].end;
  const { outcome, outcomeOn, reason } = decideOutcome(new Rng(childSeed(seed, 7)), {
    style: c.style,
    firstLatencies,
    rounds: slots.length,
    lastEnd,
    // A recent or cut-short application is still running.
    running: recent || truncated,
    position,
    now,
  });
  const stage: Stage =
    outcome === "offer"
      ? "offer"
      : outcome !== "pending"
        ? "closed"
        : slots.length >= 3
          ? "final"
          : slots.length === 1 && interviews[0].row.format === "phone"
            ? "screen"
            : "interview";
  const created = slots[0].start - createdBefore;
  return {
    position,
    row: {
      stage,
      outcome,
      outcome_on: outcomeOn,
      outcome_reason: reason,
      recruiter_id: recruiter.id,
      created_at: new Date(created).toISOString(),
    },
    interviews,
  };
}

/**
 * Whether the application is still pending and, if not, how it ended and when. Offers lean toward
 * candidates who followed up fast and specifically, with plenty of noise; `o` is the application's
 * own stream for this, so the interviews' draws do not shift it.
 */
function decideOutcome(
  o: Rng,
  a: {
    style: Style;
    /** The latencies of the first follow-ups, one per interview followed up. */
    firstLatencies: number[];
    rounds: number;
    lastEnd: number;
    running: boolean;
    position: PlanPosition;
    now: number;
  },
): { outcome: Outcome; outcomeOn: string | null; reason: string | null } {
  const { position, now, lastEnd } = a;
  const followedUp = a.firstLatencies.length;
  let offerProbability = 0.15;
  if (followedUp > 0) {
    const fastest = Math.min(...a.firstLatencies);
    if (fastest > 72 * HOUR) offerProbability = 0.15;
    else if (a.style === "specific") offerProbability = fastest <= 12 * HOUR ? 0.36 : 0.27;
    else if (a.style === "terse") offerProbability = fastest <= 24 * HOUR ? 0.24 : 0.2;
    else if (a.style === "generic") offerProbability = fastest <= 24 * HOUR ? 0.21 : 0.17;
    else offerProbability = 0.18;
    if (followedUp < a.rounds) offerProbability *= 0.9;
  }
  const age = now - lastEnd;
  let pending: boolean;
  if (a.running || age < DAY) pending = true;
  else if (!position.open) pending = false;
  else {
    const ageDays = age / DAY;
    const p = ageDays < 3 ? 0.92 : ageDays < 10 ? 0.6 : ageDays < 21 ? 0.3 : ageDays < 45 ? 0.12 : 0.04;
    pending = o.chance(p);
  }
  if (pending) return { outcome: "pending", outcomeOn: null, reason: null };
  const limit = Math.min(now, position.closedAt ?? now);
  const decided = Math.min(limit, lastEnd + o.between(1, 14) * DAY);
  if (o.chance(offerProbability)) {
    const hiredAt = decided + o.between(3, 10) * DAY;
    if (hiredAt <= limit && o.chance(0.7)) {
      return { outcome: "hired", outcomeOn: toDateText(new Date(hiredAt)), reason: "Accepted offer" };
    }
    return { outcome: "offer", outcomeOn: toDateText(new Date(decided)), reason: null };
  }
  if (o.chance(0.18)) {
    return {
      outcome: "withdrawn",
      outcomeOn: toDateText(new Date(decided)),
      reason: o.pick(text.WITHDRAWAL_REASONS),
    };
  }
  return {
    outcome: "rejected",
    outcomeOn: toDateText(new Date(decided)),
    reason: o.pick(text.REJECTION_REASONS),
  };
}
