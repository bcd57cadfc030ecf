// The demo tells the product's story where a prospect looks first: on the dashboards of the demo's
// admin and hiring manager, candidates who follow up get offers more often than those who do not, and
// the top score band more often than the bottom one, with noise (no group at 0% or 100%). The edge
// cases a demo must still show are all there: late follow-ups, none, copies, open windows, pending.
import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database, User } from "../../db/schema";
import { freshDatabase } from "../helpers";

const NOW = new Date("2026-12-05T16:30:00.000Z");

let db: Kysely<Database>;
let organizationId: number;
let dashboardOf: (email: string) => Promise<Dashboard>;
type Dashboard = Awaited<ReturnType<typeof import("../../app/data/analytics.server").loadDashboard>>;

beforeAll(async () => {
  db = await freshDatabase();
  const { loadDemoWorkspace } = await import("../../app/demo/load-demo.server");
  const { loadDashboard } = await import("../../app/data/analytics.server");
  const { parseDashboardParams } = await import("../../app/core/analytics");
  const { getOrganizationSettings } = await import("../../app/data/organizations.server");
  await loadDemoWorkspace(db, { now: NOW });
  organizationId = (
    await db.selectFrom("organizations").select("id").where("is_demo", "=", 1).executeTakeFirstOrThrow()
  ).id;
  dashboardOf = async (email) => {
    const user: User = await db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    const settings = await getOrganizationSettings(db, user.organization_id);
    return loadDashboard(
      db,
      user,
      parseDashboardParams(new URLSearchParams()),
      { windows: settings.windows, weights: settings.weights },
      NOW,
    );
  };
}, 120_000);

describe.each([
  ["the organization (admin)", "admin@demo.followthrough.test"],
  ["the demo hiring manager", "manager@demo.followthrough.test"],
])("the demo dashboard of %s", (_, email) => {
  it("gives offers more often to candidates who followed up than to those who did not", async () => {
    const { followed, never } = (await dashboardOf(email)).behaviour.comparison;
    expect(followed.enough && never.enough).toBe(true);
    expect(followed.rate!).toBeGreaterThan(never.rate!);
  });

  it("gives offers more often in the top score band than in the bottom one", async () => {
    const bands = (await dashboardOf(email)).byBand.groups;
    const low = bands.find((b) => b.key === "low")!;
    const high = bands.find((b) => b.key === "high")!;
    expect(low.rate.enough && high.rate.enough).toBe(true);
    expect(high.rate.rate!).toBeGreaterThan(low.rate.rate!);
  });

  it("shows noisy, believable rates: no group with enough data at 0% or 100%", async () => {
    const d = await dashboardOf(email);
    const rates = [...d.byBand.groups, ...d.behaviour.groups].map((g) => g.rate).filter((r) => r.enough);
    expect(rates.length).toBeGreaterThanOrEqual(4);
    for (const r of rates) {
      expect(r.rate!).toBeGreaterThan(0);
      expect(r.rate!).toBeLessThan(0.75);
    }
  });
});

describe("the demo's edge cases", () => {
  const count = async (query: { execute(): Promise<unknown[]> }) => (await query.execute()).length;
  const now = NOW.toISOString();

  it("has late follow-ups, follow-ups after the last window, and interviews with none", async () => {
    const interviews = db.selectFrom("interviews").select("id").where("organization_id", "=", organizationId);
    expect(await count(interviews.where("window", "=", "late"))).toBeGreaterThan(0);
    expect(await count(interviews.where("window", "=", "none"))).toBeGreaterThan(0);
    expect(
      await count(interviews.where("first_follow_up_id", "is", null).where("closes_at", "<=", now)),
    ).toBeGreaterThan(10);
  });

  it("has near-copies between candidates", async () => {
    const copies = db
      .selectFrom("follow_ups")
      .select("id")
      .where("organization_id", "=", organizationId)
      .where("near_duplicate_of", "is not", null);
    expect(await count(copies)).toBeGreaterThan(0);
  });

  it("has interviews still awaiting a follow-up, and applications of every outcome", async () => {
    const awaiting = db
      .selectFrom("interviews")
      .select("id")
      .where("organization_id", "=", organizationId)
      .where("first_follow_up_id", "is", null)
      .where("closes_at", ">", now);
    expect(await count(awaiting)).toBeGreaterThan(2);
    const outcomes = await db
      .selectFrom("applications")
      .select("outcome")
      .distinct()
      .where("organization_id", "=", organizationId)
      .execute();
    expect(outcomes.map((o) => o.outcome).sort()).toEqual([
      "hired",
      "offer",
      "pending",
      "rejected",
      "withdrawn",
    ]);
  });
});
