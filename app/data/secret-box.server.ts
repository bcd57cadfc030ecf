// Secrets kept at rest (a mailbox's password or OAuth2 token): AES-256-GCM with a key from the
// environment, MAILBOX_KEY (64 hex characters, or 32 bytes in base64), or one generated once into
// data/mailbox-key and kept, as the session secret is (keptSecret, app/auth/tokens.server.ts). A stored
// secret is "v1:" + base64 of IV (12 bytes), tag (16 bytes) and ciphertext; the purpose is bound as
// additional data, so a value moved to another use does not decrypt. Nothing ever decrypts one for a
// page: only the mailbox watcher and the connection test read it.
import crypto from "node:crypto";
import { keptSecret } from "../auth/tokens.server";

const PREFIX = "v1:";

/** The key: MAILBOX_KEY, else data/mailbox-key (made on first use, readable by this user only). */
export function mailboxKey(): Buffer {
  const given = process.env.MAILBOX_KEY?.trim();
  if (given) {
    const key = /^[0-9a-f]{64}$/i.test(given) ? Buffer.from(given, "hex") : Buffer.from(given, "base64");
    if (key.length !== 32)
      throw new Error(
        "MAILBOX_KEY must be 32 bytes: 64 hexadecimal characters, or base64 (openssl rand -hex 32)",
      );
    return key;
  }
  return Buffer.from(keptSecret("mailbox-key"), "hex");
}

export function sealSecret(plain: string, purpose: string, key = mailboxKey()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

/** The secret, or an error saying that the key changed (or the value was altered). */
export function openSecret(sealed: string, purpose: string, key = mailboxKey()): string {
  if (!sealed.startsWith(PREFIX)) throw new Error("The stored secret is not in a known format.");
  const data = Buffer.from(sealed.slice(PREFIX.length), "base64");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, data.subarray(0, 12));
  decipher.setAAD(Buffer.from(purpose, "utf8"));
  decipher.setAuthTag(data.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error(
      "The stored secret cannot be decrypted: MAILBOX_KEY (or data/mailbox-key) changed since it was saved. Connect the mailbox again.",
    );
  }
}
