// The session cookie. It carries only a random token, signed with SESSION_SECRET; the session itself
// (whose it is, when it ends, whether it was revoked) lives in the database (app/data/sessions.server.ts),
// so that signing out, changing a password or being deactivated ends it on every server at once.
import { createCookie, redirect } from "@remix-run/node";
import {
  createSession,
  findSession,
  revokeSession,
  revokeUserSessions,
  SESSION_ABSOLUTE_MS,
  type SessionUser,
} from "../data/sessions.server";
import { getDb } from "../../db/connection.server";
import { safeRedirectPath } from "../core/redirect";
import { sessionSecret } from "./tokens.server";

export type { SessionUser };

const sessionCookie = createCookie("__followthrough", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: SESSION_ABSOLUTE_MS / 1000,
  secrets: [sessionSecret()],
});

/**
 * Secure whenever the request came over https (the socket's own, or X-Forwarded-Proto from a proxy
 * trusted with TRUST_PROXY=1: server.ts sets Express's "trust proxy", which the request's URL
 * follows); COOKIE_SECURE=1 forces it, e.g. behind a proxy that does not say.
 */
function cookieSecure(request: Request | null): boolean {
  if (process.env.COOKIE_SECURE === "1") return true;
  return request ? new URL(request.url).protocol === "https:" : false;
}

async function readToken(request: Request): Promise<string | null> {
  // A cookie from before server-side sessions (a signed {"userId": n}) parses as an object: no token.
  const value: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

/**
 * The signed-in, active user and their session's id, or null. One indexed read per call: revoked,
 * expired and idle sessions, and deactivated users, are refused there.
 */
export async function getUser(request: Request): Promise<SessionUser | null> {
  const token = await readToken(request);
  return token ? findSession(getDb(), token) : null;
}

/** The signed-in user; otherwise a redirect to the sign-in page that comes back here. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/sign-in?${new URLSearchParams({ redirectTo: back })}`);
}

/** Starts a new session (a new token on every sign-in) and redirects with its cookie. */
export async function startSession(
  userId: number,
  redirectTo: string,
  request: Request | null = null,
): Promise<Response> {
  const session = await createSession(getDb(), userId, request?.headers.get("User-Agent") ?? null);
  if (!session) return redirect("/sign-in");
  const cookie = await sessionCookie.serialize(session.token, {
    secure: cookieSecure(request),
    expires: session.expiresAt,
  });
  return redirect(redirectTo, { headers: { "Set-Cookie": cookie } });
}

function clearCookie(request: Request): Promise<string> {
  return sessionCookie.serialize("", { secure: cookieSecure(request), maxAge: 0, expires: new Date(0) });
}

/** Signs this browser out: its session is revoked in the database, not only forgotten by the browser. */
export async function endSession(request: Request): Promise<Response> {
  const user = await getUser(request);
  if (user) await revokeSession(getDb(), user.sessionId);
  return redirect("/sign-in", { headers: { "Set-Cookie": await clearCookie(request) } });
}

/** Signs the user out on every browser, this one included. */
export async function endAllSessions(request: Request, user: SessionUser): Promise<Response> {
  await revokeUserSessions(getDb(), user.id);
  return redirect("/sign-in", { headers: { "Set-Cookie": await clearCookie(request) } });
}

/** Only same-site paths: an open redirect would let a link send users elsewhere after sign-in. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  return safeRedirectPath(to, fallback);
}
