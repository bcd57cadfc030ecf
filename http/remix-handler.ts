// Remix's Express handler (as @remix-run/express's, whose request helpers it does not export), with the request body taken from the counted stream that limitRequestBodies
// leaves in res.locals.body (@remix-run/express would read the socket directly), and the load context
// every loader and action gets: the client's address and the page's CSP nonce.
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import type { LimitedLocals } from "./body-limit";
import type { SecurityLocals } from "./security-headers";

type Locals = LimitedLocals & SecurityLocals;

function requestHeaders(req: ExpressRequest): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else if (values) headers.set(key, values);
  }
  return headers;
}

async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** The Fetch API request for an Express one: as @remix-run/express builds it, but the body from `body`. */
function remixRequest(req: ExpressRequest, res: ExpressResponse<unknown, Locals>): Request {
  // req.hostname and req.protocol follow Express's "trust proxy" (TRUST_PROXY=1); the port comes from
  // X-Forwarded-Host or Host, as @remix-run/express does.
  const port = [req.get("X-Forwarded-Host"), req.get("host")]
    .map((h) => Number.parseInt(h?.split(":")[1] ?? "", 10))
    .find(Number.isSafeInteger);
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const controller = new AbortController();
  const init: RequestInit & { duplex?: "half" } = {
    method: req.method,
    headers: requestHeaders(req),
    signal: controller.signal,
  };
  const body = res.locals.body;
  if (req.method !== "GET" && req.method !== "HEAD" && body) {
    init.body = createReadableStreamFromReadable(body);
    init.duplex = "half";
    // A body cut off at its limit aborts the request: Remix then drops it quietly (the 413 is sent).
    body.once("error", (error) => controller.abort(error));
  }
  let done = false;
  res.on("finish", () => (done = true));
  res.on("close", () => {
    if (!done) controller.abort();
  });
  return new Request(url.href, init);
}

/**
 * `build` is a function so that `npm run dev` can swap in each rebuild (server.ts). Remix's handler is
 * made once per build: given a function, Remix derives its routes and data handler again on every
 * request (0.35 ms of a pipeline page's 32 ms of CPU, docs/performance.md).
 */
export function remixHandler(build: () => ServerBuild, mode: string) {
  let handled = build();
  let handleRequest = createRequestHandler(handled, mode);
  return async (req: ExpressRequest, res: ExpressResponse<unknown, Locals>, next: NextFunction) => {
    try {
      const current = build();
      if (current !== handled) {
        handled = current;
        handleRequest = createRequestHandler(current, mode);
      }
      const request = remixRequest(req, res);
      const context: AppLoadContext = {
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
        cspNonce: res.locals.cspNonce,
      };
      const response = await handleRequest(request, context);
      // Already answered: the body was over its limit (http/body-limit.ts).
      if (res.headersSent || res.locals.refused) return;
      await sendResponse(res, response);
    } catch (error) {
      if (res.headersSent || res.locals.refused) return;
      next(error);
    }
  };
}
