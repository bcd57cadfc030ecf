// GET and POST /api/v1/applications (app/core/api.ts describes it; app/data/api-handlers.server.ts does it).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { byMethod, createApplicationOp, listApplications } from "~/data/api-handlers.server";

export const loader = (args: LoaderFunctionArgs) => listApplications(args);
export const action = (args: ActionFunctionArgs) => byMethod({ POST: createApplicationOp })(args);
