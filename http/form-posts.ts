// Every write the app takes is an HTML form sent from its own pages. Two kinds of request break that
// and used to end as HTTP 500 with nothing said: a form posted from another site (Remix's own CSRF
// check compares Origin with X-Forwarded-Host or Host, and aborts the action by throwing) and a body
// that is not a form (request.formData() throws on text/plain, JSON or no Content-Type). Both are
// answered here, before Remix, with a 4xx and a sentence saying why.
import type { NextFunction, Request, Response } from "express";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

export type WriteRefusal = { status: 403 | 415; message: string } | null;

/**
 * Why a write must be refused, or null. Origin is compared with the host exactly as Remix does
 * (the first X-Forwarded-Host, else Host), so that nothing Remix would accept is refused here.
 */
export function refuseWrite(
  method: string,
  headers: {
    origin?: string;
    host?: string;
    forwardedHost?: string;
    contentType?: string;
    hasBody?: boolean;
  },
): WriteRefusal {
  if (!WRITES.has(method.toUpperCase())) return null;
  const host = headers.forwardedHost?.split(",")[0]?.trim() || headers.host;
  if (headers.origin !== undefined) {
    let originHost: string | null = null;
    try {
      originHost = headers.origin === "null" ? null : new URL(headers.origin).host;
    } catch {
      originHost = null;
    }
    if (!host || originHost !== host) {
      return {
        status: 403,
        message: `This form was sent from another site (${headers.origin.slice(0, 200)}), so it was refused: open Followthrough at its own address and send it from there.`,
      };
    }
  }
  // A write without a body (a bare POST to /sign-out) is an empty form, whatever its type says.
  if (headers.hasBody !== false && !FORM_TYPES.test(headers.contentType ?? "")) {
    return {
      status: 415,
      message:
        "Followthrough takes forms only: send the request as application/x-www-form-urlencoded or multipart/form-data, from the app's own pages.",
    };
  }
  return null;
}

function hasBody(req: Request): boolean {
  return req.get("Transfer-Encoding") !== undefined || Number(req.get("Content-Length") ?? 0) > 0;
}

/** Express middleware: refuses cross-site writes (403) and writes that are not forms (415), in plain text. */
export function refuseForeignWrites(req: Request, res: Response, next: NextFunction) {
  // The REST API takes JSON and a bearer token, never a cookie: no other site can write with a
  // visitor's session there, and app/data/api-http.server.ts answers a body that is not JSON. An
  // ATS's web hooks (/ats/…) are JSON signed with a shared secret, and no session is read there either.
  if (/^\/(api\/v1|ats)(\/|$)/.test(req.path)) return next();
  const refusal = refuseWrite(req.method, {
    origin: req.get("Origin"),
    host: req.get("Host"),
    forwardedHost: req.get("X-Forwarded-Host"),
    contentType: req.get("Content-Type"),
    hasBody: hasBody(req),
  });
  if (!refusal) {
    // Read as the empty form it is (request.formData() throws without a form Content-Type).
    if (WRITES.has(req.method.toUpperCase()) && !hasBody(req))
      req.headers["content-type"] = "application/x-www-form-urlencoded";
    return next();
  }
  // The body is not read: close the connection rather than leave it to drain.
  res
    .status(refusal.status)
    .set({ "Content-Type": "text/plain; charset=utf-8", Connection: "close" })
    .send(refusal.message);
}
