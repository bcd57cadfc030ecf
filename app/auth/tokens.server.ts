// Bearer tokens for one-time invitation links and share links. The token goes to the person once;
// the database keeps only its sha256, so a copy of the database opens nothing.
import crypto from "node:crypto";

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
