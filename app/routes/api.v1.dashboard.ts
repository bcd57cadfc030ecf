// GET /api/v1/dashboard (app/core/api.ts describes it; app/data/api-handlers.server.ts does it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDashboard } from "~/data/api-handlers.server";

export const loader = (args: LoaderFunctionArgs) => getDashboard(args);
