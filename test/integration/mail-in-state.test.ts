// Mail-in set-up: the running receiver's state as settings show it, and interviews offering their
// address only when it can receive mail (a receiver listening, on a domain mail from outside can reach).
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { SMTPServer } from "smtp-server";
import type { Database } from "../../db/schema";
import { createApplication, createInterview, createWorkspace } from "../factories";
import { freshDatabase, routeArgs, sessionCookie } from "../helpers";

let db: Kysely<Database>;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

const closeServer = (server: SMTPServer) => new Promise<void>((resolve) => server.close(() => resolve()));

beforeAll(async () => {
  db = await freshDatabase();
});
afterEach(() => {
  delete process.env.MAIL_DOMAIN;
});
afterAll(() => {
  delete process.env.MAIL_DOMAIN;
});

describe("mail-in state", () => {
  it("reports the receiver listening on its port, and the settings loader shows it", async () => {
    const { mailInState, startSmtpReceiver } = await import("../../app/intake/smtp.server");
    const { loader } = await import("../../app/routes/_app.settings");
    const { user } = await createWorkspace(db, { role: "admin" });
    const cookie = await sessionCookie(user.id);
    const port = await freePort();
    const server = (await startSmtpReceiver(db, { port, host: "127.0.0.1" }))!;
    try {
      process.env.MAIL_DOMAIN = "127.0.0.1";
      expect(mailInState("http://localhost/settings")).toEqual({
        listening: true,
        host: "127.0.0.1",
        port,
        domain: "127.0.0.1",
        domainFromEnv: true,
        domainReceivable: false,
        canReceive: false,
      });

      process.env.MAIL_DOMAIN = "mail.example.com";
      const { mailIn } = await loader(routeArgs("/settings", cookie));
      expect(mailIn).toMatchObject({ listening: true, port, domain: "mail.example.com", canReceive: true });
    } finally {
      await closeServer(server);
    }
    // Stopped: no longer listening, whatever the domain.
    expect(mailInState("http://localhost/settings")).toMatchObject({ listening: false, canReceive: false });
  });

  it("offers an interview's address on the candidate page only when it can receive", async () => {
    const { startSmtpReceiver } = await import("../../app/intake/smtp.server");
    const { loader } = await import("../../app/routes/_app.candidates.$candidateId");
    const { positionId, user } = await createWorkspace(db, { role: "admin" });
    const cookie = await sessionCookie(user.id);
    const { id: applicationId } = await createApplication(db, { position_id: positionId });
    await createInterview(db, { application_id: applicationId, mail_token: "tokmailinstate1" });
    const { candidate_id } = await db
      .selectFrom("applications")
      .select("candidate_id")
      .where("id", "=", applicationId)
      .executeTakeFirstOrThrow();
    const interviewOf = async () => {
      const result = await loader(
        routeArgs(`/candidates/${candidate_id}`, cookie, { candidateId: String(candidate_id) }),
      );
      return result.applications[0].interviews[0];
    };

    // Not listening: no address; the admin gets the hint instead.
    process.env.MAIL_DOMAIN = "mail.example.com";
    expect(await interviewOf()).toMatchObject({ mailIn: null, mailInHint: true });

    const server = (await startSmtpReceiver(db, { port: await freePort(), host: "127.0.0.1" }))!;
    try {
      // Listening, but on a domain nothing outside can reach.
      process.env.MAIL_DOMAIN = "127.0.0.1";
      expect(await interviewOf()).toMatchObject({ mailIn: null, mailInHint: true });
      delete process.env.MAIL_DOMAIN; // the request's host, localhost
      expect(await interviewOf()).toMatchObject({ mailIn: null, mailInHint: true });

      process.env.MAIL_DOMAIN = "mail.example.com";
      expect(await interviewOf()).toMatchObject({
        mailIn: "followup+tokmailinstate1@mail.example.com",
        mailInHint: false,
      });
    } finally {
      await closeServer(server);
    }
  });
});
