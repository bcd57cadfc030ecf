import { describe, expect, it } from "vitest";
import {
  columnsParam,
  parseColumns,
  parsePipelineParams,
  PIPELINE_COLUMNS,
  statusViewModel,
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
