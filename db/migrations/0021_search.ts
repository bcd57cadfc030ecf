// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// The header search finds candidates by any word of their name, their email from the start of any
// piece of it, and their phone's digits, as prefixes, at 200,000 candidates in a few milliseconds. A
// LIKE '%x%' over the candidates reads every row, so each candidate's words ("terms") are stored
// folded (lower case, no accents) in a table of their own, ordered by (organization, term): a prefix
// is a range of that index (term >= 'ais' and term < 'ais' || U+FFFF), which SQLite and PostgreSQL
// both read without a scan. On PostgreSQL the column compares bytewise (collate "C"), so that range is
// exactly the prefix whatever the database's locale. The rows are kept current by every write of a
// candidate (app/data/search.server.ts); here the existing candidates are backfilled, with a copy of
// app/core/search.ts's candidateSearchTerms as it stands today.
import { PostgresAdapter, sql, type Kysely } from "kysely";

function foldText(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}
const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const INNER = /[^\p{L}\p{N}]+/u;
const trimWord = (word: string) => word.replace(EDGES, "");

function terms(candidate: { name: string; email: string | null; phone: string | null }): string[] {
  const out = new Set<string>();
  for (const raw of foldText(candidate.name).split(/\s+/)) {
    const word = trimWord(raw);
    if (!word) continue;
    out.add(word);
    const pieces = word.split(INNER).filter(Boolean);
    if (pieces.length > 1) {
      for (const piece of pieces) out.add(piece);
      out.add(pieces.join(""));
    }
  }
  const email = trimWord(foldText(candidate.email ?? "").trim());
  if (email) {
    out.add(email);
    const at = email.lastIndexOf("@");
    const local = at >= 0 ? email.slice(0, at) : email;
    const pattern = /[^\p{L}\p{N}]+/gu;
    for (let m = pattern.exec(local); m; m = pattern.exec(local)) {
      const rest = email.slice(m.index + m[0].length);
      if (rest) out.add(rest);
    }
    if (at >= 0 && at < email.length - 1) out.add(email.slice(at + 1));
  }
  const digits = (candidate.phone ?? "").replace(/\D/g, "");
  if (digits) {
    out.add(digits);
    if (digits.length > 10) out.add(digits.slice(-10));
    if (digits.length >= 10) out.add(digits.slice(-7));
  }
  return [...new Set([...out].map((t) => t.slice(0, 100)).filter(Boolean))];
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  let table = db.schema
    .createTable("candidate_search_terms")
    .addColumn("organization_id", "integer", (c) => c.notNull())
    .addColumn("candidate_id", "integer", (c) => c.notNull().references("candidates.id").onDelete("cascade"))
    .addColumn("term", pg ? sql`text collate "C"` : "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("candidate_search_terms_pk", ["candidate_id", "term"]);
  // The rows are only ever reached through the two indexes: no separate rowid b-tree on SQLite.
  if (!pg) table = table.modifyEnd(sql`without rowid`);
  await table.execute();

  // Backfilled before the search index exists, which is then built once.
  let after = 0;
  for (;;) {
    const batch: {
      id: number;
      organization_id: number;
      name: string;
      email: string | null;
      phone: string | null;
    }[] = await db
      .selectFrom("candidates")
      .select(["id", "organization_id", "name", "email", "phone"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(2_000)
      .execute();
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
    const rows = batch.flatMap((c) =>
      terms(c).map((term) => ({ organization_id: c.organization_id, candidate_id: c.id, term })),
    );
    for (let i = 0; i < rows.length; i += 5_000)
      await db
        .insertInto("candidate_search_terms")
        .values(rows.slice(i, i + 5_000))
        .execute();
  }
  await db.schema
    .createIndex("candidate_search_terms_org_term")
    .on("candidate_search_terms")
    .columns(["organization_id", "term", "candidate_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("candidate_search_terms").execute();
}
