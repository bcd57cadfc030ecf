// The agency's logo on a shared report: the same gate as the shared page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { sharedOrganizationId } from "~/data/share-access.server";
import { logoResponse } from "~/data/logo-response.server";
import { getDb } from "../../db/connection.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return logoResponse(getDb(), await sharedOrganizationId(getDb(), params.token), request);
}
