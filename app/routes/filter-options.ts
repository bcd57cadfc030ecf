// The analytics filters' matches as you type (/filter-options?list=positions&q=…[&client=…]), for the
// lists too long for a select (app/core/filter-options.ts): what the signed-in user may see, at most
// MATCHES_SHOWN entries.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { listFilterOptions } from "~/data/analytics.server";
import {
  FILTER_LISTS,
  MAX_FILTER_QUERY,
  matchingOptions,
  type FilterMatches,
  type FilterOption,
} from "~/core/filter-options";
import { getDb } from "../../db/connection.server";

const Query = z.object({
  list: z.enum(FILTER_LISTS),
  q: z.string().max(MAX_FILTER_QUERY).default(""),
  client: z.coerce.number().int().positive().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "analytics:read");
  const parsed = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success)
    return Response.json(
      {
        error: `Give list (one of ${FILTER_LISTS.join(", ")}) and q, at most ${MAX_FILTER_QUERY} characters.`,
      },
      { status: 400 },
    );
  const { list, q, client } = parsed.data;
  const options = await listFilterOptions(getDb(), user);
  const entries =
    list === "positions" && client !== undefined
      ? options.positions.filter((p) => p.clientId === String(client))
      : options[list];
  const matches: FilterOption[] = matchingOptions<(typeof entries)[number]>(entries, q);
  return Response.json({ matches } satisfies FilterMatches);
}
