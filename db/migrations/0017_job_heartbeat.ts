// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// A running job says who runs it and that it is still alive, so that a job left "running" by a
// server that died is found within a minute (not after 30) and resumed where it stopped:
// - owner: the server process running it ("host:pid:nonce");
// - heartbeat_at: moved on every few seconds and with every batch the job commits;
// - resume_after: the last position whose scores the job has committed (positions go in id order),
//   written in the same transaction as that batch's scores;
// - basis: what those scores were computed with (scorer version and settings), so that a resume under
//   another basis starts over instead of mixing two;
// - resumed: how many times another server (or this one after a restart) took the job over, and when last.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, type] of [
    ["owner", "text"],
    ["heartbeat_at", "text"],
    ["resume_after", "integer"],
    ["basis", "text"],
    ["resumed_at", "text"],
  ] as const) {
    await db.schema.alterTable("jobs").addColumn(name, type).execute();
  }
  await db.schema
    .alterTable("jobs")
    .addColumn("resumed", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ["owner", "heartbeat_at", "resume_after", "basis", "resumed_at", "resumed"]) {
    await db.schema.alterTable("jobs").dropColumn(name).execute();
  }
}
