import { describe, expect, it } from "vitest";
import { AtsSettingsFormSchema, readGreenhouseEvent } from "./ats-events";

const NOW = "2026-12-05T12:00:00.000Z";
const application = (overrides: Record<string, unknown> = {}) => ({
  id: 265277,
  status: "active",
  current_stage: { id: 1, name: "Preliminary Phone Screen" },
  candidate: { id: 265772, first_name: "Giuseppe", last_name: "Hurley", email_addresses: [] },
  jobs: [{ id: 3485, name: "Designer", opened_at: "2026-01-23T00:25:04Z" }],
  ...overrides,
});
const event = (action: string, payload: unknown) => ({ action, payload });

describe("readGreenhouseEvent", () => {
  it("reads a stage change with the CSV import's words, then the organization's map", () => {
    const read = readGreenhouseEvent(
      event("candidate_stage_change", { application: application() }),
      {},
      NOW,
    );
    expect(read).toMatchObject({
      kind: "apply",
      application: {
        externalId: "265277",
        stage: "screen",
        outcome: null,
        candidate: {
          externalId: "265772",
          fields: { name: "Giuseppe Hurley", email: "", source: "Greenhouse" },
        },
        job: { externalId: "3485", title: "Designer", openedOn: "2026-01-23" },
      },
    });
    const mapped = readGreenhouseEvent(
      event("candidate_stage_change", { application: application() }),
      { stage: { "preliminary phone screen": "interview" } },
      NOW,
    );
    expect(mapped).toMatchObject({ application: { stage: "interview" } });
  });

  it("leaves an unknown stage and names it", () => {
    const read = readGreenhouseEvent(
      event("candidate_stage_change", { application: application({ current_stage: { name: "Zzyzx" } }) }),
      {},
      NOW,
    );
    expect(read).toMatchObject({ application: { stage: null, unknownStage: "Zzyzx" } });
  });

  it("dates a rejection by rejected_at, and an undated outcome by the day it arrived", () => {
    const rejected = readGreenhouseEvent(
      event("reject_candidate", {
        application: application({
          status: "rejected",
          rejected_at: "2026-12-01T15:50:41Z",
          rejection_reason: { name: "Too Junior" },
        }),
      }),
      {},
      NOW,
    );
    expect(rejected).toMatchObject({
      application: {
        stage: "closed",
        outcome: { outcome: "rejected", outcomeOn: "2026-12-01", reason: "Too Junior" },
      },
    });
    const hired = readGreenhouseEvent(event("hire_candidate", { application: application() }), {}, NOW);
    expect(hired).toMatchObject({ application: { outcome: { outcome: "hired", outcomeOn: "2026-12-05" } } });
  });

  it("names the fields at fault, and ignores what it does not read", () => {
    expect(readGreenhouseEvent({ payload: {} }, {}, NOW)).toMatchObject({
      kind: "invalid",
      issues: [{ field: "action" }],
    });
    expect(
      readGreenhouseEvent(
        event("candidate_stage_change", { application: application({ jobs: [] }) }),
        {},
        NOW,
      ),
    ).toMatchObject({ kind: "invalid", issues: [{ field: "payload.application.jobs" }] });
    expect(readGreenhouseEvent(event("offer_deleted", {}), {}, NOW)).toMatchObject({ kind: "ignored" });
  });

  it("reads a scheduled interview's format from its location, and refuses one that ends before it starts", () => {
    const scheduled = {
      id: 7,
      application_id: 265277,
      start: { date_time: "2026-12-01T15:00:00Z" },
      end: { date_time: "2026-12-01T16:00:00Z" },
      location: "Office, 3rd floor",
      interviewers: [{ name: "Carl", email: null }],
    };
    expect(
      readGreenhouseEvent(event("interview_scheduled", { scheduled_interview: scheduled }), {}, NOW),
    ).toMatchObject({
      kind: "apply",
      application: null,
      interview: { format: "onsite", interviewerName: "Carl" },
    });
    const backwards = { ...scheduled, end: { date_time: "2026-12-01T14:00:00Z" } };
    expect(
      readGreenhouseEvent(event("interview_scheduled", { scheduled_interview: backwards }), {}, NOW),
    ).toMatchObject({ kind: "invalid" });
  });
});

describe("AtsSettingsFormSchema", () => {
  it("takes a mapping target as field:ours, and refuses a word for the wrong field", () => {
    expect(
      AtsSettingsFormSchema.parse({ intent: "map", word: "Panel", target: "stage:final" }),
    ).toMatchObject({
      target: { field: "stage", ours: "final" },
    });
    expect(
      AtsSettingsFormSchema.safeParse({ intent: "map", word: "Panel", target: "stage:hired" }).success,
    ).toBe(false);
  });
});
