import { describe, expect, it } from "vitest";
import { MailboxSchema } from "./mailbox-settings";

const valid = {
  host: "imap.gmail.com",
  port: "993",
  tls: "on",
  username: "recruiter@agency.test",
  auth: "password",
  secret: "abcd efgh ijkl mnop",
};

describe("the mailbox form", () => {
  it("accepts a provider's settings, as a form sends them", () => {
    expect(MailboxSchema.parse(valid)).toEqual({ ...valid, port: 993, tls: true });
    expect(MailboxSchema.parse({ ...valid, host: "127.0.0.1", port: "143", tls: "off" }).tls).toBe(false);
  });

  it("says what is wrong beside each field", () => {
    const result = MailboxSchema.safeParse({
      host: "https://imap.gmail.com/",
      port: "99999",
      tls: "maybe",
      username: " ",
      auth: "kerberos",
      secret: "",
    });
    expect(result.success).toBe(false);
    const fields = Object.keys(result.error!.flatten().fieldErrors).sort();
    expect(fields).toEqual(["auth", "host", "port", "secret", "tls", "username"]);
    expect(result.error!.flatten().fieldErrors.host?.[0]).toMatch(/no https/);
  });
});
