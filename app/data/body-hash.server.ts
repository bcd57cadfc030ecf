import crypto from "node:crypto";

/**
 * A follow-up's body_hash (migration 0019): sha256 of the body, hex. Every insert and edit of a
 * follow-up sets it, so that the unique index on (interview_id, received_at, body_hash) refuses the
 * same message stored twice for one interview.
 */
export function bodyHash(body: string): string {
  return crypto.createHash("sha256").update(body, "utf8").digest("hex");
}
