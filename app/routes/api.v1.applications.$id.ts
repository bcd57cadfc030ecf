// GET and PATCH /api/v1/applications/{id} (app/core/api.ts describes it; app/data/api-handlers.server.ts does it).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { byMethod, getApplication, updateApplicationOp } from "~/data/api-handlers.server";

export const loader = (args: LoaderFunctionArgs) => getApplication(args);
export const action = (args: ActionFunctionArgs) => byMethod({ PATCH: updateApplicationOp })(args);
