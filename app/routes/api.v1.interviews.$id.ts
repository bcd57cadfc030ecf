// GET /api/v1/interviews/{id} (app/core/api.ts describes it; app/data/api-handlers.server.ts does it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getInterview } from "~/data/api-handlers.server";

export const loader = (args: LoaderFunctionArgs) => getInterview(args);
