// GET and POST /api/v1/positions (app/core/api.ts describes it; app/data/api-handlers.server.ts does it).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { byMethod, createPositionOp, listPositions } from "~/data/api-handlers.server";

export const loader = (args: LoaderFunctionArgs) => listPositions(args);
export const action = (args: ActionFunctionArgs) => byMethod({ POST: createPositionOp })(args);
