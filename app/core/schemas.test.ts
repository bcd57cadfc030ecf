// The forms' schemas: what a person sees beside a field they left wrong.
import { describe, expect, it } from "vitest";
import { LogFollowUpSchema, LogInterviewSchema } from "./schemas";

function messagesFor(
  result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } },
  field: string,
): string[] {
  return (result.error?.issues ?? []).filter((i) => i.path[0] === field).map((i) => i.message);
}

describe("date and time fields", () => {
  it("say once that an empty received time is missing, not also that its format is wrong", () => {
    const result = LogFollowUpSchema.safeParse({
      interviewId: "1",
      receivedAt: "",
      channel: "email",
      body: "Thanks",
    });
    expect(messagesFor(result, "receivedAt")).toEqual(["Enter the received date and time."]);
  });

  it("name the format when a time is typed wrong", () => {
    const result = LogInterviewSchema.safeParse({
      applicationId: "1",
      startsAt: "tomorrow",
      endsAt: "",
      timeZone: "UTC",
      format: "video",
      round: "1",
      notes: "",
    });
    expect(messagesFor(result, "startsAt")).toEqual([
      "Enter the start as a date and time, like 2026-11-26 14:00.",
    ]);
    expect(messagesFor(result, "endsAt")).toEqual(["Enter the end date and time."]);
  });
});
