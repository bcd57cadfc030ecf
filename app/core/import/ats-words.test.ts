import { describe, expect, it } from "vitest";
import {
  channelOf,
  formatOf,
  mappedValue,
  outcomeOf,
  parseValueMapping,
  stageOf,
  withValueMapping,
} from "./ats-words";

describe("stageOf", () => {
  it.each([
    // Greenhouse defaults
    ["Application Review", "applied"],
    ["Preliminary Phone Screen", "screen"],
    ["Phone Interview", "interview"],
    ["Face to Face", "interview"],
    ["Take Home Test", "interview"],
    ["Reference Check", "final"],
    ["Offer", "offer"],
    // Lever
    ["New applicant", "applied"],
    ["Reached out", "applied"],
    ["Recruiter screen", "screen"],
    ["On-site interview", "interview"],
    // Ashby
    ["Hiring Manager Screen", "screen"],
    ["Technical Interview", "interview"],
    ["Onsite", "interview"],
    ["Archived", "closed"],
    // Workable
    ["Sourced", "applied"],
    ["Assessment", "interview"],
    ["Disqualified", "closed"],
    // Bullhorn
    ["Submitted", "applied"],
    ["Client Submission", "screen"],
    ["Interview Scheduled", "interview"],
    ["Offer Extended", "offer"],
    ["Placed", "closed"],
    // Shapes no list names
    ["2nd Round Interview", "interview"],
    ["Onsite - Engineering", "interview"],
    ["Hiring Manager", "interview"],
    ["Team Interview", "interview"],
    ["Panel", "interview"],
    ["Final Round (CEO)", "final"],
    ["Culture Add Conversation", "interview"],
    ["System Design", "interview"],
    ["Intro Call", "screen"],
    ["Offer Declined", "closed"],
    ["INTERVIEW", "interview"],
    ["final", "final"],
  ])("reads %s as %s", (value, stage) => {
    expect(stageOf(value)).toBe(stage);
  });

  it("leaves what it cannot tell", () => {
    expect(stageOf("Dreaming")).toBeNull();
    expect(stageOf("")).toBeNull();
  });
});

describe("outcomeOf", () => {
  it.each([
    ["Hired", "hired"],
    ["Placed", "hired"],
    ["Offer Accepted", "hired"],
    ["Rejected", "rejected"],
    ["Declined", "rejected"],
    ["Not selected", "rejected"],
    ["Rejected - Not a fit", "rejected"],
    ["Disqualified", "rejected"],
    ["Client Rejected", "rejected"],
    ["Withdrawn", "withdrawn"],
    ["Candidate withdrew", "withdrawn"],
    ["Offer declined", "withdrawn"],
    ["Active", "pending"],
    ["In process", "pending"],
    ["Open", "pending"],
    ["Offer", "offer"],
    ["Offer extended", "offer"],
  ])("reads %s as %s", (value, outcome) => {
    expect(outcomeOf(value)).toBe(outcome);
  });

  it("does not read a stage as an outcome", () => {
    expect(outcomeOf("Phone Screen")).toBeNull();
    expect(outcomeOf("Onsite")).toBeNull();
  });
});

describe("formats and channels", () => {
  it("reads export words", () => {
    expect(formatOf("Phone Screen")).toBe("phone");
    expect(formatOf("Zoom")).toBe("video");
    expect(formatOf("Onsite - Engineering")).toBe("onsite");
    expect(formatOf("Technical Interview")).toBeNull();
    expect(channelOf("E-mail")).toBe("email");
    expect(channelOf("LinkedIn")).toBe("linkedin");
    expect(channelOf("SMS")).toBe("text");
    expect(channelOf("Pigeon")).toBeNull();
  });
});

describe("value maps", () => {
  it("reads a value through the map first, whatever its case and spacing", () => {
    const map = withValueMapping({}, "stage", "Bar Raiser", "final");
    expect(mappedValue("stage", "bar  raiser", map)).toBe("final");
    expect(mappedValue("stage", "Onsite", map)).toBe("interview");
    expect(mappedValue("stage", "Dreaming", map)).toBeNull();
    expect(mappedValue("outcome", "On ice", withValueMapping({}, "outcome", "On ice", ""))).toBe("");
  });

  it("parses field:Value=ours", () => {
    expect(parseValueMapping("stage:Hiring Manager=interview")).toEqual({
      ok: true,
      field: "stage",
      value: "Hiring Manager",
      ours: "interview",
    });
    expect(parseValueMapping("outcome:On hold=")).toMatchObject({ ok: true, ours: "" });
    expect(parseValueMapping("follow-up-channel:Carrier pigeon=other")).toMatchObject({
      ok: true,
      field: "follow_up_channel",
    });
    expect(parseValueMapping("stage:A=B=final")).toMatchObject({ ok: true, value: "A=B", ours: "final" });
  });

  it.each([
    ["stage Hiring Manager", "is not field:Value=ours"],
    ["position:AE=final", "not a field whose values can be mapped"],
    ["stage:=final", "names no value"],
    ["stage:Hiring Manager=dreaming", "use one of applied, screen"],
  ])("refuses %s clearly", (text, message) => {
    const parsed = parseValueMapping(text);
    expect(parsed.ok === false && parsed.message).toContain(message);
  });
});
