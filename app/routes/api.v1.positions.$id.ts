// GET and PATCH /api/v1/positions/{id} (app/core/api.ts describes it; app/data/api-handlers.server.ts does it).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { byMethod, getPosition, updatePositionOp } from "~/data/api-handlers.server";

export const loader = (args: LoaderFunctionArgs) => getPosition(args);
export const action = (args: ActionFunctionArgs) => byMethod({ PATCH: updatePositionOp })(args);
