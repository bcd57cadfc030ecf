import { describe, expect, it } from "vitest";
import { weakPasswordReason } from "./password.server";
import { PasswordSchema } from "../core/users";

describe("new passwords", () => {
  it("need at least 12 characters", () => {
    expect(PasswordSchema.safeParse("aaaaaaaaaa").success).toBe(false);
    expect(PasswordSchema.safeParse("eleven char").success).toBe(false);
    expect(PasswordSchema.safeParse("twelve chars").success).toBe(true);
  });

  it.each([
    ["aaaaaaaaaaaa", /repeats/],
    ["abcabcabcabc", /repeats/],
    ["passwordpassword", /repeats/],
    ["qwertyuiop123", /common passwords/],
    ["1q2w3e4r5t6y", /common passwords/],
    ["Password1234", /common passwords/],
    ["sunshine2026!", /common passwords/],
    ["FOOTBALL12345", /common passwords/],
  ])("refuses %s", async (password, reason) => {
    expect(await weakPasswordReason(password)).toMatch(reason);
  });

  it.each(["a-long-password", "correct horse battery", "vera-password-1", "Tulip Ledger 1987"])(
    "accepts %s",
    async (password) => {
      expect(await weakPasswordReason(password)).toBeNull();
    },
  );
});
