// GET and POST /api/v1/candidates (app/core/api.ts describes it; app/data/api-handlers.server.ts does it).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { byMethod, createCandidateOp, listCandidates } from "~/data/api-handlers.server";

export const loader = (args: LoaderFunctionArgs) => listCandidates(args);
export const action = (args: ActionFunctionArgs) => byMethod({ POST: createCandidateOp })(args);
