// Mailboxes watched over IMAP, for admins who script (the same as /settings/mailboxes):
//   npm run mailbox -- connect --organization ID --host H --port P --user U --password-file F [--tls on|off] [--oauth2]
//   npm run mailbox -- list
//   npm run mailbox -- disconnect ID
// The password (or, with --oauth2, the access token) is read from a file ("-" for standard input), so
// that it never appears in the shell's history or the process list; the connection is tried before
// anything is saved, and the secret is stored encrypted (MAILBOX_KEY, or data/mailbox-key). The app
// server's watcher picks a new mailbox up within seconds. DATABASE_URL chooses the database.
import fs from "node:fs";
import { openDatabase } from "../db/connection.server";
import { migrateToLatest } from "../db/migrate.server";
import { MailboxSchema } from "../app/core/mailbox-settings";
import { connectMailbox, disconnectMailbox, listMailboxes } from "../app/data/mailboxes.server";
import { testMailboxConnection } from "../app/intake/mailbox.server";
import { commandLine, fail, whole } from "./cli";

const USAGE = `usage:
  npm run mailbox -- connect --organization ID --host H --port P --user U --password-file F [--tls on|off] [--oauth2]
  npm run mailbox -- list
  npm run mailbox -- disconnect ID`;

const { values: args, positionals } = commandLine(
  "mailbox",
  USAGE,
  {
    organization: { type: "string" },
    host: { type: "string" },
    port: { type: "string" },
    user: { type: "string" },
    "password-file": { type: "string" },
    tls: { type: "string" },
    oauth2: { type: "boolean" },
  },
  true,
);
const command = positionals[0];
if (command !== "connect" && command !== "list" && command !== "disconnect")
  fail(`say connect, list or disconnect, got "${command ?? ""}"`);

function readSecret(file: string | undefined): string {
  if (!file)
    fail("connect needs --password-file F (a file holding the password or token; - for standard input)");
  try {
    const text = fs.readFileSync(file === "-" ? 0 : file, "utf8");
    // The file's last line end is not part of the secret.
    return text.replace(/\r?\n$/, "");
  } catch (error) {
    fail(`could not read --password-file ${file}: ${(error as Error).message}`);
  }
}

const db = openDatabase();
let status = 0;
try {
  await migrateToLatest(db);
  if (command === "connect") {
    const organizationId = whole("organization", args.organization);
    const organization = await db
      .selectFrom("organizations")
      .select(["id", "name"])
      .where("id", "=", organizationId)
      .executeTakeFirst();
    if (!organization) fail(`there is no organization ${organizationId}`);
    const parsed = MailboxSchema.safeParse({
      host: args.host ?? "",
      port: args.port ?? "",
      tls: args.tls ?? "on",
      username: args.user ?? "",
      auth: args.oauth2 ? "xoauth2" : "password",
      secret: readSecret(args["password-file"]),
    });
    if (!parsed.success) {
      const flags: Record<string, string> = { username: "user", secret: "password-file", auth: "oauth2" };
      fail(
        parsed.error.issues
          .map((issue) => `--${flags[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`)
          .join("\n"),
      );
    }
    const tested = await testMailboxConnection(parsed.data);
    if (!tested.ok) {
      const flags: Record<string, string> = { username: "user", secret: "password-file" };
      console.error(`mailbox: not connected (--${flags[tested.field] ?? tested.field}): ${tested.message}`);
      status = 1;
    } else {
      const row = await connectMailbox(db, organizationId, null, parsed.data);
      console.log(
        `connected mailbox ${row.id}: ${row.username} on ${row.host}:${row.port} for ${organization.name} (organization ${organization.id}); the server's watcher picks it up within seconds`,
      );
    }
  } else if (command === "list") {
    const mailboxes = await listMailboxes(db, null);
    if (mailboxes.length === 0) console.log("no mailboxes connected");
    for (const m of mailboxes) {
      const state = m.connected ? `connected since ${m.connectedAt}` : "not connected";
      console.log(
        [
          `${m.id}\torganization ${m.organizationId}\t${m.username} on ${m.host}:${m.port} (${m.tls ? "TLS" : "no TLS"}, ${m.auth})`,
          state,
          `last message seen ${m.lastMessageAt ?? "none"}`,
          `${m.followUps} follow-ups, ${m.inInbox} in the Inbox`,
          m.lastError ? `last error ${m.lastErrorAt}: ${m.lastError}` : "no error",
        ].join("\t"),
      );
    }
  } else {
    if (positionals.length !== 2)
      fail("disconnect needs the mailbox's ID (npm run mailbox -- list shows them)");
    const id = whole("ID", positionals[1]);
    if (await disconnectMailbox(db, null, id, null))
      console.log(`disconnected mailbox ${id}; its secret is deleted`);
    else {
      console.error(`mailbox: there is no mailbox ${id}`);
      status = 1;
    }
  }
} finally {
  await db.destroy();
}
process.exit(status);
