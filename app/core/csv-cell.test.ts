import { describe, expect, it } from "vitest";
import { spreadsheetCell } from "./csv-cell";

describe("spreadsheetCell", () => {
  it("keeps numbers, negative ones included, as numbers", () => {
    expect(spreadsheetCell(-3)).toBe("-3");
    expect(spreadsheetCell(-12.5)).toBe("-12.5");
    expect(spreadsheetCell("-42")).toBe("-42");
    expect(spreadsheetCell("-0.25")).toBe("-0.25");
    expect(spreadsheetCell("+7")).toBe("+7");
    expect(spreadsheetCell(0)).toBe("0");
  });

  it("keeps formulas from running", () => {
    expect(spreadsheetCell('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(spreadsheetCell("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(spreadsheetCell("+1-1")).toBe("'+1-1");
    expect(spreadsheetCell("-1e3")).toBe("'-1e3");
    expect(spreadsheetCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(spreadsheetCell("\tx")).toBe("'\tx");
    expect(spreadsheetCell("- a list item")).toBe("'- a list item");
  });

  it("leaves other text and empty cells alone", () => {
    expect(spreadsheetCell("Dana Example")).toBe("Dana Example");
    expect(spreadsheetCell(null)).toBe("");
    expect(spreadsheetCell(undefined)).toBe("");
  });
});
