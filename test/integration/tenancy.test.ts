import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import {
  freshDatabase,
  makeCandidate,
  makeOrganization,
  makeUser,
  routeArgs,
  sessionCookie,
  statusOf,
} from "../helpers";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

describe("organization scoping", () => {
  it("answers 404 for another organization's candidate by URL, and 200 for one's own", async () => {
    const { loader } = await import("../../app/routes/_app.candidates.$candidateId");
    const ours = await makeOrganization(db, "recruiter");
    const theirs = await makeOrganization(db, "recruiter");
    const mine = await makeCandidate(db, ours.organizationId, ours.positionId, "Our Candidate");
    const other = await makeCandidate(db, theirs.organizationId, theirs.positionId, "Their Candidate");
    const cookie = await sessionCookie(ours.user.id);

    expect(
      await statusOf(() =>
        loader(
          routeArgs(`/candidates/${mine.candidateId}`, cookie, { candidateId: String(mine.candidateId) }),
        ),
      ),
    ).toBe(200);
    expect(
      await statusOf(() =>
        loader(
          routeArgs(`/candidates/${other.candidateId}`, cookie, { candidateId: String(other.candidateId) }),
        ),
      ),
    ).toBe(404);
  });

  it("lists only the signed-in organization's candidates", async () => {
    const { loader } = await import("../../app/routes/_app.candidates._index");
    const ours = await makeOrganization(db, "admin");
    const theirs = await makeOrganization(db, "admin");
    await makeCandidate(db, ours.organizationId, ours.positionId, "Visible Vera");
    await makeCandidate(db, theirs.organizationId, theirs.positionId, "Hidden Hugo");
    const result = await loader(routeArgs("/candidates", await sessionCookie(ours.user.id)));
    const names = result.rows.map((r) => r.name);
    expect(names).toEqual(["Visible Vera"]);
  });

  it("shows a client viewer only candidates at their client's positions", async () => {
    const { loader } = await import("../../app/routes/_app.candidates._index");
    const org = await makeOrganization(db, "admin");
    const otherClient = await db
      .insertInto("clients")
      .values({
        organization_id: org.organizationId,
        name: "Other Client",
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const otherPosition = await db
      .insertInto("positions")
      .values({
        organization_id: org.organizationId,
        client_id: otherClient.id,
        title: "SDR",
        hiring_manager_id: null,
        status: "open",
        opened_on: "2026-10-01",
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await makeCandidate(db, org.organizationId, org.positionId, "Client Carla");
    await makeCandidate(db, org.organizationId, otherPosition.id, "Elsewhere Eli");
    const viewer = await makeUser(db, org.organizationId, "client_viewer", org.clientId);
    const result = await loader(routeArgs("/candidates", await sessionCookie(viewer.id)));
    expect(result.rows.map((r) => r.name)).toEqual(["Client Carla"]);
  });

  it("redirects a signed-out visitor to sign in, keeping where they were going", async () => {
    const { loader } = await import("../../app/routes/_app.candidates._index");
    try {
      await loader(routeArgs("/candidates?q=ann", null));
      expect.unreachable("the loader should have redirected");
    } catch (thrown) {
      expect(thrown).toBeInstanceOf(Response);
      const response = thrown as Response;
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/sign-in?redirectTo=%2Fcandidates%3Fq%3Dann");
    }
  });

  it("ends a deactivated user's session at once", async () => {
    const { loader } = await import("../../app/routes/_app.candidates._index");
    const org = await makeOrganization(db, "recruiter");
    const cookie = await sessionCookie(org.user.id);
    expect(await statusOf(() => loader(routeArgs("/candidates", cookie)))).toBe(200);
    await db.updateTable("users").set({ active: 0 }).where("id", "=", org.user.id).execute();
    expect(await statusOf(() => loader(routeArgs("/candidates", cookie)))).toBe(302);
  });
});

describe("the candidates list", () => {
  it("sorts by a summary of the candidate's applications, with candidates without any last", async () => {
    const { loader } = await import("../../app/routes/_app.candidates._index");
    const org = await makeOrganization(db, "recruiter");
    const high = await makeCandidate(db, org.organizationId, org.positionId, "High Hana");
    const low = await makeCandidate(db, org.organizationId, org.positionId, "Low Lars");
    await makeCandidate(db, org.organizationId, org.positionId, "Unscored Uma");
    await db
      .updateTable("applications")
      .set({ best_score: 82, followed_up_count: 2, decided_interview_count: 2 })
      .where("id", "=", high.applicationId)
      .execute();
    await db
      .updateTable("applications")
      .set({ best_score: 41, followed_up_count: 1, decided_interview_count: 4 })
      .where("id", "=", low.applicationId)
      .execute();
    const cookie = await sessionCookie(org.user.id);

    const byScore = await loader(routeArgs("/candidates?sort=bestScore&dir=desc", cookie));
    expect(byScore.rows.map((r) => [r.name, r.bestScore, r.followUpRate])).toEqual([
      ["High Hana", "82", "100%"],
      ["Low Lars", "41", "25%"],
      ["Unscored Uma", "—", "—"],
    ]);
    const byRate = await loader(routeArgs("/candidates?sort=followUpRate&dir=asc", cookie));
    expect(byRate.rows.map((r) => r.name)).toEqual(["Low Lars", "High Hana", "Unscored Uma"]);
    expect(byRate.total).toBe(3);
  });
});
