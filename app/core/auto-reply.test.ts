import { describe, expect, it } from "vitest";
import { autoReplyReason, isAutoReply } from "./auto-reply";

const note = {
  subject: "Thanks for today",
  body: "Sarah, good talking today. Happy to send references. Marcus",
};

describe("isAutoReply", () => {
  it("passes an ordinary follow-up", () => {
    expect(isAutoReply(note)).toBe(false);
    expect(isAutoReply({ ...note, headers: { "Auto-Submitted": "no", Precedence: "first-class" } })).toBe(
      false,
    );
  });

  it("catches Auto-Submitted other than no (RFC 3834), whatever the header's case", () => {
    expect(isAutoReply({ ...note, headers: { "Auto-Submitted": "auto-replied" } })).toBe(true);
    expect(isAutoReply({ ...note, headers: { "auto-submitted": "auto-generated" } })).toBe(true);
    expect(autoReplyReason({ ...note, headers: { "AUTO-SUBMITTED": ["auto-replied"] } })).toBe(
      "Auto-Submitted: auto-replied",
    );
  });

  it("catches X-Autoreply and Precedence auto_reply, bulk and junk", () => {
    expect(isAutoReply({ ...note, headers: { "X-Autoreply": "yes" } })).toBe(true);
    for (const p of ["auto_reply", "bulk", "junk"])
      expect(isAutoReply({ ...note, headers: { Precedence: p } })).toBe(true);
  });

  it("catches out-of-office subjects", () => {
    for (const subject of [
      "Out of Office: Thanks for today",
      "Automatic reply: Thanks for today",
      "AutoReply: interview",
      "Auto-Reply",
      "Out of the office until Monday",
    ]) {
      expect(isAutoReply({ subject, body: "…" }), subject).toBe(true);
    }
  });

  it("catches out-of-office bodies", () => {
    for (const body of [
      "I am currently out of the office with no access to email and will return on 2 December.",
      "Thank you for your email. I’m currently out of the office.",
      "I am away from my desk until Friday, with limited access to email. For urgent matters call Tom.",
      "This is an automatic reply. Your message has been received.",
    ]) {
      expect(isAutoReply({ subject: "Re: Thanks for today", body }), body).toBe(true);
    }
  });

  it("does not refuse a real note that mentions being away further down", () => {
    const body = `${"Sarah, the point you made about territory planning stuck with me. ".repeat(10)}
I am currently out of the office on Friday, but happy to talk on Monday.`;
    expect(isAutoReply({ subject: "Thanks", body })).toBe(false);
    expect(
      isAutoReply({
        subject: "Thanks",
        body: "I'll be travelling with limited access to email next week, so let's talk Monday.",
      }),
    ).toBe(false);
  });
});
