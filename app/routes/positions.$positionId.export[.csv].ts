// The position's pipeline as CSV (/positions/:id/export.csv?<the page's filters>), unpaged.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { csvResponse, pipelineCsv } from "~/data/exports.server";
import { idOr404 } from "~/core/params";
import { getDb } from "../../db/connection.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "positions:read");
  const result = await pipelineCsv(
    getDb(),
    user,
    idOr404(params.positionId),
    new URL(request.url).searchParams,
  );
  if (!result) throw new Response("Not found.", { status: 404 });
  return csvResponse(result);
}
