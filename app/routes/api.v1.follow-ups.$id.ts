// GET /api/v1/follow-ups/{id} (app/core/api.ts describes it; app/data/api-handlers.server.ts does it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFollowUp } from "~/data/api-handlers.server";

export const loader = (args: LoaderFunctionArgs) => getFollowUp(args);
