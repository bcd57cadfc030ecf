import { describe, expect, it } from "vitest";
import { containsPattern, parseListParams } from "./list-params";

const keys = ["name", "email"] as const;

describe("parseListParams", () => {
  it("reads valid values", () => {
    const p = parseListParams(new URLSearchParams("q= ann &sort=email&dir=desc&page=3&pageSize=25"), keys, {
      sort: "name",
      dir: "asc",
    });
    expect(p).toEqual({ q: "ann", sort: "email", dir: "desc", page: 3, pageSize: 25 });
  });

  it("falls back to defaults for keys outside the whitelist and bad numbers", () => {
    const p = parseListParams(
      new URLSearchParams("sort=password_hash;drop&dir=sideways&page=-4&pageSize=100000"),
      keys,
      {
        sort: "name",
        dir: "asc",
      },
    );
    expect(p).toEqual({ q: "", sort: "name", dir: "asc", page: 1, pageSize: 50 });
  });
});

describe("containsPattern", () => {
  it("escapes LIKE wildcards so they match literally", () => {
    expect(containsPattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });
});
