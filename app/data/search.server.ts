// The header search: candidates by the start of any word of their name, email or phone digits (the
// terms of candidate_search_terms, migration 0021), positions by the start of a word of their title.
// Scoped like the candidate list: the viewer's organization, and for hiring managers and client
// viewers only candidates with an application on a position they may see.
import { sql, type ExpressionBuilder } from "kysely";
import type { Database, Db } from "../../db/schema";
import { candidateSearchTerms, type SearchQuery } from "../core/search";
import { seesWholeOrganization, visiblePositionIds, type Viewer } from "./scope.server";

/** Keeps under SQLite's bound-parameter limit (and PostgreSQL's). */
const ROWS_PER_INSERT = 5_000;
const IDS_PER_DELETE = 500;

export type SearchableCandidate = {
  id: number;
  organization_id: number;
  name: string;
  email: string | null;
  phone: string | null;
};

/**
 * Replaces the search terms of these candidates with ones made from their current name, email and
 * phone. Every write of those columns calls this in the same transaction.
 */
export async function indexCandidates(db: Db, candidates: readonly SearchableCandidate[]): Promise<void> {
  if (candidates.length === 0) return;
  const ids = candidates.map((c) => c.id);
  for (let i = 0; i < ids.length; i += IDS_PER_DELETE)
    await db
      .deleteFrom("candidate_search_terms")
      .where("candidate_id", "in", ids.slice(i, i + IDS_PER_DELETE))
      .execute();
  const rows = candidates.flatMap((c) =>
    candidateSearchTerms(c).map((term) => ({ organization_id: c.organization_id, candidate_id: c.id, term })),
  );
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    await db
      .insertInto("candidate_search_terms")
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .execute();
}

/** Terms starting with `word`: a range of the (organization_id, term) index on both databases. */
function startsWith<T extends "t" | "w">(
  eb: ExpressionBuilder<{ [K in T]: Database["candidate_search_terms"] }, T>,
  alias: T,
  word: string,
) {
  const term = sql.ref(`${alias}.term`);
  return eb.and([eb(term, ">=", word), eb(term, "<", `${word}\uffff`)]);
}

/**
 * The ids of the organization's candidates with a term starting with each of the words (at least one):
 * the header search's and the candidates list's matching. The longest word drives the index range (it
 * matches fewest terms); the others must each match another term of the same candidate.
 */
export function candidatesMatching(db: Db, organizationId: number, words: readonly string[]) {
  const [first, ...others] = [...words].sort((a, b) => b.length - a.length);
  let matches = db
    .selectFrom("candidate_search_terms as t")
    .select("t.candidate_id")
    .distinct()
    .where("t.organization_id", "=", organizationId)
    .where((eb) => startsWith(eb, "t", first));
  for (const word of others)
    matches = matches.where((eb) =>
      eb.exists(
        eb
          .selectFrom("candidate_search_terms as w")
          .select(sql`1`.as("one"))
          .whereRef("w.candidate_id", "=", "t.candidate_id")
          .where((inner) => startsWith(inner, "w", word)),
      ),
    );
  return matches;
}

export type SearchResults = {
  candidates: {
    id: number;
    name: string;
    email: string | null;
    phone: string | null;
    positions: { id: number; title: string; client: string }[];
  }[];
  /** True when more candidates matched than are listed. */
  moreCandidates: boolean;
  positions: { id: number; title: string; client: string; status: "open" | "closed" }[];
  morePositions: boolean;
};

/** Candidates and positions the viewer may see that match every word of the query. */
export async function search(
  db: Db,
  viewer: Viewer,
  query: Extract<SearchQuery, { kind: "words" }>,
  { candidateLimit = 20, positionLimit = 10 } = {},
): Promise<SearchResults> {
  const org = viewer.organization_id;
  const whole = seesWholeOrganization(viewer);
  let matches = candidatesMatching(db, org, query.words);
  if (!whole)
    matches = matches.where((eb) =>
      eb.exists(
        eb
          .selectFrom("applications as a")
          .select(sql`1`.as("one"))
          .whereRef("a.candidate_id", "=", "t.candidate_id")
          .where("a.position_id", "in", visiblePositionIds(db, viewer)),
      ),
    );
  const ids = (await matches.limit(candidateLimit + 1).execute()).map((r) => r.candidate_id);
  const moreCandidates = ids.length > candidateLimit;
  const shown = ids.slice(0, candidateLimit);

  const people =
    shown.length === 0
      ? []
      : await db
          .selectFrom("candidates")
          .select(["id", "name", "email", "phone"])
          .where("organization_id", "=", org)
          .where("id", "in", shown)
          .execute();
  // By the candidates' ids alone (they are this organization's, checked above), so that the
  // (candidate_id, position_id) index is used rather than one of the organization's.
  let applied =
    people.length === 0
      ? null
      : db
          .selectFrom("applications as a")
          .innerJoin("positions as p", "p.id", "a.position_id")
          .innerJoin("clients as c", "c.id", "p.client_id")
          .select(["a.candidate_id", "p.id", "p.title", "c.name as client"])
          .where(
            "a.candidate_id",
            "in",
            people.map((p) => p.id),
          );
  if (applied && !whole) applied = applied.where("a.position_id", "in", visiblePositionIds(db, viewer));
  const applications = applied ? await applied.orderBy("p.title").orderBy("p.id").execute() : [];
  const byCandidate = new Map<number, { id: number; title: string; client: string }[]>();
  for (const a of applications) {
    const list = byCandidate.get(a.candidate_id) ?? [];
    list.push({ id: a.id, title: a.title, client: a.client });
    byCandidate.set(a.candidate_id, list);
  }
  const candidates = people
    .map((p) => ({ ...p, positions: byCandidate.get(p.id) ?? [] }))
    .sort((a, b) => a.name.localeCompare(b.name, "en") || a.id - b.id);

  // Positions are few (hundreds per organization): each title word is matched at a word start.
  let positionQuery = db
    .selectFrom("positions as p")
    .innerJoin("clients as c", "c.id", "p.client_id")
    .select(["p.id", "p.title", "p.status", "c.name as client"])
    .where("p.organization_id", "=", org);
  if (!whole) positionQuery = positionQuery.where("p.id", "in", visiblePositionIds(db, viewer));
  for (const word of query.titleWords) {
    const escaped = word.replace(/[\\%_]/g, (c) => `\\${c}`);
    positionQuery = positionQuery.where((eb) =>
      eb.or([
        sql<boolean>`lower(p.title) like ${`${escaped}%`} escape '\\'`,
        sql<boolean>`lower(p.title) like ${`% ${escaped}%`} escape '\\'`,
      ]),
    );
  }
  const positions = await positionQuery
    // Open positions first ('open' sorts after 'closed').
    .orderBy("p.status", "desc")
    .orderBy("p.title")
    .orderBy("p.id")
    .limit(positionLimit + 1)
    .execute();

  return {
    candidates,
    moreCandidates,
    positions: positions.slice(0, positionLimit),
    morePositions: positions.length > positionLimit,
  };
}
