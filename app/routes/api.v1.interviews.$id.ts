// GET and PATCH /api/v1/interviews/{id} (app/core/api.ts describes it; app/data/api-handlers.server.ts does it).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { byMethod, getInterview, updateInterviewOp } from "~/data/api-handlers.server";

export const loader = (args: LoaderFunctionArgs) => getInterview(args);
export const action = (args: ActionFunctionArgs) => byMethod({ PATCH: updateInterviewOp })(args);
