// GET and POST /api/v1/follow-ups (app/core/api.ts describes it; app/data/api-handlers.server.ts does it).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { byMethod, listFollowUps, logFollowUpOp } from "~/data/api-handlers.server";

export const loader = (args: LoaderFunctionArgs) => listFollowUps(args);
export const action = (args: ActionFunctionArgs) => byMethod({ POST: logFollowUpOp })(args);
