// The REST API's edge (issue 22): bearer authentication, scope and permission checks, JSON bodies read
// into the shape the forms send, RFC 9457 problem details, cursors and idempotency keys. Routes under
// app/routes/api.v1.* are one call each into `apiRoute`; what they read and write is in
// api-resources.server.ts and the same data functions the pages call.
import crypto from "node:crypto";
import type { z } from "zod";
import { getDb } from "../../db/connection.server";
import type { Db } from "../../db/schema";
import { can, type Permission } from "../auth/permissions.server";
import { authenticateApiToken, type ApiCaller } from "./api-tokens.server";
import { inTransaction } from "./transaction.server";

export const PROBLEM_TYPE = "https://followthrough.invalid/problems/";

export type FieldProblem = { field: string; detail: string; pointer: string };

/** An RFC 9457 problem: a type URI per kind, a title, the status, a detail, and the fields at fault. */
export function problem(
  status: number,
  kind: string,
  title: string,
  detail: string,
  { errors, headers }: { errors?: FieldProblem[]; headers?: Record<string, string> } = {},
): Response {
  return new Response(
    JSON.stringify({ type: PROBLEM_TYPE + kind, title, status, detail, ...(errors ? { errors } : {}) }),
    {
      status,
      headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", ...headers },
    },
  );
}

export const notFound = (what: string) =>
  problem(404, "not-found", "Not found", `There is no ${what} with that id that this token may see.`);

/** One field at fault, as the forms show it beside the field. */
export function fieldProblem(field: string, detail: string): Response {
  return problem(422, "invalid-field", "Invalid field", detail, {
    errors: [{ field, detail, pointer: `#/${field}` }],
  });
}

/** A failed zod parse as a 422 naming every field at fault (the messages the forms show). */
export function validationProblem(error: z.ZodError): Response {
  const errors = error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.map(String).join(".") : "body";
    return { field, detail: issue.message, pointer: `#/${issue.path.map(String).join("/")}` };
  });
  return problem(
    422,
    "invalid-field",
    "Invalid field",
    errors.map((e) => `${e.field}: ${e.detail}`).join(" "),
    {
      errors,
    },
  );
}

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers },
  });
}

export type ApiContext = { caller: ApiCaller; db: Db; url: URL; request: Request };

type Spec = { permission: Permission; write?: boolean };

/**
 * Authenticates the request's bearer token (401, 429 with Retry-After), checks the token's scope
 * (a read token may only read: 403) and the user's permission, exactly as the pages do (403), then
 * runs `handle`. A problem Response thrown inside is answered as it is.
 */
export async function apiRoute(
  request: Request,
  spec: Spec,
  handle: (ctx: ApiContext) => Promise<Response>,
): Promise<Response> {
  try {
    const header = request.headers.get("Authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match)
      return problem(
        401,
        "unauthorized",
        "Unauthorized",
        "Send an API token as `Authorization: Bearer <token>`.",
        {
          headers: { "WWW-Authenticate": 'Bearer realm="followthrough"' },
        },
      );
    const db = getDb();
    const auth = await authenticateApiToken(db, match[1]);
    if (!auth.ok) {
      return auth.status === 429
        ? problem(429, "rate-limited", "Too many requests", auth.detail, {
            headers: { "Retry-After": String(auth.retryAfterSeconds) },
          })
        : problem(401, "unauthorized", "Unauthorized", auth.detail, {
            headers: { "WWW-Authenticate": 'Bearer realm="followthrough", error="invalid_token"' },
          });
    }
    const { caller } = auth;
    if (spec.write && caller.scope !== "write")
      return problem(
        403,
        "insufficient-scope",
        "Insufficient scope",
        "This token may only read; writing needs a write token.",
      );
    if (!can(caller.viewer, spec.permission))
      return problem(
        403,
        "forbidden",
        "Forbidden",
        `The token's role (${caller.viewer.role}) may not do that.`,
      );
    return await handle({ caller, db, url: new URL(request.url), request });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    console.error("API request failed:", thrown);
    return problem(
      500,
      "internal",
      "Internal error",
      "Something went wrong on the server; nothing was stored.",
    );
  }
}

/** Method dispatch for a resource route's action: 405 with Allow for anything else. */
export function methodNotAllowed(allow: string[]): Response {
  return problem(405, "method-not-allowed", "Method not allowed", `Use ${allow.join(" or ")} here.`, {
    headers: { Allow: allow.join(", ") },
  });
}

/**
 * The JSON body as the forms send their fields: numbers as text, null as an empty field, arrays
 * and nested objects refused. So one schema reads both, with the same messages.
 */
export async function readJsonBody(request: Request): Promise<Record<string, string>> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/(merge-patch\+)?json\s*(;|$)/i.test(type))
    throw problem(
      415,
      "unsupported-media-type",
      "Unsupported media type",
      "Send the body as application/json.",
    );
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    throw problem(400, "malformed-json", "Malformed JSON", "The body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw problem(400, "malformed-json", "Malformed JSON", "The body must be a JSON object.");
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === null) fields[key] = "";
    else if (typeof value === "string") fields[key] = value;
    else if (typeof value === "number" || typeof value === "boolean") fields[key] = String(value);
    else
      throw problem(422, "invalid-field", "Invalid field", `${key}: expected a string or a number.`, {
        errors: [{ field: key, detail: "Expected a string or a number.", pointer: `#/${key}` }],
      });
  }
  return fields;
}

// ---- Cursor pagination ----

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export type Page = { limit: number; afterId: number; updatedSince: string | null };

/** `limit`, `cursor` (opaque: the last id of the previous page) and `updated_since`, or a 400 problem. */
export function pageParams(url: URL): Page {
  const limitText = url.searchParams.get("limit");
  const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw fieldQueryProblem("limit", `Give a whole number from 1 to ${MAX_LIMIT}.`);
  let afterId = 0;
  const cursor = url.searchParams.get("cursor");
  if (cursor) {
    const decoded = /^c1\.(\d{1,15})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!decoded)
      throw fieldQueryProblem("cursor", "That cursor was not given by this API; start again without it.");
    afterId = Number(decoded[1]);
  }
  const since = url.searchParams.get("updated_since");
  let updatedSince: string | null = null;
  if (since) {
    const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(since)
      ? Date.parse(since)
      : Number.NaN;
    if (!Number.isFinite(ms))
      throw fieldQueryProblem(
        "updated_since",
        "Give a date and time with its offset, like 2026-11-26T09:00:00Z.",
      );
    updatedSince = new Date(ms).toISOString();
  }
  return { limit, afterId, updatedSince };
}

export function fieldQueryProblem(parameter: string, detail: string): Response {
  return problem(400, "invalid-parameter", "Invalid query parameter", `${parameter}: ${detail}`, {
    errors: [{ field: parameter, detail, pointer: `#/${parameter}` }],
  });
}

/** An optional positive id in the query string, or a 400 problem. */
export function queryId(url: URL, name: string): number | null {
  const value = url.searchParams.get(name);
  if (value === null || value === "") return null;
  if (!/^[1-9]\d{0,14}$/.test(value)) throw fieldQueryProblem(name, "Give a positive whole number.");
  return Number(value);
}

/** A page of rows (fetched with limit + 1) as `{ data, next_cursor }`. */
export function pageOf<T extends { id: number }>(rows: T[], limit: number) {
  const data = rows.slice(0, limit);
  const more = rows.length > limit;
  return {
    data,
    next_cursor: more ? Buffer.from(`c1.${data[data.length - 1].id}`, "utf8").toString("base64url") : null,
  };
}

/** The id in a route param, or a 404 problem. */
export function pathId(value: string | undefined, what: string): number {
  if (!value || !/^[1-9]\d{0,14}$/.test(value)) throw notFound(what);
  return Number(value);
}

// ---- Idempotency keys ----

const KEY_SHAPE = /^[\x21-\x7e]{1,200}$/;

/**
 * Runs a POST once per token and Idempotency-Key. The key is claimed in the write's own transaction
 * (a concurrent retry waits for it, then reads its answer); the response is stored with it, so a
 * retry gets the same status and body and stores nothing. The same key with a different body is a
 * 422. A POST without the header runs as it comes. A failure (5xx) stores nothing.
 */
export async function idempotent(
  ctx: ApiContext,
  body: Record<string, string>,
  write: (db: Db) => Promise<Response>,
): Promise<Response> {
  const key = ctx.request.headers.get("Idempotency-Key");
  if (key === null) return write(ctx.db);
  if (!KEY_SHAPE.test(key))
    return problem(
      400,
      "invalid-idempotency-key",
      "Invalid Idempotency-Key",
      "Use 1 to 200 visible ASCII characters.",
    );
  const requestHash = crypto
    .createHash("sha256")
    .update(`${ctx.request.method} ${ctx.url.pathname}\n${JSON.stringify(body)}`)
    .digest("hex");
  return inTransaction(ctx.db, async (trx) => {
    const claimed = await trx
      .insertInto("api_idempotency_keys")
      .values({
        token_id: ctx.caller.tokenId,
        key,
        request_hash: requestHash,
        status: null,
        body: null,
        created_at: new Date().toISOString(),
      })
      .onConflict((oc) => oc.columns(["token_id", "key"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!claimed) {
      const first = await trx
        .selectFrom("api_idempotency_keys")
        .select(["request_hash", "status", "body"])
        .where("token_id", "=", ctx.caller.tokenId)
        .where("key", "=", key)
        .executeTakeFirstOrThrow();
      if (first.request_hash !== requestHash)
        return problem(
          422,
          "idempotency-key-reused",
          "Idempotency-Key reused",
          "This key was used for a different request; use a new key for each new request.",
        );
      if (first.status === null || first.body === null)
        return problem(
          409,
          "idempotency-key-in-use",
          "Request in progress",
          "A request with this key is still running.",
        );
      const type = first.status >= 400 ? "application/problem+json" : "application/json";
      return new Response(first.body, {
        status: first.status,
        headers: { "Content-Type": type, "Cache-Control": "no-store", "Idempotent-Replayed": "true" },
      });
    }
    const response = await write(trx);
    if (response.status >= 500) throw response;
    const text = await response.clone().text();
    await trx
      .updateTable("api_idempotency_keys")
      .set({ status: response.status, body: text })
      .where("id", "=", claimed.id)
      .execute();
    return response;
  });
}
