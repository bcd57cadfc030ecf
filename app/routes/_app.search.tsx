import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { MIN_QUERY_LENGTH, parseSearchQuery } from "~/core/search";
import { search } from "~/data/search.server";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.q ? `“${data.q}” · Search · Followthrough` : "Search · Followthrough" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "candidates:read");
  const query = parseSearchQuery(new URL(request.url).searchParams.get("q"));
  const q = query.kind === "empty" ? "" : query.text;
  if (query.kind !== "words") return { q, state: query.kind, results: null };
  return { q, state: query.kind, results: await search(getDb(), user, query) };
}

export default function Search() {
  const { q, state, results } = useLoaderData<typeof loader>();
  const nothing = results && results.candidates.length === 0 && results.positions.length === 0;
  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold">Search</h1>
        <Form method="get" role="search" className="flex max-w-xl gap-2">
          <label htmlFor="search-page-q" className="sr-only">
            Search candidates and positions
          </label>
          <input
            id="search-page-q"
            type="search"
            name="q"
            defaultValue={q}
            className="input min-w-0 flex-1"
            placeholder="Name, email, phone or position title"
          />
          <button type="submit" className="btn">
            Search
          </button>
        </Form>
      </div>

      {state === "empty" ? (
        <p className="text-sm text-slate-600">
          Find candidates by name, email or phone number, and positions by title.
        </p>
      ) : state === "too-short" ? (
        <p className="text-sm text-slate-600" role="status">
          Type at least {MIN_QUERY_LENGTH} characters to search.
        </p>
      ) : nothing ? (
        <p className="text-sm text-slate-600" role="status">
          Nothing matches “{q}”. Try the start of a first or last name, part of an email, or a phone number’s
          digits.
        </p>
      ) : results ? (
        <>
          <section aria-labelledby="search-candidates" className="space-y-2">
            <h2 id="search-candidates" className="text-lg font-semibold">
              Candidates{" "}
              <span className="text-sm font-normal text-slate-600">
                ({countLabel(results.candidates.length, results.moreCandidates)})
              </span>
            </h2>
            {results.candidates.length === 0 ? (
              <p className="text-sm text-slate-600">No candidate matches “{q}”.</p>
            ) : (
              <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {results.candidates.map((c) => (
                  <li key={c.id} className="px-4 py-3">
                    <Link to={`/candidates/${c.id}`} className="font-medium">
                      {c.name}
                    </Link>
                    <div className="break-words text-sm text-slate-600">
                      {c.email ?? null}
                      {c.email && c.phone ? " · " : null}
                      {c.phone ? <span className="whitespace-nowrap">{c.phone}</span> : null}
                      {!c.email && !c.phone ? "No email or phone" : null}
                    </div>
                    {c.positions.length > 0 ? (
                      <div className="mt-1 text-sm text-slate-700">
                        {c.positions.map((p, i) => (
                          <span key={p.id}>
                            {i > 0 ? ", " : null}
                            <Link to={`/positions/${p.id}`}>{p.title}</Link>
                            <span className="text-slate-600"> ({p.client})</span>
                          </span>
                        ))}
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {results.moreCandidates ? (
              <p className="text-sm text-slate-600">
                Only the first {results.candidates.length} are listed: type more of the name, email or number
                to narrow them down.
              </p>
            ) : null}
          </section>

          <section aria-labelledby="search-positions" className="space-y-2">
            <h2 id="search-positions" className="text-lg font-semibold">
              Positions{" "}
              <span className="text-sm font-normal text-slate-600">
                ({countLabel(results.positions.length, results.morePositions)})
              </span>
            </h2>
            {results.positions.length === 0 ? (
              <p className="text-sm text-slate-600">No position title matches “{q}”.</p>
            ) : (
              <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {results.positions.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-baseline gap-x-2 px-4 py-3">
                    <Link to={`/positions/${p.id}`} className="font-medium">
                      {p.title}
                    </Link>
                    <span className="text-sm text-slate-600">
                      {p.client}
                      {p.status === "closed" ? " · closed" : null}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}

function countLabel(count: number, more: boolean): string {
  return more ? `first ${count}` : String(count);
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
