// GET and POST /api/v1/interviews (app/core/api.ts describes it; app/data/api-handlers.server.ts does it).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { byMethod, listInterviews, logInterviewOp } from "~/data/api-handlers.server";

export const loader = (args: LoaderFunctionArgs) => listInterviews(args);
export const action = (args: ActionFunctionArgs) => byMethod({ POST: logInterviewOp })(args);
