// Issue 21: a person's review of a score is stored, audited and counted in the reports; the retention
// rule's preview changes nothing, its run erases exactly what it showed, once a day however many
// servers ask, with one audit entry.
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { describeAudit, parseDetail, segmentsText } from "../../app/core/audit-words";
import {
  reviewScore,
  reviewedDecidedApplications,
  reviewsOfFollowUps,
} from "../../app/data/score-reviews.server";
import { claimRetentionRun, previewRetention, runDueRetention } from "../../app/data/retention.server";
import {
  createApplication,
  createFollowUp,
  createInterview,
  createPosition,
  createUser,
  createWorkspace,
} from "../factories";
import { freshDatabase } from "../helpers";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

const NO_SUBJECTS = {
  candidate: null,
  position: null,
  application: null,
  interview: null,
  user: null,
  client: null,
};

describe("score reviews", () => {
  it("are stored, replaced, audited and counted over decided applications", async () => {
    const ws = await createWorkspace(db, { role: "hiring_manager" });
    await db
      .updateTable("positions")
      .set({ hiring_manager_id: ws.user.id })
      .where("id", "=", ws.positionId)
      .execute();
    const viewer = { ...ws.user, client_id: null };
    const decided = await createApplication(db, {
      position_id: ws.positionId,
      outcome: "rejected",
      outcome_on: "2026-11-01",
    });
    const other = await createApplication(db, {
      position_id: ws.positionId,
      outcome: "offer",
      outcome_on: "2026-11-01",
    });
    await createApplication(db, { position_id: ws.positionId, outcome: "pending" });
    const interview = await createInterview(db, { application_id: decided.id });
    await createInterview(db, { application_id: other.id });
    const followUp = await createFollowUp(db, { interview_id: interview.id, score: 64 });

    expect(await reviewedDecidedApplications(db, viewer, {})).toEqual({ decided: 2, reviewed: 0 });
    const refused = await reviewScore(db, viewer, followUp.id, {
      verdict: "override",
      band: "high",
      reason: "Named our pilot",
    });
    expect(refused.ok).toBe(true);
    const agreed = await reviewScore(db, viewer, followUp.id, { verdict: "agree", band: null, reason: null });
    expect(agreed.ok).toBe(true);

    const stored = await db.selectFrom("score_reviews").selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ verdict: "agree", reviewer_id: ws.user.id, score: 64, band: null });
    expect((await reviewsOfFollowUps(db, ws.organizationId, [followUp.id])).get(followUp.id)?.verdict).toBe(
      "agree",
    );

    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "review")
      .where("organization_id", "=", ws.organizationId)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => parseDetail(a.detail))).toMatchObject([
      { verdict: "override", band: "high", reason: "Named our pilot", score: 64 },
      { verdict: "agree", score: 64 },
    ]);
    expect(audit[0].candidate_id).toBe(decided.candidate_id);
    const words = segmentsText(
      describeAudit(
        {
          action: "review",
          entity: "follow_up",
          entityId: followUp.id,
          detail: parseDetail(audit[0].detail),
        },
        NO_SUBJECTS,
        (x) => x,
      ),
    );
    expect(words).toBe(
      "overrode the score (64) of the follow-up from a deleted candidate: 70–100, because “Named our pilot”.",
    );

    expect(await reviewedDecidedApplications(db, viewer, {})).toEqual({ decided: 2, reviewed: 1 });
    expect(await reviewedDecidedApplications(db, viewer, { round: 2 })).toEqual({ decided: 0, reviewed: 0 });

    // A second reviewed follow-up of the same application, in round 2: still one application.
    const second = await createInterview(db, { application_id: decided.id, round: 2 });
    const secondFollowUp = await createFollowUp(db, { interview_id: second.id, score: 40 });
    const agreedAgain = { verdict: "agree", band: null, reason: null } as const;
    expect((await reviewScore(db, viewer, secondFollowUp.id, agreedAgain)).ok).toBe(true);
    expect(await reviewedDecidedApplications(db, viewer, {})).toEqual({ decided: 2, reviewed: 1 });
    expect(await reviewedDecidedApplications(db, viewer, { round: 2 })).toEqual({ decided: 1, reviewed: 1 });
    expect(await reviewedDecidedApplications(db, viewer, { round: 1 })).toEqual({ decided: 2, reviewed: 1 });

    // Reviews outside the viewer's positions or organization are not counted.
    const reviewedOffer = async (positionId: number, reviewer: typeof viewer) => {
      const application = await createApplication(db, {
        position_id: positionId,
        outcome: "offer",
        outcome_on: "2026-11-01",
      });
      const followUp = await createFollowUp(db, {
        interview_id: (await createInterview(db, { application_id: application.id })).id,
        score: 50,
      });
      expect((await reviewScore(db, reviewer, followUp.id, agreedAgain)).ok).toBe(true);
    };
    const admin = {
      ...(await createUser(db, { organization_id: ws.organizationId, role: "admin" })),
      client_id: null,
    };
    await reviewedOffer((await createPosition(db, { organization_id: ws.organizationId })).id, admin);
    const otherOrganization = await createWorkspace(db, { role: "admin" });
    await reviewedOffer(otherOrganization.positionId, { ...otherOrganization.user, client_id: null });
    expect(await reviewedDecidedApplications(db, viewer, {})).toEqual({ decided: 2, reviewed: 1 });
    expect(await reviewedDecidedApplications(db, admin, {})).toEqual({
      decided: 3,
      reviewed: 2,
    });
  });
});

describe("retention", () => {
  it("previews without changing anything, then erases what it showed, once a day", async () => {
    const ws = await createWorkspace(db, { role: "admin" });
    const old = "2024-01-10T12:00:00.000Z";
    const stale = await createApplication(db, {
      position_id: ws.positionId,
      created_at: old,
      candidate: { name: "Stale Stan", email: "stan@example.test", source: null, created_at: old },
    });
    await createInterview(db, { application_id: stale.id, ends_at: "2024-01-15T12:00:00.000Z" });
    const recent = await createApplication(db, {
      position_id: ws.positionId,
      created_at: old,
      candidate: { name: "Recent Rita", email: "rita@example.test", source: null, created_at: old },
    });
    await createInterview(db, { application_id: recent.id, ends_at: "2026-10-01T12:00:00.000Z" });
    const now = new Date("2026-12-05T08:00:00.000Z");

    expect(await previewRetention(db, ws.organizationId, now)).toBeNull();
    await db
      .updateTable("organizations")
      .set({ retention_months: 12 })
      .where("id", "=", ws.organizationId)
      .execute();
    const preview = await previewRetention(db, ws.organizationId, now);
    expect(preview).toMatchObject({ months: 12, cutoff: "2025-12-05T08:00:00.000Z", total: 1 });
    expect(preview!.candidates.map((c) => c.name)).toEqual(["Stale Stan"]);
    // The preview is a dry run: nothing changed.
    expect(
      await db
        .selectFrom("candidates")
        .select("id")
        .where("organization_id", "=", ws.organizationId)
        .execute(),
    ).toHaveLength(2);

    const scrubbed: string[] = [];
    const scrub = async (_org: number, needles: string[]) => void scrubbed.push(...needles);
    // Two servers ask on the same day: the rule runs once.
    const [first, second] = await Promise.all([
      runDueRetention(db, scrub, now),
      runDueRetention(db, scrub, now),
    ]);
    expect(first + second).toBe(1);
    const left = await db
      .selectFrom("candidates")
      .select("name")
      .where("organization_id", "=", ws.organizationId)
      .execute();
    expect(left.map((c) => c.name)).toEqual(["Recent Rita"]);
    expect(scrubbed).toContain("stan@example.test");
    const runs = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("organization_id", "=", ws.organizationId)
      .where("entity", "=", "retention")
      .execute();
    expect(runs).toHaveLength(1);
    expect(parseDetail(runs[0].detail)).toMatchObject({ candidates: 1, months: 12 });
    expect(JSON.stringify(runs)).not.toMatch(/stan/i);
    // The next day it may run again.
    expect(await claimRetentionRun(db, ws.organizationId, now)).toBe(false);
    expect(await claimRetentionRun(db, ws.organizationId, new Date("2026-12-06T00:30:00.000Z"))).toBe(true);
  });
});
