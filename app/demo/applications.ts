// A generated candidate's application to one position: its interviews (interviews.ts), its recruiter,
// and an outcome that leans toward candidates whose follow-ups come, and score well (offerChance).
import type { Insertable } from "kysely";
import type { ApplicationTable, Outcome, Stage } from "../../db/schema";
import type { Behaviour } from "../core/behaviours";
import { DAY, HOUR, toDateText } from "./calendar";
import { generateInterview, interviewSlots, type GenInterview } from "./interviews";
import type { Plan, PlanPosition } from "./plan";
import { childSeed, pickCumulative, Rng } from "./random";
import * as text from "./text";
import type { CandidateTraits } from "./traits";

export interface GenApplication {
  position: PlanPosition;
  row: Omit<Insertable<ApplicationTable>, "organization_id" | "candidate_id" | "position_id">;
  interviews: GenInterview[];
  /** Its outcome, settled as an offer or not once its follow-ups are scored (settle-outcomes.server.ts). */
  decision: OutcomeDecision;
  /** The candidate's strength (CandidateTraits.strength). */
  strength: number;
  /** How often the candidate followed up, as generated: stands in for the scored behaviour when scoring is skipped. */
  followedUp: Behaviour;
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
  const decision = decideOutcome(new Rng(childSeed(seed, 7)), {
    lastEnd,
    // A recent or cut-short application is still running.
    running: recent || truncated,
    position,
    now,
  });
  // Written as not offered for now: whether it was an offer waits for the scores (settleOutcome).
  const { outcome, outcomeOn, reason } = settleOutcome(decision, false);
  const stage = stageFor(outcome, slots.length, interviews[0].row.format);
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
    decision,
    strength: c.strength,
    followedUp: followedUpBehaviour(firstLatencies, slots.length),
  };
}

function stageFor(outcome: Outcome, rounds: number, firstFormat: string): Stage {
  if (outcome === "offer") return "offer";
  if (outcome !== "pending") return "closed";
  if (rounds >= 3) return "final";
  return rounds === 1 && firstFormat === "phone" ? "screen" : "interview";
}

/** How often the candidate followed up within the last window, as the scorer will count it. */
function followedUpBehaviour(firstLatencies: number[], rounds: number): Behaviour {
  const timely = firstLatencies.filter((l) => l <= 72 * HOUR).length;
  return timely === 0 ? "never" : timely === rounds ? "always" : "sometimes";
}

/**
 * An application's outcome, drawn before anyone knows how its follow-ups score: whether it is still
 * pending and, if not, when it was decided and the draws that settle it once the score is known.
 */
export type OutcomeDecision =
  | { pending: true }
  | {
      pending: false;
      decidedAt: number;
      /** Uniform in [0, 1): an offer when below the offer chance (offerChance). */
      offerDraw: number;
      /** When an offer was accepted, or null when that is after the limit or it was not. */
      hiredAt: number | null;
      withdrawn: boolean;
      withdrawalReason: string;
      rejectionReason: string;
    };

/**
 * Whether the application is still pending and, if not, when it was decided, with every draw made in
 * a fixed order from `o`, the application's own stream, so that neither the interviews' draws nor
 * which branch is taken shift it.
 */
function decideOutcome(
  o: Rng,
  a: { lastEnd: number; running: boolean; position: PlanPosition; now: number },
): OutcomeDecision {
  const { position, now, lastEnd } = a;
  const pendingDraw = o.next();
  const decidedDays = o.between(1, 14);
  const offerDraw = o.next();
  const hireDays = o.between(3, 10);
  const hireDraw = o.next();
  const withdrawDraw = o.next();
  const withdrawalReason = o.pick(text.WITHDRAWAL_REASONS);
  const rejectionReason = o.pick(text.REJECTION_REASONS);
  const age = now - lastEnd;
  let pending: boolean;
  if (a.running || age < DAY) pending = true;
  else if (!position.open) pending = false;
  else {
    const ageDays = age / DAY;
    const p = ageDays < 3 ? 0.92 : ageDays < 10 ? 0.6 : ageDays < 21 ? 0.3 : ageDays < 45 ? 0.12 : 0.04;
    pending = pendingDraw < p;
  }
  if (pending) return { pending: true };
  const limit = Math.min(now, position.closedAt ?? now);
  const decidedAt = Math.min(limit, lastEnd + decidedDays * DAY);
  const hiredAt = decidedAt + hireDays * DAY;
  return {
    pending: false,
    decidedAt,
    offerDraw,
    hiredAt: hiredAt <= limit && hireDraw < 0.7 ? hiredAt : null,
    withdrawn: withdrawDraw < 0.18,
    withdrawalReason,
    rejectionReason,
  };
}

/**
 * The chance that a decided application ended in an offer, as the article tells it: following up
 * after every interview helps, a specific, interested note with a next step (a high score) helps
 * more, and a template or a copy helps about as little as silence. `strength` (a candidate's
 * background, standard normal) keeps it noisy: strong candidates sometimes win without a note.
 * `score` is the mean of the first follow-ups' scores, as the dashboard bands them.
 */
export function offerChance(f: {
  behaviour: Behaviour | null;
  score: number | null;
  strength: number;
}): number {
  let x = -2.3 + 0.7 * f.strength;
  if (f.behaviour === "always") x += 1.1;
  else if (f.behaviour === "sometimes") x += 0.6;
  if (f.score !== null && f.behaviour !== null && f.behaviour !== "never") x += 0.025 * (f.score - 35);
  return 1 / (1 + Math.exp(-x));
}

/** The outcome row of a decision: an offer (or a hire) when `offered`, otherwise withdrawn or rejected. */
export function settleOutcome(
  d: OutcomeDecision,
  offered: boolean,
): { outcome: Outcome; outcomeOn: string | null; reason: string | null } {
  if (d.pending) return { outcome: "pending", outcomeOn: null, reason: null };
  const on = (t: number) => toDateText(new Date(t));
  if (offered) {
    return d.hiredAt !== null
      ? { outcome: "hired", outcomeOn: on(d.hiredAt), reason: "Accepted offer" }
      : { outcome: "offer", outcomeOn: on(d.decidedAt), reason: null };
  }
  return d.withdrawn
    ? { outcome: "withdrawn", outcomeOn: on(d.decidedAt), reason: d.withdrawalReason }
    : { outcome: "rejected", outcomeOn: on(d.decidedAt), reason: d.rejectionReason };
}
