// Bearer tokens for one-time invitation links and share links. The token goes to the person once;
// the database keeps only its sha256, so a copy of the database opens nothing.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A new token (32 random bytes, base64url: 43 characters) and the hash to store. */
export function newToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** Compares two hex hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && x.length > 0 && crypto.timingSafeEqual(x, y);
}

/** Only well-formed tokens reach the database: 43 base64url characters. */
export function isTokenShaped(token: string | undefined): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** SESSION_SECRET from the environment, or one generated once into data/ and kept. */
export function sessionSecret(): string {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  const file = path.resolve("data/session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  }
  return fs.readFileSync(file, "utf8").trim();
}

function linkSignature(payload: string): string {
  return crypto
    .createHmac("sha256", sessionSecret())
    .update(`link:${payload}`)
    .digest("base64url")
    .slice(0, 22);
}

/**
 * A link token that needs no row: the payload (letters, digits, ":" and "-") and its HMAC with the
 * session secret. For one-click unsubscribe links, which must work without signing in.
 */
export function signLinkPayload(payload: string): string {
  return `${Buffer.from(payload, "utf8").toString("base64url")}.${linkSignature(payload)}`;
}

/** The payload of a signed link token, or null when it was not signed here. */
export function verifyLinkPayload(token: string | undefined): string | null {
  if (typeof token !== "string" || token.length > 200) return null;
  const [encoded, signature] = token.split(".");
  if (!encoded || !signature) return null;
  const payload = Buffer.from(encoded, "base64url").toString("utf8");
  const expected = Buffer.from(linkSignature(payload));
  const given = Buffer.from(signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? payload : null;
}
