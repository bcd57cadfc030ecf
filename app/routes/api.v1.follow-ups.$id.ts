// GET and PATCH /api/v1/follow-ups/{id} (app/core/api.ts describes it; app/data/api-handlers.server.ts does it).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { byMethod, getFollowUp, updateFollowUpOp } from "~/data/api-handlers.server";

export const loader = (args: LoaderFunctionArgs) => getFollowUp(args);
export const action = (args: ActionFunctionArgs) => byMethod({ PATCH: updateFollowUpOp })(args);
