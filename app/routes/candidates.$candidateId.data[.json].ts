// Everything held about one candidate, as JSON (/candidates/:id/data.json): the right of access.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { candidateData, recordCandidateExport } from "~/data/candidate-data.server";
import { slug } from "~/data/exports.server";
import { idOr404 } from "~/core/params";
import { getDb } from "../../db/connection.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "candidates:export-data");
  const data = await candidateData(getDb(), user, idOr404(params.candidateId));
  if (!data) throw new Response("Not found.", { status: 404 });
  await recordCandidateExport(getDb(), user, data.candidate.id, "json");
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slug(data.candidate.name)}-data.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
