// `npm run bench` (its mailbox group), or alone: `tsx scripts/bench-mailbox.ts [--messages 10000] [--samples 5] [--json]`
// The IMAP watcher against a real dovecot on loopback (test/dovecot.ts) and a fresh SQLite database:
// - the first sync of a mailbox of --messages messages (2% from candidates after their interviews, the
//   rest from anyone else), its time and the watcher process's memory at each fifth of the UIDs;
// - a message appended to the watched mailbox until it is a scored follow-up (IDLE), --samples times;
// - duplicates after a restart that reads the whole mailbox again (as after a crash before the UID
//   was saved) and after the IMAP server is killed and started again.
// Targets (issue 20): a scored follow-up within 10 s; the first sync of 10,000 in under 60 s with flat
// memory; 0 duplicates. With --json, the last line is the figures as JSON (for scripts/bench.ts).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../db/connection.server";
import { migrateToLatest } from "../db/migrate.server";
import { dovecotAvailable, mailMessage, startDovecot } from "../test/dovecot";
import { createApplication, createInterview, createMailbox, createWorkspace } from "../test/factories";
import { commandLine, whole } from "./cli";

const USAGE = "usage: tsx scripts/bench-mailbox.ts [--messages 10000] [--samples 5] [--json]";
const { values: args } = commandLine("bench-mailbox", USAGE, {
  messages: { type: "string", default: "10000" },
  samples: { type: "string", default: "5" },
  json: { type: "boolean", default: false },
});
const total = whole("messages", args.messages);
const samples = whole("samples", args.samples);

if (!dovecotAvailable) {
  console.error("bench-mailbox: dovecot is not installed (apt-get install dovecot-imapd)");
  process.exit(1);
}
process.env.MAILBOX_KEY ??= crypto.randomBytes(32).toString("hex");
const { startMailboxWatcher } = await import("../app/intake/mailbox-watcher.server");

const HOUR = 3_600_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-mailbox-"));
const db = openDatabase(path.join(dir, "bench.db"));
await migrateToLatest(db);
const server = await startDovecot();
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

try {
  // Candidates with an interview that ended a day ago; each writes a follow-up or two.
  const ws = await createWorkspace(db);
  const candidateCount = Math.max(samples + 10, Math.round(total * 0.01));
  const emails: string[] = [];
  for (let i = 0; i < candidateCount; i++) {
    const email = `candidate-${i}@candidates.bench`;
    const application = await createApplication(db, {
      position_id: ws.positionId,
      candidate: { email, name: `Candidate ${i}` },
    });
    await createInterview(db, {
      application_id: application.id,
      ends_at: new Date(Date.now() - 24 * HOUR).toISOString(),
      notes: "The quarterly pipeline review and the Denver territory.",
    });
    emails.push(email);
  }
  const body = (n: number) =>
    `Hi Priya,\n\nThank you for the conversation (${n}). You mentioned the quarterly pipeline review: at TechCorp I ran ours for the Denver territory, and I would bring that here.\nI'm very interested in the role and happy to send references.\n\nDana\n\n${"Lorem ipsum dolor sit amet. ".repeat(30)}`;
  const fromCandidates = Math.round(total * 0.02);
  // The samples' candidates write only later: their follow-up is the first, and scored as it arrives.
  const writers = emails.slice(samples);
  function* messages() {
    for (let n = 0; n < total; n++) {
      const candidate = n % Math.round(total / fromCandidates) === 0;
      yield mailMessage({
        from: candidate ? writers[n % writers.length] : `sender-${n % 997}@elsewhere.bench`,
        date: new Date(Date.now() - 20 * HOUR + n * 1_000),
        subject: candidate ? "Thank you" : `Newsletter ${n}`,
        messageId: `<bench-${n}@bench>`,
        body: body(n),
      });
    }
  }
  const delivered = await server.deliver(messages());

  const mailbox = await createMailbox(db, {
    organization_id: ws.organizationId,
    host: server.host,
    port: server.port,
    tls: 0,
    username: server.user,
    secret: server.password,
  });
  const quiet = { log: () => undefined, scanEveryMs: 200, firstBackoffMs: 100, maxBackoffMs: 1_000 };

  // The first sync: from the watcher's start to the end of its first pass; memory at each fifth.
  const memory: number[] = [];
  let peak = process.memoryUsage().rss;
  let nextFifth = 1;
  let firstSynced: () => void = () => undefined;
  const synced = new Promise<void>((resolve) => (firstSynced = resolve));
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
    void db
      .selectFrom("mailboxes")
      .select("last_uid")
      .where("id", "=", mailbox.id)
      .executeTakeFirst()
      .then((row) => {
        while (row && nextFifth <= 5 && Number(row.last_uid) >= (total * nextFifth) / 5) {
          memory.push(mb(process.memoryUsage().rss));
          nextFifth += 1;
        }
      });
  }, 100);
  const started = performance.now();
  let watcher = startMailboxWatcher(db, {
    ...quiet,
    onState: (_id, state) => state === "synced" && firstSynced(),
  });
  await synced;
  const syncSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  while (memory.length < 5) memory.push(mb(process.memoryUsage().rss));
  const count = async (table: "follow_ups" | "inbound_messages") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("organization_id", "=", ws.organizationId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const firstFollowUps = await count("follow_ups");

  // Appended → scored follow-up, through IDLE.
  await watcher.stop();
  const arrivals = new Map<string, () => void>();
  watcher = startMailboxWatcher(db, {
    ...quiet,
    onMessage: (_id, _uid, outcome) => {
      if (outcome.status !== "matched") return;
      for (const [, done] of arrivals) done();
    },
  });
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const email = emails[i];
    const arrived = new Promise<void>((resolve) => arrivals.set(email, resolve));
    const t = performance.now();
    await server.append(
      mailMessage({
        from: email,
        date: new Date(),
        subject: "Thank you",
        messageId: `<sample-${i}@bench>`,
        body: body(100_000 + i),
      }),
    );
    await arrived;
    arrivals.delete(email);
    const scored = await db
      .selectFrom("follow_ups as f")
      .innerJoin("interviews as i", "i.id", "f.interview_id")
      .innerJoin("applications as a", "a.id", "i.application_id")
      .innerJoin("candidates as c", "c.id", "a.candidate_id")
      .select("f.score")
      .where("c.email", "=", email)
      .executeTakeFirst();
    if (scored?.score == null) throw new Error(`the follow-up from ${email} is not scored`);
    latencies.push((performance.now() - t) / 1000);
  }
  latencies.sort((a, b) => a - b);

  // Duplicates: a restart that reads everything again, and a killed IMAP server.
  const before = { followUps: await count("follow_ups"), kept: await count("inbound_messages") };
  await watcher.stop();
  await db.updateTable("mailboxes").set({ last_uid: 0 }).where("id", "=", mailbox.id).execute();
  let reread: () => void = () => undefined;
  const rereadDone = new Promise<void>((resolve) => (reread = resolve));
  watcher = startMailboxWatcher(db, { ...quiet, onState: (_id, state) => state === "synced" && reread() });
  await rereadDone;
  await server.kill();
  await server.start();
  const last = new Promise<void>((resolve) => arrivals.set("after-kill", resolve));
  await watcher.stop();
  watcher = startMailboxWatcher(db, {
    ...quiet,
    onMessage: (_id, _uid, outcome) => outcome.status === "matched" && arrivals.get("after-kill")?.(),
  });
  await server.append(
    mailMessage({
      from: emails[samples],
      date: new Date(),
      messageId: "<after-kill@bench>",
      body: body(200_000),
    }),
  );
  await last;
  await watcher.stop();
  const after = { followUps: await count("follow_ups"), kept: await count("inbound_messages") };
  const duplicates = after.followUps - before.followUps - 1 + (after.kept - before.kept - 1);

  const median = latencies[Math.floor(latencies.length / 2)];
  const figures = {
    messages: delivered,
    fromCandidates,
    followUpsFromFirstSync: firstFollowUps,
    firstSyncSeconds: Number(syncSeconds.toFixed(1)),
    messagesPerSecond: Math.round(delivered / syncSeconds),
    memoryByFifthsMb: memory,
    peakMb: mb(peak),
    scoredFollowUpSeconds: {
      median: Number(median.toFixed(2)),
      max: Number(latencies.at(-1)!.toFixed(2)),
      samples,
    },
    duplicates,
  };
  console.log(
    `first sync of ${delivered.toLocaleString("en")} messages (${fromCandidates} from candidates; ${firstFollowUps} follow-ups logged): ` +
      `${syncSeconds.toFixed(1)} s, ${figures.messagesPerSecond}/s; memory by fifths of the UIDs ${memory.join(", ")} MB, peak ${mb(peak)} MB (target < 60 s, flat)`,
  );
  console.log(
    `message appended → scored follow-up: median ${median.toFixed(2)} s, max ${latencies.at(-1)!.toFixed(2)} s over ${samples} (target < 10 s)`,
  );
  console.log(
    `duplicates after a restart that reads the mailbox again and a killed IMAP server: ${duplicates} (target 0)`,
  );
  if (args.json) console.log(JSON.stringify(figures));
} finally {
  await server.close();
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
