// GET /api/v1/positions/{id} (app/core/api.ts describes it; app/data/api-handlers.server.ts does it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPosition } from "~/data/api-handlers.server";

export const loader = (args: LoaderFunctionArgs) => getPosition(args);
