// One candidate's whole record as CSV, in the import format (/candidates/:id/export.csv).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { candidateCsv, csvResponse } from "~/data/exports.server";
import { idOr404 } from "~/core/params";
import { getDb } from "../../db/connection.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "candidates:read");
  const result = await candidateCsv(getDb(), user, idOr404(params.candidateId));
  if (!result) throw new Response("Not found.", { status: 404 });
  return csvResponse(result);
}
