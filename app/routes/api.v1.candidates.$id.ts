// GET and PATCH /api/v1/candidates/{id} (app/core/api.ts describes it; app/data/api-handlers.server.ts does it).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { byMethod, getCandidate, updateCandidateOp } from "~/data/api-handlers.server";

export const loader = (args: LoaderFunctionArgs) => getCandidate(args);
export const action = (args: ActionFunctionArgs) => byMethod({ PATCH: updateCandidateOp })(args);
