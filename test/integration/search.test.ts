// The header search against a real migrated database: candidates by the start of any word of their
// name, part of their email and their phone's digits, positions by a word of their title; never
// another organization's rows, a hiring manager only their positions' candidates; and the terms kept
// current when a candidate is edited or imported.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { ImportOptions } from "../../app/core/import/rows";
import { parseSearchQuery } from "../../app/core/search";
import type { Viewer } from "../../app/data/scope.server";
import {
  createApplication,
  createCandidate,
  createPosition,
  createUser,
  createWorkspace,
} from "../factories";
import { databaseBefore, freshDatabase, onPostgres, routeArgs, sessionCookie, statusOf } from "../helpers";

let db: Kysely<Database>;
let searchData: typeof import("../../app/data/search.server");
beforeAll(async () => {
  db = await freshDatabase();
  searchData = await import("../../app/data/search.server");
});

async function find(viewer: Viewer, q: string) {
  const query = parseSearchQuery(q);
  if (query.kind !== "words") throw new Error(`"${q}" is not a searchable query`);
  return searchData.search(db, viewer, query);
}
const names = async (viewer: Viewer, q: string) => (await find(viewer, q)).candidates.map((c) => c.name);

/** A recruiter's organization with two positions (one managed by `hm`) and three candidates. */
async function organization() {
  const ws = await createWorkspace(db, { role: "recruiter" });
  const org = { organization_id: ws.organizationId };
  const hm = await createUser(db, { ...org, role: "hiring_manager" });
  const mine = await createPosition(db, {
    ...org,
    client_id: ws.clientId,
    title: "Inside Sales Representative",
    hiring_manager_id: hm.id,
  });
  const theirs = await createPosition(db, { ...org, client_id: ws.clientId, title: "Account Executive" });
  const aisha = await createCandidate(db, {
    ...org,
    name: "Aisha Adams",
    email: "aisha.adams@mail.example",
    phone: "+1 (303) 555-0128",
  });
  const jose = await createCandidate(db, { ...org, name: "José O'Brien", email: "jobrien@inbox.example" });
  const adam = await createCandidate(db, { ...org, name: "Adam Smith", email: null, phone: "646.555.0199" });
  await createApplication(db, { candidate_id: aisha.id, position_id: mine.id });
  await createApplication(db, { candidate_id: adam.id, position_id: theirs.id });
  return { ws, hm, mine, theirs, aisha, jose, adam, recruiter: ws.user };
}

describe("search", () => {
  it("finds candidates by first name, last name prefix, email and phone digits", async () => {
    const { recruiter } = await organization();
    expect(await names(recruiter, "Aisha")).toEqual(["Aisha Adams"]);
    expect(await names(recruiter, "ada")).toEqual(["Adam Smith", "Aisha Adams"]);
    expect(await names(recruiter, "ai ad")).toEqual(["Aisha Adams"]);
    expect(await names(recruiter, "obri")).toEqual(["José O'Brien"]);
    expect(await names(recruiter, "jose")).toEqual(["José O'Brien"]);
    // Email: the whole address, a piece of the local part, the domain.
    expect(await names(recruiter, "aisha.adams@")).toEqual(["Aisha Adams"]);
    expect(await names(recruiter, "adams@mail")).toEqual(["Aisha Adams"]);
    expect(await names(recruiter, "inbox.example")).toEqual(["José O'Brien"]);
    // Phone: digits with or without formatting, with or without the country code or area code.
    expect(await names(recruiter, "3035550128")).toEqual(["Aisha Adams"]);
    expect(await names(recruiter, "(303) 555-01")).toEqual(["Aisha Adams"]);
    expect(await names(recruiter, "+1 303 555")).toEqual(["Aisha Adams"]);
    expect(await names(recruiter, "555-0199")).toEqual(["Adam Smith"]);
    expect(await names(recruiter, "Zelda")).toEqual([]);
  });

  it("lists each candidate's positions and finds positions by a word of their title", async () => {
    const { recruiter, mine } = await organization();
    const found = await find(recruiter, "aisha");
    expect(found.candidates[0].positions.map((p) => p.title)).toEqual(["Inside Sales Representative"]);
    const byTitle = await find(recruiter, "sales rep");
    expect(byTitle.positions.map((p) => p.id)).toEqual([mine.id]);
    expect(byTitle.candidates).toEqual([]);
    // A word start, not any fragment.
    expect((await find(recruiter, "ales")).positions).toEqual([]);
  });

  it("never finds another organization's candidates or positions", async () => {
    const { recruiter } = await organization();
    const other = await organization();
    const found = await find(recruiter, "aisha");
    expect(found.candidates.map((c) => c.id)).not.toContain(other.aisha.id);
    expect(found.candidates).toHaveLength(1);
    const positions = await find(recruiter, "inside");
    expect(positions.positions).toHaveLength(1);
    expect(positions.positions[0].id).not.toBe(other.mine.id);
  });

  it("shows a hiring manager only the candidates and positions of their pipelines", async () => {
    const { hm, mine } = await organization();
    expect(await names(hm, "ada")).toEqual(["Aisha Adams"]);
    expect(await names(hm, "jose")).toEqual([]);
    expect((await find(hm, "account")).positions).toEqual([]);
    expect((await find(hm, "inside")).positions.map((p) => p.id)).toEqual([mine.id]);
  });

  it("finds an edited candidate by the new name only, and an imported one", async () => {
    const { recruiter, ws, aisha } = await organization();
    const { updateCandidate } = await import("../../app/data/candidate-writes.server");
    const result = await updateCandidate(db, recruiter, aisha.id, {
      name: "Aisha Zebrowski",
      email: "az@mail.example",
      phone: null,
      source: null,
    });
    expect(result.ok).toBe(true);
    expect(await names(recruiter, "zebr")).toEqual(["Aisha Zebrowski"]);
    expect(await names(recruiter, "adams")).toEqual([]);
    expect(await names(recruiter, "3035550128")).toEqual([]);

    const csv = await import("../../app/intake/csv.server");
    const source = { path: path.resolve("app/intake/fixtures/csv/clean.csv") };
    const options: ImportOptions = {
      timeZone: "America/New_York",
      dateOrder: "mdy",
      defaultDurationMinutes: 60,
    };
    const mapping = (await csv.previewCsv(source)).suggested;
    await csv.importCsv(db, recruiter, source, mapping, { ...options, clientId: ws.clientId });
    expect(await names(recruiter, "lovel")).toEqual(["Ada Lovelace"]);
    expect(await names(recruiter, "ada@example")).toEqual(["Ada Lovelace"]);
  });

  it("finds the same candidates in the candidates list's search box, within the viewer's scope", async () => {
    const { hm, aisha, jose, adam, recruiter } = await organization();
    const { listCandidates } = await import("../../app/data/candidates.server");
    const listed = async (viewer: Viewer, q: string) =>
      (await listCandidates(db, viewer, { sort: "name", dir: "asc", page: 1, pageSize: 50, q })).rows.map(
        (r) => r.id,
      );
    // A last name's start, an accent-free first name, an email's domain, phone digits, two words.
    expect(await listed(recruiter, "adams")).toEqual([aisha.id]);
    expect(await listed(recruiter, "jose")).toEqual([jose.id]);
    expect(await listed(recruiter, "@inbox.example")).toEqual([jose.id]);
    expect(await listed(recruiter, "646 555")).toEqual([adam.id]);
    expect(await listed(recruiter, "a")).toEqual([adam.id, aisha.id]);
    expect(await listed(recruiter, "adam smith")).toEqual([adam.id]);
    // Inside a word is not the start of one (as in the header search).
    expect(await listed(recruiter, "dams")).toEqual([]);
    // The whole organization's count of matches (from the search terms), one word or two.
    const total = async (q: string) =>
      (await listCandidates(db, recruiter, { sort: "name", dir: "asc", page: 1, pageSize: 1, q })).total;
    expect(await total("a")).toBe(2);
    expect(await total("adam smith")).toBe(1);
    expect(await total("dams")).toBe(0);
    // A hiring manager: only the candidates of their positions, with the count to match.
    expect(await listed(hm, "a")).toEqual([aisha.id]);
    const page = await listCandidates(db, hm, { sort: "name", dir: "asc", page: 1, pageSize: 50, q: "a" });
    expect(page.total).toBe(1);
  });

  it("pages through a search that matches few candidates and one that matches most, alike", async () => {
    // On PostgreSQL a search matching at most a fifth of the organization is read by id, the others
    // by a join (listWholeOrganization): 2 of 12 candidates, and 10 of 12.
    const ws = await createWorkspace(db, { role: "recruiter" });
    const org = { organization_id: ws.organizationId };
    const made: { id: number; name: string }[] = [];
    for (const [i, last] of ["Rarely", "Common", "Common", "Rarely", ...Array(8).fill("Common")].entries())
      made.push(await createCandidate(db, { ...org, name: `${String.fromCharCode(90 - i)}oe ${last}` }));
    const { listCandidates } = await import("../../app/data/candidates.server");
    const byName = (last: string) =>
      made
        .filter((c) => c.name.endsWith(last))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((c) => c.id);
    for (const [q, expected] of [
      ["rarely", byName("Rarely")],
      ["common", byName("Common")],
    ] as const) {
      const page = (n: number) =>
        listCandidates(db, ws.user, { sort: "name", dir: "asc", page: n, pageSize: 1, q });
      const pages = await Promise.all(expected.map((_, i) => page(i + 1)));
      expect(pages.map((p) => p.rows[0]?.id)).toEqual(expected);
      expect(pages.map((p) => p.total)).toEqual(expected.map(() => expected.length));
      expect((await page(expected.length + 1)).rows).toEqual([]);
    }
    expect(byName("Rarely")).toHaveLength(2);
  });

  it("says when a query is empty or too short, and the page needs a signed-in reader", async () => {
    expect(parseSearchQuery("")).toEqual({ kind: "empty" });
    expect(parseSearchQuery("  a ")).toEqual({ kind: "too-short", text: "a" });
    const { recruiter } = await organization();
    const { loader } = await import("../../app/routes/_app.search");
    const cookie = await sessionCookie(recruiter.id);
    const empty = await loader(routeArgs("/search", cookie));
    expect(empty).toMatchObject({ state: "empty", results: null });
    const short = await loader(routeArgs("/search?q=a", cookie));
    expect(short).toMatchObject({ state: "too-short", results: null });
    const found = await loader(routeArgs("/search?q=aisha", cookie));
    expect(found.results?.candidates.map((c) => c.name)).toEqual(["Aisha Adams"]);
    expect(await statusOf(() => loader(routeArgs("/search?q=aisha", null)))).toBe(302);
  });

  it.skipIf(onPostgres)(
    "backfills the terms of the candidates that existed before migration 0021",
    async () => {
      const before = await databaseBefore("0021");
      await before.migrateRest();
      const terms = await before.db
        .selectFrom("candidate_search_terms")
        .select("term")
        .orderBy("term")
        .execute();
      expect(terms.map((t) => t.term)).toEqual(expect.arrayContaining(["dana", "example"]));
      await before.db.destroy();
    },
  );
});
