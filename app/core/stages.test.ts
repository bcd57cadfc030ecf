import { describe, expect, it } from "vitest";
import { STAGES, stageAfterInterview } from "./stages";

describe("stageAfterInterview", () => {
  it("moves an application that has not reached the interview stage to it", () => {
    expect(stageAfterInterview("applied")).toBe("interview");
    expect(stageAfterInterview("screen")).toBe("interview");
  });

  it("leaves later stages where they are, never moving one back", () => {
    for (const stage of ["interview", "final", "offer", "closed"] as const)
      expect(stageAfterInterview(stage)).toBeNull();
  });

  it("only ever suggests a stage later than the current one", () => {
    for (const stage of STAGES) {
      const next = stageAfterInterview(stage);
      if (next) expect(STAGES.indexOf(next)).toBeGreaterThan(STAGES.indexOf(stage));
    }
  });
});
