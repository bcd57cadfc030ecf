import { describe, expect, it } from "vitest";
import { MAX_UNKNOWN_VALUES, UnknownValues, unknownValuesOfRow } from "./unknown-values";

describe("UnknownValues", () => {
  it("counts each value once, whatever its case, with its first row", () => {
    const values = new UnknownValues();
    values.add([{ field: "stage", value: "Bar Raiser" }], 5);
    values.add([{ field: "stage", value: "bar raiser" }], 3);
    values.add([{ field: "outcome", value: "On ice" }], 4);
    values.addCount({ field: "stage", value: "Bar Raiser", rows: 2, firstRow: 9 });
    expect(values.list()).toEqual([
      { field: "stage", value: "Bar Raiser", rows: 4, firstRow: 3 },
      { field: "outcome", value: "On ice", rows: 1, firstRow: 4 },
    ]);
  });

  it("keeps a bounded number of distinct values", () => {
    const values = new UnknownValues();
    for (let i = 0; i < MAX_UNKNOWN_VALUES + 5; i++)
      values.add([{ field: "stage", value: `Step ${i}` }], i + 2);
    expect(values.list()).toHaveLength(MAX_UNKNOWN_VALUES);
    expect(values.more).toBe(5);
  });
});

describe("unknownValuesOfRow", () => {
  it("names the mapped value columns' values the tables and the map do not read", () => {
    const mapping = { stage: 0, outcome: 1, format: null };
    expect(unknownValuesOfRow(["Bar Raiser", "Hired", "Pigeon"], mapping, undefined)).toEqual([
      { field: "stage", value: "Bar Raiser" },
    ]);
    expect(
      unknownValuesOfRow(["Bar Raiser", "Hired"], mapping, { stage: { "bar raiser": "final" } }),
    ).toEqual([]);
  });
});
