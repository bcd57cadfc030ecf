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
  return process.env.SESSION_SECRET || keptSecret("session-secret");
}

/**
 * 32 random bytes in hex, generated once into data/<name> (readable by this user only) and kept.
 * Processes starting at the same moment (npm start's web processes) agree on one: each writes its own
 * to a file of its own and links it into place, which succeeds for one of them only; the others read
 * the one linked, whole (a file created and then written could be read empty in between).
 */
export function keptSecret(name: string): string {
  const file = path.resolve("data", name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const mine = `${file}.${process.pid}-${crypto.randomBytes(6).toString("hex")}`;
    fs.writeFileSync(mine, crypto.randomBytes(32).toString("hex"), { mode: 0o600 });
    try {
      fs.linkSync(mine, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      fs.rmSync(mine, { force: true });
    }
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
