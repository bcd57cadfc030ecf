// The scheduled client report mail with its real PDF: a real app server serves the period's share
// page, Debian's Chromium prints it (as queueDueReports does in production), the mail goes to a real
// SMTP sink, and pdftotext reads the attached PDF. One test: it starts a server and a browser.
// SQLite only (the PostgreSQL run covers the same queries in mail-scheduled.test.ts).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { buildIfStale, startAppServer, type AppServer } from "../../scripts/app-server";
import { reportPeriod } from "../../app/core/mail-schedule";
import { chromiumPath } from "../../app/data/report-pdf.server";
import {
  createApplication,
  createClientContact,
  createInterview,
  createOrganizationBranding,
  createReportSchedule,
  createWorkspace,
} from "../factories";
import { freshDatabase, onPostgres } from "../helpers";
import { startMailSink, type MailSink } from "../mail-sink";

const runs = !onPostgres && (Boolean(chromiumPath()) || Boolean(process.env.CI));
let db: Kysely<Database>;
let sink: MailSink;
let server: AppServer | null = null;

beforeAll(async () => {
  if (!runs) return;
  db = await freshDatabase();
  sink = await startMailSink();
  buildIfStale({ quiet: true });
  server = await startAppServer({
    env: { DATABASE_URL: process.env.DATABASE_URL!, SESSION_SECRET: "pdf-test-secret", DEMO: "0" },
  });
  // Links in mail, and so the page Chromium prints, point at that server.
  process.env.APP_URL = server.url;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await sink?.close();
});

describe("the scheduled report mail's PDF", () => {
  it.skipIf(!runs)(
    "is printed by Chromium from the share page and holds the client's name and figures",
    async () => {
      const org = await createWorkspace(db);
      await db
        .updateTable("organizations")
        .set({ time_zone: "UTC" })
        .where("id", "=", org.organizationId)
        .execute();
      await db
        .updateTable("clients")
        .set({ name: "Tidewater Logistics" })
        .where("id", "=", org.clientId)
        .execute();
      await createOrganizationBranding(db, {
        organization_id: org.organizationId,
        display_name: "Harbour Lane Talent",
      });
      await createReportSchedule(db, { client_id: org.clientId, frequency: "weekly" });
      await createClientContact(db, { client_id: org.clientId, name: "Eve", email: "eve@tidewater.test" });
      // Noon today (UTC): the share link is valid now, for last week's report.
      const now = new Date(`${new Date().toISOString().slice(0, 10)}T12:00:00.000Z`);
      const period = reportPeriod("weekly", now, "UTC")!;
      for (let i = 0; i < 12; i++) {
        const { id } = await createApplication(db, { position_id: org.positionId });
        await createInterview(db, {
          application_id: id,
          ends_at: `${period.from}T${String(8 + (i % 8)).padStart(2, "0")}:00:00.000Z`,
        });
      }

      const { queueDueReports } = await import("../../app/data/scheduled-mail.server");
      const outbox = await import("../../app/data/outbox.server");
      expect(await queueDueReports(db, now)).toBe(1);
      await outbox.sendDueMail(db, outbox.transportFor(sink.url), { now });

      const mail = sink.messages.find((m) => m.to.includes("eve@tidewater.test"));
      expect(mail, server!.output()).toBeDefined();
      expect(mail!.text).toMatch(/attached as a PDF/);
      const pdf = mail!.attachments.find((a) => a.mimeType === "application/pdf");
      expect(pdf?.filename).toBe(`Tidewater Logistics follow-up report ${period.from} to ${period.to}.pdf`);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-pdf-"));
      fs.writeFileSync(path.join(dir, "report.pdf"), pdf!.content);
      const text = execFileSync("pdftotext", ["-layout", path.join(dir, "report.pdf"), "-"], {
        encoding: "utf8",
      });
      fs.rmSync(dir, { recursive: true, force: true });
      // The client's name, the agency's band, and the report's figure for the period's 12 interviews.
      expect(text).toContain("Tidewater Logistics");
      expect(text).toContain("Harbour Lane Talent");
      expect(text).toMatch(/Follow-up rate[\s\S]*0 of 12 decided interviews/);
    },
    120_000,
  );
});
