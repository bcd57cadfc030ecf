import { describe, expect, it } from "vitest";
import { toCsv } from "./exports.server";

describe("toCsv", () => {
  it("writes negative numbers as numbers and formulas as text", () => {
    const csv = toCsv(["name", "latency_minutes", "delta"], [["=cmd()", -12.346, "-3"]]);
    expect(csv.replace("\uFEFF", "").split("\r\n")[1]).toBe("'=cmd(),-12.35,-3");
  });
});
