// The window sweep: an interview without a follow-up becomes decided when its window closes, and the
// sweep brings its application's stored summary (behaviour, decided interviews) up to date; on SQLite,
// and on PostgreSQL in the PostgreSQL run.
import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "../../db/schema";
import { createApplication, createWorkspace, createInterview } from "../factories";
import { finishedJob, freshDatabase } from "../helpers";

let db: Kysely<Database>;
let sweep: typeof import("../../app/data/window-sweep.server");
let scoring: typeof import("../../app/data/scoring.server");

beforeAll(async () => {
  db = await freshDatabase();
  sweep = await import("../../app/data/window-sweep.server");
  scoring = await import("../../app/data/scoring.server");
});

const ENDS_AT = "2026-11-24T15:00:00.000Z";
// The late window (72 h) closes three days after the interview's end.
const CLOSES_AT = "2026-11-27T15:00:00.000Z";

async function interviewWithoutFollowUp(endsAt = ENDS_AT, closesAt = CLOSES_AT) {
  const org = await createWorkspace(db, { role: "admin" });
  const { id: applicationId } = await createApplication(db, {
    position_id: org.positionId,
    candidate: { name: "Grace Hopper" },
  });
  await createInterview(db, { application_id: applicationId, ends_at: endsAt, closes_at: closesAt });
  return { ...org, applicationId };
}

const summary = (applicationId: number) =>
  db
    .selectFrom("applications")
    .select(["behaviour", "decided_interview_count", "interview_count"])
    .where("id", "=", applicationId)
    .executeTakeFirstOrThrow();
const mark = async (organizationId: number) =>
  (
    await db
      .selectFrom("organizations")
      .select("windows_swept_until")
      .where("id", "=", organizationId)
      .executeTakeFirstOrThrow()
  ).windows_swept_until;

describe("sweepClosedWindows", () => {
  it("counts a window that closed since the last sweep, once", async () => {
    const { organizationId, applicationId } = await interviewWithoutFollowUp();
    const beforeClose = new Date("2026-11-26T12:00:00.000Z");
    await scoring.rescoreOrganization(db, organizationId, undefined, { now: beforeClose });
    expect(await summary(applicationId)).toEqual({
      behaviour: null,
      decided_interview_count: 0,
      interview_count: 1,
    });
    expect(await mark(organizationId)).toBe(beforeClose.toISOString());

    // Still open an hour before it closes: nothing to do.
    const stillOpen = await sweep.sweepClosedWindows(db, new Date("2026-11-27T14:00:00.000Z"));
    expect(stillOpen.find((r) => r.organizationId === organizationId)).toEqual({
      organizationId,
      positions: 0,
      rowsWritten: 0,
    });
    expect((await summary(applicationId)).decided_interview_count).toBe(0);

    const afterClose = new Date("2026-11-27T16:00:00.000Z");
    const swept = await sweep.sweepClosedWindows(db, afterClose);
    expect(swept.find((r) => r.organizationId === organizationId)).toEqual({
      organizationId,
      positions: 1,
      rowsWritten: 1,
    });
    expect(await summary(applicationId)).toEqual({
      behaviour: "never",
      decided_interview_count: 1,
      interview_count: 1,
    });
    expect(await mark(organizationId)).toBe(afterClose.toISOString());

    // The same moment again: the interval is already swept.
    const again = await sweep.sweepClosedWindows(db, afterClose);
    expect(again.find((r) => r.organizationId === organizationId)).toBeUndefined();
  });

  it("starts a background rescore for an organization never rescored, which sets the mark", async () => {
    // A year ago: its window closed long before the rescore's "now".
    const { organizationId, applicationId } = await interviewWithoutFollowUp(
      "2025-11-24T15:00:00.000Z",
      "2025-11-27T15:00:00.000Z",
    );
    expect(await mark(organizationId)).toBeNull();
    const results = await sweep.sweepClosedWindows(db, new Date());
    expect(results.find((r) => r.organizationId === organizationId)).toEqual({
      organizationId,
      positions: null,
      rowsWritten: 0,
    });
    const job = await db
      .selectFrom("jobs")
      .select("id")
      .where("organization_id", "=", organizationId)
      .where("kind", "=", "rescore")
      .executeTakeFirstOrThrow();
    expect((await finishedJob(db, job.id)).status).toBe("done");
    expect(await mark(organizationId)).not.toBeNull();
    expect(await summary(applicationId)).toEqual({
      behaviour: "never",
      decided_interview_count: 1,
      interview_count: 1,
    });
  });
});

describe("startWindowSweep", () => {
  it("sweeps at once and logs one line per run, with counts and no names or addresses", async () => {
    const lines: string[] = [];
    let logged!: () => void;
    const sweptOnce = new Promise<void>((resolve) => (logged = resolve));
    const spy = vi.spyOn(console, "log").mockImplementation((line: string) => {
      lines.push(line);
      if (line.startsWith("job window-sweep")) logged();
    });
    const stop = sweep.startWindowSweep(db);
    try {
      await sweptOnce;
    } finally {
      stop();
      spy.mockRestore();
    }
    const line = lines.find((l) => l.startsWith("job window-sweep"));
    expect(line).toMatch(
      /^job window-sweep done in \d+ ms: \d+ organizations swept, \d+ positions rescored, \d+ rows changed/,
    );
    expect(line).not.toMatch(/@|Grace Hopper/);
  });
});
