import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box.server";

describe("secrets at rest", () => {
  const key = crypto.randomBytes(32);

  it("come back as they went in, and are never stored as they are", () => {
    const sealed = sealSecret("app-password 123", "mailbox", key);
    expect(sealed).not.toContain("app-password");
    expect(openSecret(sealed, "mailbox", key)).toBe("app-password 123");
    // A new IV each time: the same secret never looks the same twice.
    expect(sealSecret("app-password 123", "mailbox", key)).not.toBe(sealed);
  });

  it("refuse another key, another purpose, or a changed byte", () => {
    const sealed = sealSecret("s3cret", "mailbox", key);
    expect(() => openSecret(sealed, "mailbox", crypto.randomBytes(32))).toThrow(/cannot be decrypted/);
    expect(() => openSecret(sealed, "smtp", key)).toThrow(/cannot be decrypted/);
    const bytes = Buffer.from(sealed.slice(3), "base64");
    bytes[bytes.length - 1] ^= 1;
    expect(() => openSecret(`v1:${bytes.toString("base64")}`, "mailbox", key)).toThrow(/cannot be decrypted/);
  });
});
