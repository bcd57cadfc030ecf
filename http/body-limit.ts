// A limit on every request body, enforced before Remix sees it and while the body streams in.
//
// Remix's request.formData() reads a whole body into memory before any route can look at its size,
// and a chunked body declares none. So the size is checked here: a declared Content-Length over the
// route's limit is refused at once, without reading; any other body reaches Remix through a stream
// that counts its bytes and is cut off with 413 the moment they pass the limit. Routes that take
// uploads have the upload's limit; every other route, forms of text, a small one.
import { Transform, type TransformCallback } from "node:stream";
import type { NextFunction, Request, Response } from "express";
import { encode } from "turbo-stream";

export const FORM_LIMIT_BYTES = 1024 * 1024;

export type BodyLimit = { bytes: number; what: string };

/** The request's body, counted (res.locals.body), which the Remix handler reads instead of the socket. */
export type LimitedLocals = { body?: Transform; refused?: boolean };

export class BodyTooLarge extends Error {
  constructor(readonly limit: BodyLimit) {
    super(`The request is larger than ${formatBytes(limit.bytes)}, the limit for ${limit.what}.`);
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** A pass-through that errors with BodyTooLarge once more than `limit.bytes` have gone through. */
class CountingStream extends Transform {
  private seen = 0;

  constructor(private readonly limit: BodyLimit) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit.bytes) callback(new BodyTooLarge(this.limit));
    else callback(null, chunk);
  }
}

/** After refusing, what the client still sends is read and dropped up to this much, then the connection is cut. */
const DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * Reads and throws away the rest of a request's body, at most DRAIN_BYTES (then the connection is
 * cut); `done` runs when the body has ended or the client has gone.
 */
function dropRest(req: Request, done: () => void = () => {}): void {
  let dropped = 0;
  req.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DRAIN_BYTES) {
      done();
      req.socket.destroy();
    }
  });
  req.once("end", done);
  // The client may hang up once it has the answer, before its body ends.
  req.once("close", done);
  req.resume();
}

/** The 413's body: for a Remix form submission (a `.data` request) an error in the encoding Remix's client reads, else plain text. */
async function refusal(
  req: Request,
  error: BodyTooLarge,
): Promise<{ type: string; body: Buffer; remix: boolean }> {
  const message = `${error.message} Nothing was saved.`;
  if (!req.path.endsWith(".data"))
    return { type: "text/plain; charset=utf-8", body: Buffer.from(message), remix: false };
  const marker = {};
  const stream = encode(
    { error: marker },
    {
      plugins: [
        (value) => (value === marker ? ["ErrorResponse", message, 413, "Payload Too Large"] : undefined),
      ],
    },
  );
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return { type: "text/x-script", body: Buffer.concat(chunks), remix: true };
}

/**
 * Answers 413 and drops the rest of the body. The answer is sent whole at once (its length declared),
 * but the connection stays open while the client is still sending, its bytes read and thrown away:
 * browsers, and Node's client, report a reset instead of the answer when a server hangs up in the
 * middle of an upload. Past DRAIN_BYTES, or when the body ends, the connection closes.
 */
function refuse(req: Request, res: Response, error: BodyTooLarge): void {
  if (res.headersSent || res.locals.refused) return;
  res.locals.refused = true;
  let done = false;
  const close = () => {
    if (done) return;
    done = true;
    if (res.headersSent) res.end();
  };
  dropRest(req, close);
  void refusal(req, error).then(({ type, body, remix }) => {
    if (res.headersSent) return;
    res.status(413).set({ Connection: "close", "Content-Type": type, "Content-Length": String(body.length) });
    if (remix) res.set("X-Remix-Response", "yes");
    res.write(body);
    if (done || req.complete) {
      done = false;
      close();
    }
  });
}

/** Express middleware: the body limit of each request's route (`limitFor`), for every method with a body. */
export function limitRequestBodies(limitFor: (path: string) => BodyLimit) {
  return (req: Request, res: Response<unknown, LimitedLocals>, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const limit = limitFor(req.path);
    const declared = req.headers["content-length"];
    if (declared !== undefined && !(Number(declared) <= limit.bytes)) {
      refuse(req, res, new BodyTooLarge(limit));
      return;
    }
    const body = new CountingStream(limit);
    body.on("error", (error) => {
      req.unpipe(body);
      if (error instanceof BodyTooLarge) refuse(req, res, error);
    });
    req.pipe(body);
    res.locals.body = body;
    // A route that answers without reading the body (a redirect to sign in): the rest is dropped, as
    // Node does for bodies nobody reads, so that the connection can carry the next request.
    res.once("finish", () => {
      if (req.complete || res.locals.refused) return;
      req.unpipe(body);
      body.destroy();
      dropRest(req);
    });
    next();
  };
}
