// POST /ats/greenhouse/{key}: an organization's Greenhouse web hook (issue 22, item 5). Authenticated
// by the Signature header, not a session: app/data/ats.server.ts checks it and does the rest.
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveAtsEvent } from "~/data/ats.server";
import { methodNotAllowed } from "~/data/api-http.server";
import { getDb } from "../../db/connection.server";

export const loader = () => methodNotAllowed(["POST"]);

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method.toUpperCase() !== "POST") return methodNotAllowed(["POST"]);
  return receiveAtsEvent(getDb(), {
    urlKey: params.key ?? "",
    signature: request.headers.get("Signature"),
    eventId: request.headers.get("Greenhouse-Event-ID"),
    body: await request.text(),
  });
}
