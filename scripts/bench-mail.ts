// `npm run bench` (its mail group), or alone: `tsx scripts/bench-mail.ts [--messages 2000] [--senders 3] [--json]`
// Outgoing mail sent exactly once (issue 20): --messages messages queued in the outbox of a fresh SQLite
// database, then --senders sender processes at once (each the app's own sendDueMail in a loop, as the
// background work of one app server runs it) deliver them to a real SMTP server on loopback
// (test/mail-sink.ts). One sender is killed (SIGKILL) when a third of the messages have arrived and
// started again. What it held ("sending") waits out the sending lease (SENDING_LEASE_MS, 15 minutes)
// before any sender queues it again; the bench moves those rows' claim time back by the lease instead
// of waiting, which changes nothing else (the live senders' rows keep theirs).
// Printed: messages received once, received twice (the same outbox row, hence the same Message-ID),
// missing, and messages per second from the first message received to the last.
// With --json, the last line is the figures as JSON (for scripts/bench.ts).
//
// The sender processes are this script with --sender.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../db/connection.server";
import { commandLine, whole } from "./cli";

const USAGE = "usage: tsx scripts/bench-mail.ts [--messages 2000] [--senders 3] [--json]";
const { values: args } = commandLine("bench-mail", USAGE, {
  messages: { type: "string", default: "2000" },
  senders: { type: "string", default: "3" },
  json: { type: "boolean", default: false },
  // A sender process: --sender --db FILE --smtp URL --owner NAME
  sender: { type: "boolean", default: false },
  db: { type: "string" },
  smtp: { type: "string" },
  owner: { type: "string" },
});

if (args.sender) {
  await runSender(args.db!, args.smtp!, args.owner!);
  process.exit(0);
}

/** One app server's sender: sendDueMail until nothing is queued or being sent by anyone. */
async function runSender(file: string, smtp: string, owner: string) {
  const db = openDatabase(file);
  const { sendDueMail, transportFor } = await import("../app/data/outbox.server");
  const transport = transportFor(smtp);
  let sent = 0;
  // Quiet: the app logs each message sent.
  console.log = () => undefined;
  for (;;) {
    const result = await sendDueMail(db, transport, { owner });
    sent += result.sent;
    if (result.sent + result.retried + result.failed > 0) continue;
    const left = await db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "in", ["queued", "sending"])
      .executeTakeFirstOrThrow();
    if (Number(left.n) === 0) break;
    // Others hold the rest: look again shortly.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  transport.close();
  await db.destroy();
  process.stdout.write(`${JSON.stringify({ owner, sent })}\n`);
}

const total = whole("messages", args.messages);
const senders = whole("senders", args.senders, { min: 2 });
const { migrateToLatest } = await import("../db/migrate.server");
const { SENDING_LEASE_MS } = await import("../app/core/mail-schedule");
const { queueMail } = await import("../app/data/outbox.server");
const { inTransaction } = await import("../app/data/transaction.server");
const { createOrganization } = await import("../test/factories");
const { startMailSink } = await import("../test/mail-sink");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-mail-"));
const file = path.join(dir, "bench.db");
const db = openDatabase(file);
await migrateToLatest(db);
const sink = await startMailSink();
const children = new Set<ChildProcess>();

try {
  const organization = await createOrganization(db);
  await inTransaction(db, async (trx) => {
    for (let n = 0; n < total; n++)
      await queueMail(trx, {
        organizationId: organization.id,
        kind: "test",
        to: `person-${n}@example.test`,
        subject: `Bench message ${n}`,
        text: `Message ${n} of ${total}.\n\n${"A line of the message body. ".repeat(20)}`,
      });
  });

  const start = (owner: string) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/bench-mail.ts",
        "--sender",
        "--db",
        file,
        "--smtp",
        sink.url,
        "--owner",
        owner,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    children.add(child);
    let output = "";
    child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>(
      (resolve) =>
        child.on("exit", (code, signal) => {
          children.delete(child);
          resolve({ code, signal, output });
        }),
    );
    return { child, done };
  };

  const started = performance.now();
  const running = Array.from({ length: senders }, (_, i) => start(`sender-${i + 1}`));
  // Kill the first sender once a third of the messages have arrived (or it ends first), then restart it.
  const victim = running[0]!;
  let killed = false;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (sink.messages.length >= total / 3 || victim.child.exitCode !== null) {
        clearInterval(timer);
        killed = victim.child.exitCode === null && victim.child.kill("SIGKILL");
        resolve();
      }
    }, 5);
  });
  const killedSentBefore = sink.messages.length;
  await victim.done;
  // The lease of what it held runs out (see above); a live sender or the restarted one queues it again.
  const held = await db
    .selectFrom("outbox")
    .select(["id", "claimed_at"])
    .where("status", "=", "sending")
    .where("claimed_by", "like", "sender-1#%")
    .execute();
  for (const row of held)
    await db
      .updateTable("outbox")
      .set({ claimed_at: new Date(Date.parse(row.claimed_at!) - SENDING_LEASE_MS).toISOString() })
      .where("id", "=", row.id)
      .execute();
  const restarted = start("sender-1-restarted");
  const results = await Promise.all([...running.slice(1), restarted].map((r) => r.done));
  const failed = results.find((r) => r.code !== 0);
  if (failed) throw new Error(`a sender exited with ${failed.code ?? failed.signal}:\n${failed.output}`);
  // Everything is marked sent: the last message has been received (the sink answers after parsing).
  const seconds = (performance.now() - started) / 1000;
  // The rate while sending: from the first message received to the last (the senders' start is apart).
  const arrivals = sink.messages.map((m) => m.receivedAt);
  const sendingSeconds = (Math.max(...arrivals) - Math.min(...arrivals)) / 1000;

  const copies = new Map<number, number>();
  for (const m of sink.messages) {
    const id = Number(/<outbox-(\d+)-/.exec(m.messageId)?.[1]);
    copies.set(id, (copies.get(id) ?? 0) + 1);
  }
  const rows = await db.selectFrom("outbox").select(["id", "status"]).execute();
  const once = rows.filter((r) => copies.get(r.id) === 1).length;
  const duplicates = [...copies.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  const missing = rows.filter((r) => !copies.has(r.id)).length;
  const notSent = rows.filter((r) => r.status !== "sent").length;
  const figures = {
    messages: total,
    senders,
    killedAfter: killed ? killedSentBefore : null,
    heldByKilled: held.length,
    received: sink.messages.length,
    once,
    duplicates,
    missing,
    notMarkedSent: notSent,
    seconds: Number(seconds.toFixed(1)),
    sendingSeconds: Number(sendingSeconds.toFixed(1)),
    messagesPerSecond: Math.round(total / sendingSeconds),
  };
  console.log(
    `${total.toLocaleString("en")} messages, ${senders} senders at once to a real SMTP server on loopback; ` +
      `${killed ? `sender-1 killed (SIGKILL) after ${killedSentBefore.toLocaleString("en")} had arrived, holding ${held.length}, and restarted` : "sender-1 ended before it could be killed"}: ` +
      `received ${figures.received.toLocaleString("en")}: ${once.toLocaleString("en")} once, ${duplicates} twice or more, ${missing} missing; ` +
      `${notSent} rows not marked sent; ${figures.messagesPerSecond} messages/s (${figures.sendingSeconds} s from the first message received to the last; ${figures.seconds} s with the senders' start) (target: every message exactly once); load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`,
  );
  if (args.json) console.log(JSON.stringify(figures));
} finally {
  for (const child of children) child.kill("SIGKILL");
  await sink.close();
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
