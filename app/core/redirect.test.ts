import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect";

describe("safeRedirectPath", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    for (const path of [
      "/",
      "/candidates",
      "/candidates/12?tab=notes#follow-up",
      "/positions/3?returnTo=%2Fcandidates",
      "/reports/1?from=2026-01-01&to=2026-12-31",
      "/a:b@c",
      "/~user",
    ]) {
      expect(safeRedirectPath(path, "/fallback"), path).toBe(path);
    }
  });

  it("refuses everything that can leave the site, or is not a path", () => {
    const nasty = [
      "//evil.example",
      "///evil.example",
      "/\\evil.example",
      "/\\/evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "/%09/evil.example",
      "/%0a/evil.example",
      "/%2F/evil.example",
      "/%5Cevil.example",
      "/ /evil.example",
      " /candidates",
      "/candidates ",
      "https://evil.example",
      "http:evil.example",
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,hi",
      "\\\\evil.example",
      "evil.example",
      "",
      "/\u2028/evil.example",
      "/\u200b/evil.example",
      "/\u0000",
    ];
    for (const to of nasty) expect(safeRedirectPath(to, "/fallback"), JSON.stringify(to)).toBe("/fallback");
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath(42)).toBe("/");
    expect(safeRedirectPath(`/${"a".repeat(3000)}`)).toBe("/");
  });
});
