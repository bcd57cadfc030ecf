import { describe, expect, it } from "vitest";
import {
  BULK_MAX,
  BulkChangeSchema,
  bulkDoneMessage,
  bulkDoneParam,
  bulkHeadline,
  BulkIdsSchema,
  bulkSummary,
  columnsParam,
  parseColumns,
  parsePipelineParams,
  PIPELINE_COLUMNS,
  statusViewModel,
  viewSearch,
} from "./pipeline";
import { DEFAULT_SETTINGS } from "./settings";

describe("parsePipelineParams", () => {
  it("reads filters, sort and columns from the URL", () => {
    const p = parsePipelineParams(
      new URLSearchParams(
        "stage=final&status=awaiting&window=best&band=high&outcome=offer&q=ann&sort=score&dir=asc&cols=stage,score",
      ),
    );
    expect(p.filters).toEqual({
      stage: "final",
      status: "awaiting",
      window: "best",
      band: "high",
      outcome: "offer",
    });
    expect(p.list).toMatchObject({ q: "ann", sort: "score", dir: "asc", page: 1, pageSize: 50 });
    expect(p.columns).toEqual(["stage", "score"]);
  });

  it("drops anything outside the whitelists instead of failing", () => {
    const p = parsePipelineParams(
      new URLSearchParams("stage=boss&status=1;drop&band=&sort=c.password&dir=up"),
    );
    expect(p.filters).toEqual({ stage: null, status: null, window: null, band: null, outcome: null });
    expect(p.list).toMatchObject({ sort: "lastInterview", dir: "desc" });
    expect(p.columns).toEqual([...PIPELINE_COLUMNS]);
  });
});

describe("parseColumns", () => {
  it("accepts a comma list or repeated values, in the table's order, and an empty choice", () => {
    expect(parseColumns(["score,stage"])).toEqual(["stage", "score"]);
    expect(parseColumns(["", "outcome", "status", "nonsense"])).toEqual(["status", "outcome"]);
    expect(parseColumns([""])).toEqual([]);
    expect(parseColumns([])).toEqual([...PIPELINE_COLUMNS]);
  });

  it("leaves cols out of the URL when every column shows", () => {
    expect(columnsParam(PIPELINE_COLUMNS)).toBeNull();
    expect(columnsParam(["stage", "score"])).toBe("stage,score");
  });
});

describe("statusViewModel", () => {
  const windows = DEFAULT_SETTINGS.windows;
  it("counts down to each threshold while awaiting", () => {
    const view = statusViewModel(
      { endsAt: "2026-11-26T10:00:00.000Z", firstFollowUpAt: null, window: null, latencyMinutes: null },
      "2026-11-26T12:00:00.000Z",
      windows,
    );
    expect(view).toEqual({
      kind: "awaiting",
      deadlines: [
        { window: "best", at: "2026-11-26T16:00:00.000Z", thresholdLabel: "6 h (best)" },
        { window: "ideal", at: "2026-11-26T22:00:00.000Z", thresholdLabel: "12 h (ideal)" },
        { window: "acceptable", at: "2026-11-27T10:00:00.000Z", thresholdLabel: "24 h (acceptable)" },
        { window: "late", at: "2026-11-29T10:00:00.000Z", thresholdLabel: "72 h (late)" },
      ],
    });
  });

  it("shows the window and latency once received, none after the window, and not interviewed", () => {
    expect(
      statusViewModel(
        {
          endsAt: "2026-11-26T10:00:00.000Z",
          firstFollowUpAt: "2026-11-26T12:30:00.000Z",
          window: "best",
          latencyMinutes: 150,
        },
        "2026-11-27T00:00:00.000Z",
        windows,
      ),
    ).toEqual({
      kind: "received",
      window: "best",
      label: "Best (≤ 6 h)",
      latency: "2 h 30 min",
    });
    expect(
      statusViewModel(
        { endsAt: "2026-11-20T10:00:00.000Z", firstFollowUpAt: null, window: null, latencyMinutes: null },
        "2026-11-27T00:00:00.000Z",
        windows,
      ),
    ).toEqual({ kind: "none" });
    expect(statusViewModel(null, "2026-11-27T00:00:00.000Z", windows)).toEqual({ kind: "not_interviewed" });
  });

  it("names the organization's thresholds, not the defaults", () => {
    const view = statusViewModel(
      { endsAt: "2026-11-26T10:00:00.000Z", firstFollowUpAt: null, window: null, latencyMinutes: null },
      "2026-11-26T10:30:00.000Z",
      { best: 120, ideal: 300, acceptable: 1440, late: 2880 },
    );
    expect(view.kind === "awaiting" && view.deadlines.map((d) => d.thresholdLabel)).toEqual([
      "2 h (best)",
      "5 h (ideal)",
      "24 h (acceptable)",
      "48 h (late)",
    ]);
    expect(
      statusViewModel(
        {
          endsAt: "2026-11-26T10:00:00.000Z",
          firstFollowUpAt: "2026-11-26T13:00:00.000Z",
          window: "ideal",
          latencyMinutes: 180,
        },
        "2026-11-27T00:00:00.000Z",
        { best: 120, ideal: 300, acceptable: 1440, late: 2880 },
      ),
    ).toMatchObject({ kind: "received", window: "ideal", label: "Ideal (≤ 5 h)" });
  });
});

describe("viewSearch", () => {
  const view = (query: string) => viewSearch(parsePipelineParams(new URLSearchParams(query)));

  it("writes only what differs from the default, in one order, without the page", () => {
    expect(view("")).toBe("");
    expect(view("sort=lastInterview&dir=desc&q=&stage=&page=3")).toBe("");
    expect(
      view("outcome=offer&q=ann&page=2&stage=final&sort=score&dir=asc&pageSize=100&cols=stage,score"),
    ).toBe("?q=ann&stage=final&outcome=offer&sort=score&dir=asc&pageSize=100&cols=stage%2Cscore");
  });

  it("gives the same string for two URLs of the same view, and drops what the page would ignore", () => {
    expect(view("status=awaiting&band=high")).toBe(view("band=high&status=awaiting&sort=lastInterview"));
    expect(view("status=awaiting&sort=c.password&bulk=1")).toBe("?status=awaiting");
  });

  it("keeps an empty column choice", () => {
    expect(view("cols=")).toBe("?cols=");
  });
});

describe("BulkIdsSchema", () => {
  it("reads ticked rows and the page's comma list, counting each id once", () => {
    expect(BulkIdsSchema.parse(["4", "7,4,9", " 12 "])).toEqual([4, 7, 9, 12]);
  });

  it("refuses nothing ticked, ids that are not ids, and more than the limit", () => {
    expect(BulkIdsSchema.safeParse([]).success).toBe(false);
    expect(BulkIdsSchema.safeParse(["1", "x"]).success).toBe(false);
    expect(BulkIdsSchema.safeParse(["0"]).success).toBe(false);
    expect(BulkIdsSchema.safeParse(["-3"]).success).toBe(false);
    const many = Array.from({ length: BULK_MAX + 1 }, (_, i) => String(i + 1));
    expect(BulkIdsSchema.safeParse([many.join(",")]).success).toBe(false);
    expect(BulkIdsSchema.parse([many.slice(0, BULK_MAX).join(",")])).toHaveLength(BULK_MAX);
  });
});

describe("BulkChangeSchema", () => {
  it("takes a stage or an outcome from the lists only", () => {
    expect(BulkChangeSchema.parse({ change: "stage", stage: "final" })).toEqual({
      change: "stage",
      stage: "final",
    });
    expect(BulkChangeSchema.safeParse({ change: "stage", stage: "boss" }).success).toBe(false);
    expect(BulkChangeSchema.safeParse({ change: "outcome", outcome: "offer" }).success).toBe(true);
    expect(BulkChangeSchema.safeParse({ change: "recruiter" }).success).toBe(false);
  });
});

describe("bulkSummary", () => {
  it("counts what changes, from which values in the process's order, and what already has the value", () => {
    const rows = [
      { stage: "interview", outcome: "pending" },
      { stage: "screen", outcome: "pending" },
      { stage: "final", outcome: "rejected" },
      { stage: "interview", outcome: "pending" },
    ] as const;
    expect(bulkSummary([...rows], { field: "stage", to: "final" })).toEqual({
      changing: 3,
      unchanged: 1,
      from: [
        { value: "screen", label: "Screen", count: 1 },
        { value: "interview", label: "Interview", count: 2 },
      ],
      toLabel: "Final",
    });
    expect(bulkSummary([...rows], { field: "outcome", to: "rejected" })).toMatchObject({
      changing: 3,
      unchanged: 1,
      from: [{ value: "pending", label: "Pending", count: 3 }],
    });
  });
});

describe("bulk sentences", () => {
  it("names the change and its count", () => {
    expect(bulkHeadline({ field: "stage", to: "final" }, 1)).toBe("Move 1 application to Final");
    expect(bulkHeadline({ field: "outcome", to: "rejected" }, 1200)).toBe(
      "Set the outcome of 1,200 applications to Rejected",
    );
  });

  it("reads back the done parameter it wrote, and nothing else", () => {
    expect(bulkDoneMessage(bulkDoneParam({ field: "stage", to: "final" }, 3))).toBe(
      "Moved 3 applications to Final.",
    );
    expect(bulkDoneMessage(bulkDoneParam({ field: "outcome", to: "hired" }, 1))).toBe(
      "Set the outcome of 1 application to Hired.",
    );
    expect(bulkDoneMessage(null)).toBeNull();
    expect(bulkDoneMessage("stage:boss:3")).toBeNull();
    expect(bulkDoneMessage("<script>")).toBeNull();
  });
});
