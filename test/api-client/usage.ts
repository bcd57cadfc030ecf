// A small typed client of the REST API, written against the types openapi-typescript generates from
// /api/v1/openapi.json (test/integration/api-openapi.test.ts generates ./schema.ts beside a copy of
// this file and type-checks both). When the document changes shape, this stops compiling.
import type { components, paths } from "./schema";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;

type CandidatePage = Json<paths["/candidates"]["get"]["responses"][200]>;
type FollowUpDetail = components["schemas"]["FollowUpDetail"];
type NewFollowUp = Json<paths["/follow-ups"]["post"]["requestBody"]>;
type ApplicationChange = Json<paths["/applications/{id}"]["patch"]["requestBody"]>;
type Problem = components["schemas"]["Problem"];

export async function allCandidateNames(base: string, token: string): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const query: NonNullable<paths["/candidates"]["get"]["parameters"]["query"]> = { limit: 200 };
    if (cursor) query.cursor = cursor;
    const url = `${base}/candidates?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`;
    const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    const page = (await res.json()) as CandidatePage;
    for (const c of page.data) names.push(c.name);
    cursor = page.next_cursor;
  } while (cursor);
  return names;
}

export async function logFollowUp(base: string, token: string, body: NewFollowUp): Promise<number | null> {
  const res = await fetch(`${base}/follow-ups`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${token}`,
      "Content-Type": "application/json",
      "Idempotency-Key": "k1",
    },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) {
    const problem = (await res.json()) as Problem;
    return problem.errors?.length ?? 0;
  }
  const followUp = (await res.json()) as FollowUpDetail;
  const parts = followUp.scoreParts ?? [];
  return parts.reduce((sum, p) => sum + p.points, 0);
}

export const example: NewFollowUp = {
  interviewId: 1,
  receivedAt: "2026-11-24 14:00",
  channel: "email",
  body: "Thank you for the conversation.",
};

export const move: ApplicationChange = { stage: "final", outcome: "hired", outcomeOn: "2026-11-30" };

// @ts-expect-error: no such channel
export const wrongChannel: NewFollowUp = { ...example, channel: "fax" };
