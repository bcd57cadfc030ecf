// Self-identified demographics and the adverse-impact report (issue 21) against a real database: the
// report's figures on a small dataset worked out by hand, the answers absent from every page and export
// that is not the compliance report's, and the CSV import of the columns (only with the permission).
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import {
  createApplication,
  createCandidateDemographics,
  createInterview,
  createPosition,
  createShareLink,
  createUser,
  createWorkspace,
  type Workspace,
} from "../factories";
import { freshDatabase, routeArgs, sessionCookie } from "../helpers";
import type { ImpactTable } from "../../app/core/adverse-impact";

let db: Kysely<Database>;
let org: Workspace;
let adminCookie: string;
let recruiterCookie: string;
let recruiterId: number;

/** Runs a loader or action: its status and everything it would send, as text. */
async function run(fn: () => unknown): Promise<{ status: number; text: string; value: unknown }> {
  const describe = async (value: unknown, status: number) => {
    if (value instanceof Response)
      return {
        status: value.status,
        text: `${value.headers.get("Location") ?? ""} ${await value.text()}`,
        value,
      };
    // data(..., { status }) from @remix-run/node
    if (value && typeof value === "object" && "type" in value && value.type === "DataWithResponseInit") {
      const d = value as unknown as { data: unknown; init?: { status?: number } };
      return { status: d.init?.status ?? 200, text: JSON.stringify(d.data), value: d.data };
    }
    return { status, text: JSON.stringify(value) ?? "", value };
  };
  try {
    return await describe(await fn(), 200);
  } catch (thrown) {
    if (thrown instanceof Response) return describe(thrown, thrown.status);
    throw thrown;
  }
}

type Loader = (args: ReturnType<typeof routeArgs>) => unknown;
async function load(route: string, url: string, cookie: string | null, params: Record<string, string> = {}) {
  const mod = (await import(`../../app/routes/${route}`)) as { loader: Loader };
  return run(() => mod.loader(routeArgs(url, cookie, params)));
}

// Ten scored applications in one position. Best scores, outcomes and follow-up behaviour by sex:
//   Male:    80 offer, 75 hired, 72 rejected, 50 pending            (all followed up)
//   Female:  78 offer, 60 rejected, 55 rejected, 40 withdrawn       (the 40 never followed up)
//   not answered: 90 pending; declined: 65 pending
// Sorted: 40 50 55 60 65 72 75 78 80 90 → median (65 + 72) / 2 = 68.5.
const PEOPLE: { sex: string | null; race: string; score: number; outcome: string; never?: true }[] = [
  { sex: "Male", race: "White", score: 80, outcome: "offer" },
  { sex: "Male", race: "White", score: 75, outcome: "hired" },
  { sex: "Male", race: "White", score: 72, outcome: "rejected" },
  { sex: "Male", race: "White", score: 50, outcome: "pending" },
  { sex: "Female", race: "White", score: 78, outcome: "offer" },
  { sex: "Female", race: "Asian", score: 60, outcome: "rejected" },
  { sex: "Female", race: "White", score: 55, outcome: "rejected" },
  { sex: "Female", race: "White", score: 40, outcome: "withdrawn", never: true },
  { sex: null, race: "White", score: 90, outcome: "pending" },
  { sex: "declined", race: "White", score: 65, outcome: "pending" },
];

beforeAll(async () => {
  db = await freshDatabase();
  org = await createWorkspace(db, { role: "admin" });
  recruiterId = (await createUser(db, { organization_id: org.organizationId, role: "recruiter" })).id;
  adminCookie = await sessionCookie(org.user.id);
  recruiterCookie = await sessionCookie(recruiterId);
  for (const [i, p] of PEOPLE.entries()) {
    const application = await createApplication(db, {
      position_id: org.positionId,
      candidate: { name: `Person ${i}` },
      best_score: p.score,
      mean_score: p.score,
      behaviour: p.never ? "never" : "always",
      outcome: p.outcome as "offer",
      outcome_on: p.outcome === "pending" ? null : "2026-10-20",
      interview_count: 1,
      decided_interview_count: 1,
      followed_up_count: p.never ? 0 : 1,
    });
    await createInterview(db, {
      application_id: application.id,
      ends_at: `2026-10-${String(i + 1).padStart(2, "0")}T16:00:00.000Z`,
    });
    if (p.sex !== null)
      await createCandidateDemographics(db, {
        candidate_id: application.candidate_id,
        sex: p.sex,
        race_ethnicity: p.race,
        age_band: null,
      });
  }
});

describe("the adverse-impact report", () => {
  it("counts each group, compares it with the most favoured one, and says which data it covers", async () => {
    const { status, value } = await load("_app.compliance", "/compliance", adminCookie);
    expect(status).toBe(200);
    const page = value as { tables: ImpactTable[]; median: number; applications: number; range: unknown };
    expect(page.applications).toBe(10);
    expect(page.median).toBe(68.5);
    expect(page.range).toEqual({ from: "1 Oct 2026", to: "10 Oct 2026" });
    const table = (measure: string, breakdown = "sex") =>
      page.tables.find((t) => t.measure === measure && t.breakdown === breakdown)!;
    const group = (t: ImpactTable, key: string) => t.groups.find((g) => g.key === key)!;

    // Strong (70 or more): Male 3 of 4 (80, 75, 72), Female 1 of 4 (78): ratio 0.25 / 0.75 = 1/3.
    // Fisher, margins 4 and 4 of 8: P(k) = C(4,k)·C(4,4−k)/70 = {1, 16, 36, 16, 1}/70; observed k = 1,
    // tables no more likely k = 0, 1, 3, 4: 34/70 = 0.485714.
    const strong = table("strong");
    expect(group(strong, "Male")).toMatchObject({ n: 4, selected: 3, reference: true, impactRatio: 1 });
    const female = group(strong, "Female");
    expect(female).toMatchObject({ n: 4, selected: 1, flagged: true });
    expect(female.impactRatio).toBeCloseTo(1 / 3, 10);
    expect(female.test).toMatchObject({ test: "fisher" });
    expect(female.test!.p).toBeCloseTo(34 / 70, 10);
    expect([strong.unknown, strong.declined]).toEqual([1, 1]);

    // Above the median 68.5: the same split as strong here.
    expect(group(table("aboveMedian"), "Female")).toMatchObject({ n: 4, selected: 1 });
    // Followed up: Male 4 of 4, Female 3 of 4 (ratio 0.75, flagged).
    const followed = group(table("followedUp"), "Female");
    expect([followed.selected, followed.n, followed.flagged]).toEqual([3, 4, true]);
    // Offers over decided applications: Male 2 of 3 (the pending 50 not counted), Female 1 of 4.
    const offers = table("offer");
    expect(group(offers, "Male")).toMatchObject({ n: 3, selected: 2, reference: true });
    expect(group(offers, "Female")).toMatchObject({ n: 4, selected: 1 });
    expect(group(offers, "Female").impactRatio).toBeCloseTo(0.25 / (2 / 3), 10);
    // Pending applications are not decided: the unknown and declined ones drop out of the offer rate.
    expect([offers.unknown, offers.declined]).toEqual([0, 0]);
    // The intersection: Female × Asian is its own group.
    expect(group(table("strong", "sexRace"), "Female × Asian")).toMatchObject({ n: 1, selected: 0 });
  });

  it("honours the dashboard's filters", async () => {
    const other = await createPosition(db, { client_id: org.clientId });
    const { value } = await load("_app.compliance", `/compliance?position=${other.id}`, adminCookie);
    expect((value as { applications: number }).applications).toBe(0);
    const dated = await load("_app.compliance", "/compliance?from=2026-10-05&to=2026-10-08", adminCookie);
    // Interviews on 5–8 Oct: people 4–7, all women.
    expect((dated.value as { applications: number }).applications).toBe(4);
  });

  it("downloads the Local Law 144 summary table with the data's dates", async () => {
    const { status, text, value } = await load(
      "compliance.export[.csv]",
      "/compliance/export.csv",
      adminCookie,
    );
    expect(status).toBe(200);
    expect((value as Response).headers.get("Content-Disposition")).toContain(
      "adverse-impact-2026-10-01-to-2026-10-10.csv",
    );
    const lines = text.trim().split(/\r\n/);
    expect(lines[0]).toContain("data_from,data_to,measure");
    expect(lines).toContain(
      "2026-10-01,2026-10-10,Strong score (70–100),best follow-up score of 70 or more,Sex,Female,4,1,0.25,0.333,yes,0.486,fisher,",
    );
  });
});

describe("self-identified answers stay out of everything else", () => {
  // Stored answers that are no choice of the organization's, so that they are written nowhere else.
  const MARKERS = ["Qzsexmarker", "Qzracemarker", "Qzagemarker"];

  it("are in no page, client report, share link or export but the compliance report", async () => {
    const application = await createApplication(db, {
      position_id: org.positionId,
      candidate: { name: "Marked Person" },
      best_score: 85,
    });
    await createInterview(db, { application_id: application.id, ends_at: "2026-10-11T16:00:00.000Z" });
    await createCandidateDemographics(db, {
      candidate_id: application.candidate_id,
      sex: MARKERS[0],
      race_ethnicity: MARKERS[1],
      age_band: MARKERS[2],
    });
    const share = await createShareLink(db, { client_id: org.clientId });
    const candidate = { candidateId: String(application.candidate_id) };
    const position = { positionId: String(org.positionId) };
    const client = { clientId: String(org.clientId) };
    const paths: [string, string, Record<string, string>][] = [
      ["_app.candidates.$candidateId", `/candidates/${candidate.candidateId}`, candidate],
      ["candidates.$candidateId.export[.csv]", `/candidates/${candidate.candidateId}/export.csv`, candidate],
      ["_app.candidates._index", "/candidates", {}],
      ["_app.search", "/search?q=marked", {}],
      ["_app.positions.$positionId._index", `/positions/${org.positionId}`, position],
      ["positions.$positionId.export[.csv]", `/positions/${org.positionId}/export.csv`, position],
      ["_app.dashboard", "/dashboard", {}],
      ["dashboard.export[.csv]", "/dashboard/export.csv?by=client", {}],
      ["_app.reports.$clientId", `/reports/${org.clientId}`, client],
      ["reports.$clientId.export[.csv]", `/reports/${org.clientId}/export.csv`, client],
      ["share.$token", `/share/${share.token}`, { token: share.token }],
      ["share.$token.export[.csv]", `/share/${share.token}/export.csv`, { token: share.token }],
      ["organization.export[.json]", "/organization/export.json", {}],
      ["_app.audit", "/audit", {}],
    ];
    for (const [route, url, params] of paths) {
      const { status, text } = await load(route, url, adminCookie, params);
      expect(status, route).toBe(200);
      for (const marker of MARKERS) expect(text.includes(marker), `${route} shows ${marker}`).toBe(false);
    }
    // The markers would be seen: the compliance report lists them (as answers no longer offered).
    const { text } = await load("_app.compliance", "/compliance", adminCookie);
    for (const marker of MARKERS) expect(text).toContain(marker);
  });

  it("go with the candidate when the candidate is deleted", async () => {
    const row = await createCandidateDemographics(db, {
      candidate_id: (await createApplication(db, { position_id: org.positionId })).candidate_id,
    });
    await db.deleteFrom("candidates").where("id", "=", row.candidate_id).execute();
    const left = await db
      .selectFrom("candidate_demographics")
      .select("candidate_id")
      .where("candidate_id", "=", row.candidate_id)
      .execute();
    expect(left).toEqual([]);
  });
});

describe("entering and importing answers", () => {
  it("stores what is entered on the page, audited without the answers", async () => {
    const application = await createApplication(db, { position_id: org.positionId });
    const mod = await import("../../app/routes/_app.candidates.$candidateId_.self-identification");
    const url = `/candidates/${application.candidate_id}/self-identification`;
    const post = (body: Record<string, string>, cookie = adminCookie) =>
      run(() =>
        mod.action(
          routeArgs(
            url,
            cookie,
            { candidateId: String(application.candidate_id) },
            {
              method: "POST",
              body: new URLSearchParams(body),
              headers: { "Content-Type": "application/x-www-form-urlencoded" },
            },
          ) as never,
        ),
      );
    expect((await post({ sex: "Female", raceEthnicity: "declined", ageBand: "Under 30" })).status).toBe(302);
    const stored = await db
      .selectFrom("candidate_demographics")
      .selectAll()
      .where("candidate_id", "=", application.candidate_id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      sex: "Female",
      race_ethnicity: "declined",
      age_band: "Under 30",
      source: "form",
    });
    const audit = await db
      .selectFrom("audit_log")
      .select(["detail", "candidate_id"])
      .where("entity", "=", "self_identification")
      .where("entity_id", "=", application.candidate_id)
      .executeTakeFirstOrThrow();
    expect(audit.candidate_id).toBeNull();
    expect(audit.detail).not.toContain("Female");
    // Not a choice: refused, nothing changed. A recruiter may not post at all.
    expect((await post({ sex: "Robot" })).status).toBe(400);
    expect((await post({ sex: "Male" }, recruiterCookie)).status).toBe(403);
    // Everything emptied: the row goes.
    expect((await post({ sex: "", raceEthnicity: "", ageBand: "" })).status).toBe(302);
    expect(
      await db
        .selectFrom("candidate_demographics")
        .where("candidate_id", "=", application.candidate_id)
        .selectAll()
        .execute(),
    ).toEqual([]);
  });

  const FILE = [
    "Name,Email,Position,Sex,Race/Ethnicity,Age band",
    "Ann Import,ann.import@example.test,Importer,F,White (Not Hispanic or Latino),30-39",
    "Ben Import,ben.import@example.test,Importer,Prefer not to say,,50 and over",
    "Cy Import,cy.import@example.test,Importer,,,",
  ].join("\n");

  it("maps the Sex, Race/Ethnicity and Age band columns and reads them as the choices", async () => {
    const { previewCsv, importCsv } = await import("../../app/intake/csv.server");
    const { getDemographicCategories } = await import("../../app/data/demographics.server");
    const { suggested } = await previewCsv(FILE);
    expect([suggested.sex, suggested.race_ethnicity, suggested.age_band]).toEqual([3, 4, 5]);
    const { summary } = await importCsv(db, org.user, FILE, suggested, {
      timeZone: "UTC",
      dateOrder: "mdy",
      defaultDurationMinutes: 60,
      clientId: org.clientId,
      demographics: await getDemographicCategories(db, org.organizationId),
    });
    expect(summary.demographics).toBe(2);
    const rows = await db
      .selectFrom("candidate_demographics as d")
      .innerJoin("candidates as c", "c.id", "d.candidate_id")
      .select(["c.email", "d.sex", "d.race_ethnicity", "d.age_band", "d.source"])
      .where("c.email", "like", "%.import@example.test")
      .orderBy("c.email")
      .execute();
    expect(rows).toEqual([
      {
        email: "ann.import@example.test",
        sex: "Female",
        race_ethnicity: "White",
        age_band: "30–39",
        source: "import",
      },
      {
        email: "ben.import@example.test",
        sex: "declined",
        race_ethnicity: null,
        age_band: "50 and over",
        source: "import",
      },
    ]);
  });

  it("refuses a row with an answer that is not a choice, naming the row and column", async () => {
    const { checkCsv, previewCsv } = await import("../../app/intake/csv.server");
    const { getDemographicCategories } = await import("../../app/data/demographics.server");
    const text = "Name,Email,Position,Gender\nDi,di@example.test,Importer,Robot";
    const { suggested } = await previewCsv(text);
    const check = await checkCsv(text, suggested, {
      timeZone: "UTC",
      dateOrder: "mdy",
      defaultDurationMinutes: 60,
      demographics: await getDemographicCategories(db, org.organizationId),
    });
    expect(check.errors).toEqual([
      expect.objectContaining({ row: 2, column: "Gender", message: expect.stringContaining("“Robot”") }),
    ]);
  });

  it("neither reads nor stores them for an importer without the compliance permission", async () => {
    const { storeUpload } = await import("../../app/intake/uploads.server");
    const token = await storeUpload(org.organizationId, Buffer.from(FILE.replaceAll(".import@", ".rec@")));
    const mod = await import("../../app/routes/_app.import.csv_.$token");
    const page = await run(() =>
      mod.loader(routeArgs(`/import/csv/${token}`, recruiterCookie, { token }) as never),
    );
    expect(JSON.stringify((page.value as { fields: string[] }).fields)).not.toContain("sex");
    const body = new URLSearchParams({
      intent: "import",
      clientId: String(org.clientId),
      timeZone: "UTC",
      dateOrder: "mdy",
      "map.name": "0",
      "map.email": "1",
      "map.position": "2",
      // Posted anyway (an edited form): ignored.
      "map.sex": "3",
      "map.race_ethnicity": "4",
      "map.age_band": "5",
    });
    const result = await run(() =>
      mod.action(
        routeArgs(
          `/import/csv/${token}`,
          recruiterCookie,
          { token },
          {
            method: "POST",
            body,
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
          },
        ) as never,
      ),
    );
    expect(result.status).toBe(302);
    const imported = await db
      .selectFrom("candidates as c")
      .leftJoin("candidate_demographics as d", "d.candidate_id", "c.id")
      .select(["c.email", "d.sex"])
      .where("c.email", "like", "%.rec@example.test")
      .execute();
    expect(imported).toHaveLength(3);
    expect(imported.every((r) => r.sex === null)).toBe(true);
  });
});
