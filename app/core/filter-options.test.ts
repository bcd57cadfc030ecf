import { describe, expect, it } from "vitest";
import { LISTED_OPTIONS, matchingOptions, optionsForPage, type FilterOptions } from "./filter-options";

const positions = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    value: String(i + 1),
    label: `Position ${i + 1}`,
    clientId: "1",
    clientName: "Acme",
  }));
const options = (n: number): FilterOptions => ({
  clients: [{ value: "1", label: "Acme" }],
  positions: positions(n),
  interviewers: [{ value: "Ann Lee", label: "Ann Lee" }],
  rounds: [{ value: "1", label: "Round 1" }],
  recruiters: [],
});

describe("optionsForPage", () => {
  it("sends short lists whole, for selects", () => {
    const page = optionsForPage(options(LISTED_OPTIONS), {});
    expect(page.searched).toEqual([]);
    expect(page.positions).toHaveLength(LISTED_OPTIONS);
    expect(page.interviewers).toEqual([{ value: "Ann Lee", label: "Ann Lee" }]);
  });

  it("sends only the chosen entry of a list too long for a select, and names the list", () => {
    const chosen = optionsForPage(options(LISTED_OPTIONS + 1), { position: 7, interviewer: "Ann Lee" });
    expect(chosen.searched).toEqual(["positions"]);
    expect(chosen.positions).toEqual([
      { value: "7", label: "Position 7", clientId: "1", clientName: "Acme" },
    ]);
    expect(chosen.interviewers).toHaveLength(1);
    expect(optionsForPage(options(LISTED_OPTIONS + 1), {}).positions).toEqual([]);
  });
});

describe("matchingOptions", () => {
  const list = [
    { value: "1", label: "Senior Data Engineer", clientId: "1", clientName: "Northwind Traders" },
    { value: "2", label: "Data Analyst", clientId: "2", clientName: "Contoso" },
    { value: "3", label: "Engineering Manager", clientId: "2", clientName: "Contoso" },
  ];

  it("matches every typed word at the start of a word of the label or the client, in list order", () => {
    expect(matchingOptions(list, "data").map((o) => o.value)).toEqual(["1", "2"]);
    expect(matchingOptions(list, "eng DATA").map((o) => o.value)).toEqual(["1"]);
    expect(matchingOptions(list, "contoso eng").map((o) => o.value)).toEqual(["3"]);
    expect(matchingOptions(list, "ngineer")).toEqual([]);
  });

  it("offers the first entries when nothing is typed, at most the limit", () => {
    expect(matchingOptions(list, "  ", 2).map((o) => o.value)).toEqual(["1", "2"]);
    expect(matchingOptions(positions(500), "position").length).toBe(20);
  });
});
