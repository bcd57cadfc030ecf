// A real server process (node --import tsx server.ts, the built app): a form posted from another site,
// or a write that is not a form, gets 403 or 415 with a sentence instead of Remix's HTTP 500
// (http/form-posts.ts); and a rescore left "running" by a server process that died is resumed by the
// next one at start-up and completes (app/data/jobs.server.ts).
import { spawnSync } from "node:child_process";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { buildIfStale, startAppServer, type AppServer } from "../../scripts/app-server";
import { createApplication, createFollowUp, createInterview, createJob, createWorkspace } from "../factories";
import { finishedJob, freshDatabase } from "../helpers";

let db: Kysely<Database>;
let server: AppServer;
let organizationId: number;
let deadJobId: number;

beforeAll(async () => {
  db = await freshDatabase();
  const org = await createWorkspace(db, { role: "admin" });
  organizationId = org.organizationId;
  const { id: applicationId } = await createApplication(db, {
    position_id: org.positionId,
    candidate: { name: "Ada Lovelace" },
  });
  const interview = await createInterview(db, {
    application_id: applicationId,
    ends_at: "2026-11-24T15:00:00.000Z",
    notes: "Q3 pipeline",
  });
  await createFollowUp(db, {
    interview_id: interview.id,
    subject: null,
    body: "Thank you for the talk about the Q3 pipeline.",
    scorer_version: "older",
    score: 1,
  });
  // A process of this host that has ended: the owner of a job it left running, beating seconds ago.
  const ended = spawnSync(process.execPath, ["-e", ""]).pid;
  deadJobId = (
    await createJob(db, {
      organization_id: org.organizationId,
      status: "running",
      total: 1,
      owner: `${os.hostname()}:${ended}:0badf00d`,
      heartbeat_at: new Date().toISOString(),
    })
  ).id;
  buildIfStale({ quiet: true });
  server = await startAppServer({
    env: { DATABASE_URL: process.env.DATABASE_URL!, SESSION_SECRET: "hardening-secret", DEMO: "0" },
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe("writes that are not this site's forms", () => {
  const post = (path: string, headers: Record<string, string>, body = "email=a%40b.test&password=x") =>
    fetch(`${server.url}${path}`, { method: "POST", headers, body, redirect: "manual" });

  it("refuses a form posted from another site with 403 and says why", async () => {
    for (const path of ["/sign-in", "/sign-in.data", "/settings"]) {
      const response = await post(path, {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "https://evil.example",
      });
      expect(response.status, path).toBe(403);
      expect(await response.text()).toBe(
        "This form was sent from another site (https://evil.example), so it was refused: open Followthrough at its own address and send it from there.",
      );
    }
    // An opaque origin (a sandboxed frame, a file) and a malformed one are another site too.
    expect(
      (await post("/sign-in", { "Content-Type": "application/x-www-form-urlencoded", Origin: "null" }))
        .status,
    ).toBe(403);
    expect(
      (await post("/sign-in", { "Content-Type": "application/x-www-form-urlencoded", Origin: "not a url" }))
        .status,
    ).toBe(403);
  });

  it("refuses a body that is not a form with 415", async () => {
    for (const type of ["text/plain", "application/json"]) {
      const response = await post("/sign-in", { "Content-Type": type });
      expect(response.status, type).toBe(415);
      expect(await response.text()).toMatch(/^Followthrough takes forms only/);
    }
  });

  it("reads a write without a body as an empty form", async () => {
    // No Content-Type at all: the sign-in form's own answer to an empty form, not 415 or 500.
    const bare = await fetch(`${server.url}/sign-in`, { method: "POST", redirect: "manual" });
    expect(bare.status).toBe(400);
    const signOut = await fetch(`${server.url}/sign-out`, { method: "POST", redirect: "manual" });
    expect(signOut.status).toBe(302);
  });

  it("still takes the site's own forms", async () => {
    const response = await post("/sign-in", {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: server.url,
    });
    // A wrong password: the page again with its message, not a refusal.
    expect(response.status).toBe(400);
    expect(server.output()).not.toMatch(/host header does not match/);
  });
});

describe("a rescore left running by a server that died", () => {
  it("is resumed when the next server starts, and completes with every score on one version", async () => {
    const job = await finishedJob(db, deadJobId);
    expect(job).toMatchObject({ status: "done", resumed: 1, done: 1, total: 1 });
    const versions = await db
      .selectFrom("follow_ups")
      .select("scorer_version")
      .where("organization_id", "=", organizationId)
      .execute();
    expect(new Set(versions.map((v) => v.scorer_version)).size).toBe(1);
    expect(versions[0].scorer_version).not.toBe("older");
    expect(server.output()).toMatch(new RegExp(`job rescore ${deadJobId} org ${organizationId} taken over`));
  });
});
