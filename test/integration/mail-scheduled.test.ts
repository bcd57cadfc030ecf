// The mail the app writes by itself, delivered to a real SMTP server on loopback: a client's
// scheduled report once per period even with two servers, a note when a follow-up arrives, the daily
// digest, and one-click unsubscribe.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import {
  createApplication,
  createClientContact,
  createFollowUp,
  createInterview,
  createOrganizationBranding,
  createReportSchedule,
  createUser,
  createWorkspace,
} from "../factories";
import { freshDatabase } from "../helpers";
import { pngLogoColumns } from "../images";
import { startMailSink, type MailSink } from "../mail-sink";

let db: Kysely<Database>;
let sink: MailSink;
let outbox: typeof import("../../app/data/outbox.server");
let scheduled: typeof import("../../app/data/scheduled-mail.server");
let tokens: typeof import("../../app/auth/tokens.server");

beforeAll(async () => {
  db = await freshDatabase();
  sink = await startMailSink();
  outbox = await import("../../app/data/outbox.server");
  scheduled = await import("../../app/data/scheduled-mail.server");
  tokens = await import("../../app/auth/tokens.server");
});
afterAll(async () => {
  await sink.close();
});

const transport = () => outbox.transportFor(sink.url);
const to = (address: string) => sink.messages.filter((m) => m.to.includes(address));

/** Two app servers: each runs its scheduler and its sender on the one database. */
async function twoServers(now: Date) {
  // The PDF as a Chromium would print it (a test has no app server for it to open).
  const renderPdf = async () => Buffer.from("%PDF-1.4 a test report");
  await Promise.all([
    scheduled.queueDueReports(db, now, { renderPdf }),
    scheduled.queueDueReports(db, now, { renderPdf }),
  ]);
  await Promise.all([
    outbox.sendDueMail(db, transport(), { owner: "server-a", now }),
    outbox.sendDueMail(db, transport(), { owner: "server-b", now }),
  ]);
}

describe("scheduled client reports", () => {
  it("go to each contact once per period, with two servers, and again the next period", async () => {
    const org = await createWorkspace(db);
    await createReportSchedule(db, { client_id: org.clientId, frequency: "weekly" });
    const ann = await createClientContact(db, {
      client_id: org.clientId,
      name: "Ann",
      email: "ann@client.test",
    });
    await createClientContact(db, { client_id: org.clientId, name: "Bo", email: "bo@client.test" });
    const { id: applicationId } = await createApplication(db, { position_id: org.positionId });
    await createInterview(db, { application_id: applicationId, ends_at: "2026-11-24T15:00:00.000Z" });

    // Monday 7 December 2026, 09:00 UTC, twice over (a second pass in the same period).
    const monday = new Date("2026-12-07T09:00:00.000Z");
    await twoServers(monday);
    await twoServers(new Date(monday.getTime() + 3_600_000));
    expect(to("ann@client.test")).toHaveLength(1);
    expect(to("bo@client.test")).toHaveLength(1);
    const mail = to("ann@client.test")[0]!;
    expect(mail.subject).toMatch(/follow-up report for the week of 2026-11-30 to 2026-12-06/);
    expect(mail.text).toMatch(/Hello Ann/);
    expect(mail.text).toMatch(/Interviews: /);
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail.text).toMatch(/attached as a PDF/);
    expect(mail.attachments).toEqual([
      expect.objectContaining({
        mimeType: "application/pdf",
        filename: expect.stringMatching(/2026-11-30 to 2026-12-06\.pdf$/),
      }),
    ]);

    // The link opens that week's report.
    const token = mail.text.match(/\/share\/([A-Za-z0-9_-]{43})/)![1]!;
    const { resolveShareToken } = await import("../../app/data/share-links.server");
    expect(await resolveShareToken(db, token, monday)).toMatchObject({
      status: "ok",
      clientId: org.clientId,
      from: "2026-11-30",
      to: "2026-12-06",
    });

    // Ann unsubscribes with the link's one click; the next week only Bo gets it.
    const unsubscribe = mail.headers["list-unsubscribe"]!.match(/\/unsubscribe\/([^>]+)>/)![1]!;
    expect(await scheduled.unsubscribe(db, tokens.verifyLinkPayload(unsubscribe)!)).toBe(true);
    expect(ann.id).toBeGreaterThan(0);
    await twoServers(new Date("2026-12-14T09:00:00.000Z"));
    expect(to("ann@client.test")).toHaveLength(1);
    expect(to("bo@client.test")).toHaveLength(2);
  });

  it("carry the agency's name, colour and logo, the logo inline by its Content-ID", async () => {
    const org = await createWorkspace(db);
    const brand = pngLogoColumns(96, 32, [15, 94, 87]);
    await createOrganizationBranding(db, {
      organization_id: org.organizationId,
      display_name: "Harbour Lane Talent",
      color: "#0f5e57",
      ...brand,
    });
    await createReportSchedule(db, { client_id: org.clientId, frequency: "monthly" });
    await createClientContact(db, { client_id: org.clientId, name: "Dee", email: "dee@brand.test" });
    await twoServers(new Date("2026-12-01T09:00:00.000Z"));
    const mails = to("dee@brand.test");
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    // The plain-text part keeps the name; the HTML part has the band in the colour and the logo by cid.
    expect(mail.text).toMatch(/— Harbour Lane Talent, with Followthrough/);
    expect(mail.html).toContain("Harbour Lane Talent");
    expect(mail.html).toContain("background:#0f5e57");
    const cid = mail.html.match(/<img src="cid:([^"]+)" alt="Harbour Lane Talent logo"/)?.[1];
    expect(cid).toBeTruthy();
    const inline = mail.attachments.find((a) => a.contentId === cid);
    expect(inline).toMatchObject({ mimeType: "image/png", disposition: "inline" });
    expect(inline!.content.equals(brand.logo)).toBe(true);
    // The PDF, attached after the logo, is a file of its own.
    expect(mail.attachments.filter((a) => a.mimeType === "application/pdf")).toHaveLength(1);
    expect(mail.html).toContain("attached as a PDF");
  });

  it("wait for the morning, and send nothing to a client without contacts", async () => {
    const org = await createWorkspace(db);
    await createReportSchedule(db, { client_id: org.clientId, frequency: "monthly" });
    const queued = () =>
      db.selectFrom("outbox").select("subject").where("organization_id", "=", org.organizationId).execute();
    // No contact yet: no report, and the period is not claimed.
    await scheduled.queueDueReports(db, new Date("2027-01-01T09:00:00.000Z"), { renderPdf: null });
    expect(await queued()).toHaveLength(0);
    await createClientContact(db, { client_id: org.clientId, email: "cy@client.test" });
    // 05:00 UTC (the organization's zone): not yet.
    await scheduled.queueDueReports(db, new Date("2027-01-01T05:00:00.000Z"), { renderPdf: null });
    expect(await queued()).toHaveLength(0);
    // Without a Chromium the report goes without its PDF.
    await scheduled.queueDueReports(db, new Date("2027-01-01T09:00:00.000Z"), { renderPdf: null });
    const after = await queued();
    expect(after).toHaveLength(1);
    expect(after.at(-1)!.subject).toMatch(/December 2026/);
  });
});

describe("notes on follow-ups and the digest", () => {
  it("tell the hiring manager and recruiter once when a follow-up arrives, unless they opted out", async () => {
    const org = await createWorkspace(db);
    const manager = await createUser(db, { organization_id: org.organizationId, role: "hiring_manager" });
    await db
      .updateTable("positions")
      .set({ hiring_manager_id: manager.id })
      .where("id", "=", org.positionId)
      .execute();
    const { id: applicationId } = await createApplication(db, {
      position_id: org.positionId,
      recruiter_id: org.user.id,
      candidate: { name: "Grace Hopper" },
    });
    const now = new Date();
    const interview = await createInterview(db, {
      application_id: applicationId,
      ends_at: new Date(now.getTime() - 5 * 3_600_000).toISOString(),
    });
    await createFollowUp(db, {
      interview_id: interview.id,
      received_at: new Date(now.getTime() - 3_600_000).toISOString(),
      window: "best",
      score: 81,
      latency_minutes: 240,
    });
    await Promise.all([scheduled.queueFollowUpNotes(db, now), scheduled.queueFollowUpNotes(db, now)]);
    await outbox.sendDueMail(db, transport(), { now });
    for (const user of [manager, org.user]) {
      const mails = to(user.email);
      expect(mails, user.email).toHaveLength(1);
      expect(mails[0]!.subject).toBe(`Grace Hopper followed up (${(await position(org.positionId)).title})`);
      expect(mails[0]!.text).toMatch(/81\/100/);
      expect(mails[0]!.text).toMatch(/4 h/);
    }

    // The manager turns these off with the link in the mail; the next follow-up reaches the recruiter only.
    const link = to(manager.email)[0]!.headers["list-unsubscribe"]!.match(/\/unsubscribe\/([^>]+)>/)![1]!;
    expect(await scheduled.unsubscribe(db, tokens.verifyLinkPayload(link)!)).toBe(true);
    await createFollowUp(db, { interview_id: interview.id, received_at: now.toISOString() });
    await scheduled.queueFollowUpNotes(db, now);
    await outbox.sendDueMail(db, transport(), { now });
    expect(to(manager.email)).toHaveLength(1);
    expect(to(org.user.email)).toHaveLength(2);
  });

  it("send each user one digest a day of the windows closing within the day", async () => {
    const org = await createWorkspace(db);
    const { id: applicationId } = await createApplication(db, {
      position_id: org.positionId,
      recruiter_id: org.user.id,
      candidate: { name: "Katherine Johnson" },
    });
    // Saturday 5 December 2026, 12:00 UTC: a window closes at 17:00.
    const now = new Date("2026-12-05T12:00:00.000Z");
    await createInterview(db, {
      application_id: applicationId,
      ends_at: "2026-12-02T17:00:00.000Z",
      closes_at: "2026-12-05T17:00:00.000Z",
    });
    await db.updateTable("users").set({ time_zone: "UTC" }).where("id", "=", org.user.id).execute();
    // Before 07:00 in the user's zone, nothing yet.
    expect(await scheduled.queueDigests(db, new Date("2026-12-05T06:00:00.000Z"))).toBe(0);
    await Promise.all([scheduled.queueDigests(db, now), scheduled.queueDigests(db, now)]);
    await scheduled.queueDigests(db, new Date("2026-12-05T14:00:00.000Z"));
    await outbox.sendDueMail(db, transport(), { now: new Date("2026-12-05T14:00:00.000Z") });
    const digests = to(org.user.email);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe("1 follow-up window closing in the next day");
    expect(digests[0]!.text).toMatch(/Katherine Johnson \(.*\): closes in 5 h/);
  });

  it("refuse unsubscribe links not signed here", () => {
    expect(tokens.verifyLinkPayload("Zm9sbG93X3VwczoxMjM.forged-signature-xxxxx")).toBeNull();
    const good = tokens.signLinkPayload("digest:5");
    expect(tokens.verifyLinkPayload(good)).toBe("digest:5");
  });
});

async function position(id: number) {
  return db.selectFrom("positions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
