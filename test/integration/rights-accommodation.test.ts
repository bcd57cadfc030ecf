// An interview's latency marked "not applicable" (issue 21, item 5): stored columns cleared at the
// source, the score's timing part neutral, the application's summary and the dashboard's figures
// leaving the interview's timing out, and the change audited; clearing the mark restores everything.
// The organization is swept, as the window sweep keeps it, so the dashboard reads its summaries kept on
// write (migration 0025, taught the mark by 0033); each figure is also compared with the raw path's.
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { parseDashboardParams } from "../../app/core/analytics";
import { DEFAULT_SETTINGS } from "../../app/core/settings";
import { decodeScoreParts } from "../../app/core/rubric/stored-score";
import { computeFiguresFromSummaries, loadDashboard } from "../../app/data/analytics.server";
import { listAwaiting, listPipeline } from "../../app/data/pipeline.server";
import { parsePipelineParams, statusViewModel } from "../../app/core/pipeline";
import { listClosingSoon } from "../../app/data/today.server";
import {
  dashboardApplicationDifferences,
  dashboardInterviewDifferences,
} from "../../app/data/summaries.server";
import { logFollowUp, logInterview, setLatencyExemption } from "../../app/data/interviews.server";
import { createApplication, createWorkspace } from "../factories";
import { freshDatabase } from "../helpers";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

const OTHER =
  "Dear Priya, the quota question stayed with me. In my last job I ran the renewals desk for three " +
  "years, so pricing pushback is familiar ground. I want this job. References are ready whenever you " +
  "like; I can send them tomorrow.";
const BODY =
  "Hi Priya, thank you for walking me through the Dentrix objection and the quarterly quota. At Acme I " +
  "built a referral playbook that doubled demos. I'm very interested in this role. Could we set up a " +
  "call with your team lead on Thursday at 10?";

describe("latency not applicable", () => {
  it("is left out of every latency figure and the timing part, and audited", async () => {
    const ws = await createWorkspace(db, { role: "admin" });
    const viewer = { ...ws.user, client_id: null };
    const settings = { windows: DEFAULT_SETTINGS.windows, weights: DEFAULT_SETTINGS.weights };
    const now = new Date("2026-11-01T00:00:00.000Z");
    await db
      .updateTable("organizations")
      .set({ windows_swept_until: now.toISOString() })
      .where("id", "=", ws.organizationId)
      .execute();
    // Two candidates with one interview answered each: one in 2 hours, one in 5 days; one who never
    // answered; and one interviewed the day before, whose windows are still open.
    const ids: { interview: number; application: number }[] = [];
    for (const [name, receivedAt, body, endsAt] of [
      ["Quick Quinn", "2026-10-01 17:00", OTHER, "2026-10-01T15:00:00.000Z"],
      ["Slow Sam", "2026-10-06 15:00", BODY, "2026-10-01T15:00:00.000Z"],
      ["Silent Sid", null, null, "2026-10-01T15:00:00.000Z"],
      ["Open Olga", null, null, "2026-10-31T15:00:00.000Z"],
    ] as const) {
      const app = await createApplication(db, {
        position_id: ws.positionId,
        candidate: { name, email: null, source: null },
        outcome: "rejected",
        outcome_on: "2026-10-20",
      });
      const logged = await logInterview(db, viewer, {
        applicationId: app.id,
        interviewerName: "Priya Shah",
        interviewerEmail: null,
        startsAt: new Date(Date.parse(endsAt) - 3_600_000).toISOString(),
        endsAt,
        startsAtFold: null,
        endsAtFold: null,
        timeZone: "UTC",
        format: "video",
        round: 1,
        notes: "Dentrix objection, quarterly quota, referral playbook.",
      });
      if (!logged.ok) throw new Error(logged.message);
      ids.push({ interview: logged.id, application: app.id });
      if (receivedAt === null || body === null) continue;
      const followed = await logFollowUp(db, viewer, {
        interviewId: logged.id,
        receivedAt,
        receivedAtFold: null,
        timeZone: "UTC",
        channel: "email",
        sender: null,
        subject: "Thank you",
        body,
      });
      if (!followed.ok) throw new Error(followed.message);
    }
    const [, slow, silent, open] = ids;
    const dashboard = () =>
      loadDashboard(db, viewer, parseDashboardParams(new URLSearchParams()), settings, now);
    /** The dashboard from the summaries, checked against the one counted from the interviews. */
    const checkedDashboard = async () => {
      const scope = { viewer, filters: {}, now: now.toISOString() };
      expect(await computeFiguresFromSummaries(db, scope, "client")).not.toBeNull();
      expect(await dashboardApplicationDifferences(db, ws.organizationId)).toEqual([]);
      expect(await dashboardInterviewDifferences(db, ws.organizationId)).toEqual([]);
      const fromSummaries = await dashboard();
      await db
        .updateTable("organizations")
        .set({ windows_swept_until: null })
        .where("id", "=", ws.organizationId)
        .execute();
      const fromInterviews = await dashboard();
      await db
        .updateTable("organizations")
        .set({ windows_swept_until: now.toISOString() })
        .where("id", "=", ws.organizationId)
        .execute();
      expect(fromSummaries).toEqual(fromInterviews);
      return fromSummaries;
    };
    const waiting = async () => {
      const closing = await listClosingSoon(db, viewer, now.toISOString(), settings.windows);
      const awaiting = await listAwaiting(db, viewer, { page: 1, pageSize: 50 }, now.toISOString());
      const { list, filters } = parsePipelineParams(new URLSearchParams("status=awaiting"));
      const pipeline = await listPipeline(db, viewer, ws.positionId, list, filters, now.toISOString());
      return {
        today: [...closing.mine, ...closing.team].map((r) => r.id),
        awaiting: awaiting.rows.map((r) => r.id),
        total: awaiting.total,
        pipeline: pipeline.rows.map((r) => r.interview_id),
      };
    };

    const before = await checkedDashboard();
    expect(before.headline.interviews).toBe(4);
    expect(before.headline.latency.n).toBe(2);
    expect(before.headline.followUpRate.n).toBe(3);
    expect(before.windows.find((w) => w.window === "none")?.interviews).toBe(2);
    expect(await waiting()).toEqual({
      today: [open.interview],
      awaiting: [open.interview],
      total: 1,
      pipeline: [open.interview],
    });
    const slowBefore = await db
      .selectFrom("follow_ups")
      .select(["score", "score_parts"])
      .where("interview_id", "=", slow.interview)
      .executeTakeFirstOrThrow();

    const marked = await setLatencyExemption(db, viewer, slow.interview, "Hospital stay, agreed in advance");
    expect(marked.ok).toBe(true);
    // Unanswered ones too: marking them changes no latency or window, only the mark.
    for (const { interview } of [silent, open])
      expect((await setLatencyExemption(db, viewer, interview, "Caring for a relative")).ok).toBe(true);

    // At the source: no latency or window on the interview or its follow-up.
    const interview = await db
      .selectFrom("interviews")
      .selectAll()
      .where("id", "=", slow.interview)
      .executeTakeFirstOrThrow();
    expect(interview).toMatchObject({
      latency_exempt_reason: "Hospital stay, agreed in advance",
      latency_minutes: null,
      business_latency_minutes: null,
      window: null,
    });
    expect(interview.first_follow_up_id).not.toBeNull();
    const followUp = await db
      .selectFrom("follow_ups")
      .selectAll()
      .where("interview_id", "=", slow.interview)
      .executeTakeFirstOrThrow();
    expect(followUp).toMatchObject({ latency_minutes: null, business_latency_minutes: null, window: null });
    // The timing part: neutral, said so; the score rises from the late note's.
    const timing = decodeScoreParts(followUp.score_parts!)!.find((p) => p.key === "timing")!;
    expect(timing.evidence[0].text).toMatch(/not applicable/);
    expect(timing.points).toBeGreaterThan(0);
    expect(timing.points).toBeLessThanOrEqual(timing.max);
    expect(followUp.score!).toBeGreaterThan(slowBefore.score!);
    // The application's summary: the interview is neither decided nor followed up; its score counts.
    const application = await db
      .selectFrom("applications")
      .selectAll()
      .where("id", "=", slow.application)
      .executeTakeFirstOrThrow();
    expect(application).toMatchObject({
      decided_interview_count: 0,
      followed_up_count: 0,
      behaviour: null,
      median_latency_minutes: null,
      best_score: followUp.score,
    });

    // The dashboard: one latency, one decided interview, no "none" bar, the curve without them.
    const after = await checkedDashboard();
    expect(after.headline.latency.n).toBe(1);
    expect(after.headline.latency.median).toBe(120);
    expect(after.headline.followUpRate.n).toBe(1);
    expect(after.windows.find((w) => w.window === "none")?.interviews).toBe(0);
    expect(after.curve.closed).toBe(1);
    expect(after.headline.interviews).toBe(4);
    // No window counts down for the open one: neither Today nor Awaiting lists it.
    expect(await waiting()).toEqual({ today: [], awaiting: [], total: 0, pipeline: [] });
    // The pipeline shows the mark, without its reason, where it showed a countdown.
    const all = parsePipelineParams(new URLSearchParams());
    const rows = await listPipeline(db, viewer, ws.positionId, all.list, all.filters, now.toISOString());
    const row = rows.rows.find((r) => r.interview_id === open.interview)!;
    const openTiming = { endsAt: row.ends_at!, firstFollowUpAt: null, window: null, latencyMinutes: null };
    expect(
      statusViewModel(
        { ...openTiming, latencyExempt: row.latency_exempt_reason !== null },
        now.toISOString(),
        settings.windows,
      ),
    ).toEqual({
      kind: "exempt",
      received: false,
    });

    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "interview")
      .where("entity_id", "=", slow.interview)
      .where("action", "=", "update")
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail!)).toEqual({ change: "latency_exempt", exempt: true });

    // Cleared: everything back as it was.
    expect((await setLatencyExemption(db, viewer, slow.interview, null)).ok).toBe(true);
    const restored = await db
      .selectFrom("follow_ups")
      .select(["score", "window"])
      .where("interview_id", "=", slow.interview)
      .executeTakeFirstOrThrow();
    expect(restored).toEqual({ score: slowBefore.score, window: "none" });
    for (const { interview } of [silent, open])
      expect((await setLatencyExemption(db, viewer, interview, null)).ok).toBe(true);
    expect(await checkedDashboard()).toEqual(before);
    expect(await waiting()).toEqual({
      today: [open.interview],
      awaiting: [open.interview],
      total: 1,
      pipeline: [open.interview],
    });
  });
});
