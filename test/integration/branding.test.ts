// Report branding (issue 20): what the settings page stores, what it refuses (storing nothing), and
// how the logo is served and reaches the client report.
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { createWorkspace } from "../factories";
import { freshDatabase, routeArgs, sessionCookie } from "../helpers";
import { jpegHead, makePng } from "../images";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

async function admin() {
  const ws = await createWorkspace(db, { role: "admin" });
  return { ws, cookie: await sessionCookie(ws.user.id) };
}

/** Posts the branding form as a browser does (multipart), returning the action's status and data. */
async function post(cookie: string, fields: Record<string, string>, logo?: { bytes: Buffer; name: string }) {
  const { action } = await import("../../app/routes/_app.settings_.branding");
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  if (logo) body.set("logo", new File([new Uint8Array(logo.bytes)], logo.name, { type: "image/png" }));
  try {
    const result = (await action(
      routeArgs("/settings/branding", cookie, {}, { method: "POST", body }),
    )) as unknown;
    if (result instanceof Response) return { status: result.status, data: null };
    const d = result as { data: { errors: Record<string, string[]> }; init?: { status?: number } };
    return { status: d.init?.status ?? 200, data: d.data };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: null };
    throw thrown;
  }
}

const row = (organizationId: number) =>
  db
    .selectFrom("organization_branding")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();

describe("report branding", () => {
  it("stores a name, a normalized colour and a PNG logo, and records the change", async () => {
    const { ws, cookie } = await admin();
    const png = makePng(120, 40, [15, 118, 110]);
    const saved = await post(
      cookie,
      { name: " Northwind Talent ", color: "0F766E" },
      { bytes: png, name: "logo.png" },
    );
    expect(saved.status).toBe(302);
    const stored = (await row(ws.organizationId))!;
    expect(stored).toMatchObject({
      display_name: "Northwind Talent",
      color: "#0f766e",
      logo_type: "image/png",
      logo_width: 120,
      logo_height: 40,
    });
    expect(Buffer.from(stored.logo!).equals(png)).toBe(true);
    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "entity", "detail"])
      .where("organization_id", "=", ws.organizationId)
      .where("entity", "=", "branding")
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail!).changed).toEqual(["name", "colour", "logo"]);

    // Saved again without a file: the logo stays; then removed.
    expect((await post(cookie, { name: "Northwind Talent", color: "#0f766e" })).status).toBe(302);
    expect((await row(ws.organizationId))!.logo_hash).toBe(stored.logo_hash);
    expect((await post(cookie, { name: "", color: "", removeLogo: "on" })).status).toBe(302);
    expect(await row(ws.organizationId)).toMatchObject({ display_name: null, color: null, logo: null });
  });

  it("refuses a light colour, a non-colour, an SVG, a GIF and an oversized file beside their fields, storing nothing", async () => {
    const { ws, cookie } = await admin();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const cases: [Record<string, string>, { bytes: Buffer; name: string } | undefined, string, RegExp][] = [
      [{ name: "A", color: "#ffcc00" }, undefined, "color", /contrast of 1\.5:1/],
      [{ name: "A", color: "teal" }, undefined, "color", /hex colour/],
      [{ name: "A", color: "" }, { bytes: svg, name: "logo.png" }, "logo", /PNG or JPEG/],
      [
        { name: "A", color: "" },
        { bytes: Buffer.from("GIF89a\x01\x00\x01\x00;"), name: "a.gif" },
        "logo",
        /PNG or JPEG/,
      ],
      [
        { name: "A", color: "" },
        { bytes: Buffer.concat([makePng(4, 4, [0, 0, 0]), Buffer.alloc(600 * 1024)]), name: "big.png" },
        "logo",
        /at most 512 KB/,
      ],
      [{ name: "A".repeat(81), color: "" }, undefined, "name", /80 characters/],
    ];
    for (const [fields, logo, field, message] of cases) {
      const result = await post(cookie, fields, logo);
      expect(result.status, field).toBe(400);
      expect(result.data!.errors[field].join(" ")).toMatch(message);
    }
    // A post without the form's fields is refused too, not read as "clear everything".
    expect((await post(cookie, {})).status).toBe(400);
    expect(await row(ws.organizationId)).toBeUndefined();
  });

  it("refuses to store bad bytes whoever calls it, and accepts a JPEG", async () => {
    const { ws } = await admin();
    const { saveBranding } = await import("../../app/data/branding.server");
    const viewer = {
      id: ws.user.id,
      organization_id: ws.organizationId,
      role: "admin" as const,
      client_id: null,
    };
    expect(await saveBranding(db, viewer, { name: null, color: "nope", logo: undefined })).toMatchObject({
      ok: false,
      field: "color",
    });
    expect(
      await saveBranding(db, viewer, { name: null, color: null, logo: Buffer.from("<svg/>") }),
    ).toMatchObject({ ok: false, field: "logo" });
    expect(await row(ws.organizationId)).toBeUndefined();
    expect(await saveBranding(db, viewer, { name: null, color: null, logo: jpegHead(300, 100) })).toEqual({
      ok: true,
    });
    expect(await row(ws.organizationId)).toMatchObject({ logo_type: "image/jpeg", logo_width: 300 });
  });

  it("serves the logo by version with its type, and puts the branding in the client report", async () => {
    const { ws, cookie } = await admin();
    const png = makePng(60, 20, [30, 64, 175]);
    await post(cookie, { name: "Blue Ridge Search", color: "#1e40af" }, { bytes: png, name: "logo.png" });
    const { getBranding } = await import("../../app/data/branding.server");
    const branding = await getBranding(db, ws.organizationId);
    expect(branding).toMatchObject({ name: "Blue Ridge Search", customName: true, color: "#1e40af" });

    const { loader } = await import("../../app/routes/branding.logo");
    const current = (await loader(routeArgs(`/branding/logo?v=${branding.logo!.hash}`, cookie))) as Response;
    expect(current.headers.get("Content-Type")).toBe("image/png");
    expect(current.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(current.headers.get("Cache-Control")).toContain("immutable");
    expect(Buffer.from(await current.arrayBuffer()).equals(png)).toBe(true);
    const stale = (await loader(routeArgs("/branding/logo?v=old", cookie))) as Response;
    expect(stale.headers.get("Cache-Control")).toBe("private, no-cache");
    const again = (await loader(
      routeArgs("/branding/logo", cookie, {}, { headers: { "If-None-Match": `"${branding.logo!.hash}"` } }),
    )) as Response;
    expect(again.status).toBe(304);

    const { getReportClient, loadClientReport } = await import("../../app/data/reports.server");
    const viewer = {
      id: ws.user.id,
      organization_id: ws.organizationId,
      role: "admin" as const,
      client_id: null,
    };
    const client = (await getReportClient(db, viewer, ws.clientId))!;
    const report = await loadClientReport(db, viewer, client, { from: null, to: null });
    expect(report.branding).toEqual(branding);

    // Another organization without branding: its own name, no colour, no logo (404).
    const other = await admin();
    expect(await getBranding(db, other.ws.organizationId)).toMatchObject({
      customName: false,
      color: null,
      logo: null,
    });
    await expect(loader(routeArgs("/branding/logo", other.cookie))).rejects.toMatchObject({ status: 404 });
  });
});
