import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { databaseBefore } from "../../test/helpers";

describe("0022_time_zones", () => {
  it("starts an organization in the zone most of its interviews were held in, one without any in UTC", async () => {
    const { db, interview, migrateRest } = await databaseBefore("0022");
    const copy = (zone: string) =>
      sql`insert into interviews (organization_id, application_id, interviewer_name, starts_at, ends_at,
            time_zone, format, round, notes, created_at, closes_at)
          select organization_id, application_id, interviewer_name, starts_at, ends_at, ${zone}, format,
            round, notes, created_at, closes_at from interviews where id = ${interview.id}`.execute(db);
    await copy("America/Chicago");
    await copy("America/Chicago");
    const empty = await sql<{ id: number }>`insert into organizations (name, created_at)
        values ('Empty', '2026-01-01T00:00:00.000Z') returning id`.execute(db);

    expect((await migrateRest()).error).toBeUndefined();
    const zones = await db.selectFrom("organizations").select(["id", "time_zone"]).orderBy("id").execute();
    expect(zones).toEqual([
      { id: interview.organization_id, time_zone: "America/Chicago" },
      { id: empty.rows[0].id, time_zone: "UTC" },
    ]);
    expect(await db.selectFrom("users").select("time_zone").execute()).toEqual(
      (await db.selectFrom("users").select("id").execute()).map(() => ({ time_zone: null })),
    );
    await db.destroy();
  });
});
