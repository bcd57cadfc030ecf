import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { getDb } from "../../db/connection.server";
import type { User } from "../../db/schema";

/** SESSION_SECRET from the environment, or one generated once into data/ and kept. */
function sessionSecret(): string {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  const file = path.resolve("data/session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  }
  return fs.readFileSync(file, "utf8").trim();
}

const storage = createCookieSessionStorage<{ userId: number }>({
  cookie: {
    name: "__followthrough",
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 60 * 60 * 24 * 14,
    secrets: [sessionSecret()],
    secure: process.env.COOKIE_SECURE === "1",
  },
});

export type SessionUser = Pick<User, "id" | "organization_id" | "email" | "name" | "role" | "client_id">;

/** The signed-in, active user, or null. Read from the database on every request so that a
 * deactivated user's sessions end at once. */
export async function getUser(request: Request): Promise<SessionUser | null> {
  const session = await storage.getSession(request.headers.get("Cookie"));
  const userId = session.get("userId");
  if (typeof userId !== "number") return null;
  const user = await getDb()
    .selectFrom("users")
    .select(["id", "organization_id", "email", "name", "role", "client_id"])
    .where("id", "=", userId)
    .where("active", "=", 1)
    .executeTakeFirst();
  return user ?? null;
}

/** The signed-in user; otherwise a redirect to the sign-in page that comes back here. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/sign-in?${new URLSearchParams({ redirectTo: back })}`);
}

export async function startSession(userId: number, redirectTo: string): Promise<Response> {
  const session = await storage.getSession();
  session.set("userId", userId);
  return redirect(redirectTo, { headers: { "Set-Cookie": await storage.commitSession(session) } });
}

export async function endSession(request: Request): Promise<Response> {
  const session = await storage.getSession(request.headers.get("Cookie"));
  return redirect("/sign-in", { headers: { "Set-Cookie": await storage.destroySession(session) } });
}

/** Only same-site paths: an open redirect would let a link send users elsewhere after sign-in. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
