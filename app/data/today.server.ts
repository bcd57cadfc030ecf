// The Today page's lists: windows closing soon, follow-ups since the last visit, and decided
// applications still without an outcome. Each is scoped like the pipeline (the organization, and a
// hiring manager's own positions) and filters in SQL over indexed columns.
import type { Db } from "../../db/schema";
import { interviewStatus, type Deadline } from "../core/latency";
import { closingSoonRanges, viewToday, CLOSING_HORIZON_MINUTES } from "../core/today";
import type { WindowThresholds } from "../core/windows";
import { seesWholeOrganization, visiblePositionIds, type Viewer } from "./scope.server";
import { inTransaction } from "./transaction.server";

/**
 * Awaiting interviews (no follow-up, last window still open) whose next window closes within 24 hours,
 * soonest first, split into the viewer's own (they logged the interview, recruit for the application
 * or manage the position) and the rest of what they may see.
 *
 * The filter is one range of end times per threshold (core/today.ts), so SQL compares stored text and
 * walks interviews_org_awaiting (or, for a hiring manager, interviews_application_awaiting from their
 * applications, as the Awaiting page does). The few rows left are ordered by their next deadline here,
 * which needs the thresholds SQL does not have.
 */
export async function listClosingSoon(db: Db, viewer: Viewer, now: string, thresholds: WindowThresholds) {
  const ranges = closingSoonRanges(now, thresholds);
  let query = db
    .selectFrom("interviews as i")
    .where("i.first_follow_up_at", "is", null)
    .where("i.latency_exempt_reason", "is", null)
    .where("i.closes_at", ">", now)
    .where((eb) =>
      eb.or(ranges.map((r) => eb.and([eb("i.ends_at", ">", r.after), eb("i.ends_at", "<=", r.until)]))),
    );
  query = seesWholeOrganization(viewer)
    ? query.where("i.organization_id", "=", viewer.organization_id)
    : query.where(
        "i.application_id",
        "in",
        db
          .selectFrom("applications as va")
          .select("va.id")
          .where("va.position_id", "in", visiblePositionIds(db, viewer)),
      );
  const rows = await query
    .innerJoin("applications as a", "a.id", "i.application_id")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .innerJoin("positions as p", "p.id", "a.position_id")
    .select([
      "i.id",
      "i.ends_at",
      "i.time_zone",
      "i.round",
      "i.interviewer_name",
      "i.logged_by",
      "a.id as application_id",
      "a.recruiter_id",
      "p.hiring_manager_id",
      "c.id as candidate_id",
      "c.name as candidate_name",
      "p.id as position_id",
      "p.title as position_title",
    ])
    .execute();

  const horizon = Date.parse(now) + CLOSING_HORIZON_MINUTES * 60_000;
  const closing = rows.flatMap((r) => {
    const status = interviewStatus(
      { endsAt: r.ends_at, firstFollowUpAt: null, window: null, latencyMinutes: null },
      now,
      thresholds,
    );
    if (status.kind !== "awaiting" || Date.parse(status.next.at) > horizon) return [];
    const mine =
      r.logged_by === viewer.id || r.recruiter_id === viewer.id || r.hiring_manager_id === viewer.id;
    return [{ ...r, next: status.next as Deadline, mine }];
  });
  closing.sort(
    (x, y) => x.next.at.localeCompare(y.next.at) || x.ends_at.localeCompare(y.ends_at) || x.id - y.id,
  );
  return { mine: closing.filter((r) => r.mine), team: closing.filter((r) => !r.mine) };
}
export type ClosingSoonRow = Awaited<ReturnType<typeof listClosingSoon>>["mine"][number];

/**
 * Follow-ups received after `since`, newest first (at most `limit`), with how many there are in all.
 * Walks follow_ups_org_received; a hiring manager's are those of their positions.
 */
export async function listFollowUpsSince(db: Db, viewer: Viewer, since: string, limit: number) {
  let base = db
    .selectFrom("follow_ups as f")
    .innerJoin("interviews as i", "i.id", "f.interview_id")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .where("f.organization_id", "=", viewer.organization_id)
    .where("f.received_at", ">", since);
  if (!seesWholeOrganization(viewer))
    base = base.where("a.position_id", "in", visiblePositionIds(db, viewer));
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .innerJoin("positions as p", "p.id", "a.position_id")
    .select([
      "f.id",
      "f.received_at",
      "f.score",
      "f.window",
      "i.time_zone",
      "c.id as candidate_id",
      "c.name as candidate_name",
      "p.id as position_id",
      "p.title as position_title",
    ])
    .orderBy("f.received_at", "desc")
    .orderBy("f.id", "desc")
    .limit(limit)
    .execute();
  return { rows, total: Number(total.n) };
}

/**
 * Pending applications whose interviews have all been decided (each has its follow-up or its closed
 * window; the stored summary counts them), longest waiting first: at most `limit`, with the total.
 * Walks applications_org_outcome, or applications_position_outcome for a hiring manager's positions.
 */
export async function listAwaitingOutcome(db: Db, viewer: Viewer, limit: number) {
  let base = db
    .selectFrom("applications as a")
    .where("a.outcome", "=", "pending")
    .where("a.interview_count", ">", 0)
    .whereRef("a.decided_interview_count", ">=", "a.interview_count");
  base = seesWholeOrganization(viewer)
    ? base.where("a.organization_id", "=", viewer.organization_id)
    : base.where("a.position_id", "in", visiblePositionIds(db, viewer));
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .innerJoin("positions as p", "p.id", "a.position_id")
    .select([
      "a.id",
      "a.interview_count",
      "a.followed_up_count",
      "a.best_score",
      "a.last_interview_end",
      "c.id as candidate_id",
      "c.name as candidate_name",
      "p.id as position_id",
      "p.title as position_title",
    ])
    .orderBy("a.last_interview_end")
    .orderBy("a.id")
    .limit(limit)
    .execute();
  return { rows, total: Number(total.n) };
}

/**
 * Records a view of Today and returns where its list of new follow-ups starts (core/today.ts: a week
 * back on the first visit, the last view's time on a new visit, the same start within one visit).
 */
export async function markTodaySeen(db: Db, userId: number, now: string): Promise<string> {
  return inTransaction(db, async (trx) => {
    const stored = await trx
      .selectFrom("users")
      .select(["today_seen_at", "today_since"])
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    const { since, mark } = viewToday({ seenAt: stored.today_seen_at, since: stored.today_since }, now);
    await trx
      .updateTable("users")
      .set({ today_seen_at: mark.seenAt, today_since: mark.since })
      .where("id", "=", userId)
      .execute();
    return since;
  });
}

/** Whether the organization has any candidate yet: without one, Today and the dashboard show first steps. */
export async function organizationHasCandidates(db: Db, organizationId: number): Promise<boolean> {
  const row = await db
    .selectFrom("candidates")
    .select("id")
    .where("organization_id", "=", organizationId)
    .limit(1)
    .executeTakeFirst();
  return row != null;
}
