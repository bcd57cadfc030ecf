import { describe, expect, it } from "vitest";
import {
  actionLabel,
  describeAudit,
  parseDetail,
  segmentsText,
  settingsChanges,
  type AuditFacts,
  type AuditSubjects,
} from "./audit-words";
import { DEFAULT_SETTINGS } from "./settings";

const none: AuditSubjects = {
  candidate: null,
  position: null,
  application: null,
  interview: null,
  user: null,
  client: null,
};
const aisha = { id: 7, name: "Aisha Adams" };
const isr = { id: 3, title: "Inside Sales Representative" };
const about: AuditSubjects = {
  ...none,
  candidate: aisha,
  position: isr,
  application: { id: 11 },
  interview: { round: 2, format: "video", interviewer_name: "Kim Lau" },
};
const when = (iso: string) => `[${iso.slice(0, 10)}]`;
const words = (entry: Partial<AuditFacts> & { action: string; entity: string }, s: AuditSubjects = about) =>
  describeAudit({ entityId: 1, detail: {}, ...entry }, s, when);
const text = (entry: Partial<AuditFacts> & { action: string; entity: string }, s: AuditSubjects = about) =>
  segmentsText(words(entry, s));

describe("describeAudit", () => {
  it("words follow-ups with links to the candidate, position and application", () => {
    expect(text({ action: "create", entity: "follow_up" })).toBe(
      "logged a follow-up from Aisha Adams for Inside Sales Representative.",
    );
    expect(words({ action: "create", entity: "follow_up" })).toContainEqual({
      text: "Aisha Adams",
      href: "/candidates/7",
    });
    expect(words({ action: "create", entity: "follow_up" })).toContainEqual({
      text: "Inside Sales Representative",
      href: "/positions/3",
    });
    expect(text({ action: "create", entity: "follow_up", detail: { via: "mail-in" } })).toContain(
      "at its mail-in address",
    );
    expect(
      text({
        action: "update",
        entity: "follow_up",
        detail: {
          changed: {
            channel: { from: "email", to: "sms" },
            received_at: { from: "2026-01-01", to: "2026-01-02" },
          },
        },
      }),
    ).toBe(
      "corrected the follow-up from Aisha Adams for Inside Sales Representative: the channel and the received time from [2026-01-01] to [2026-01-02].",
    );
    expect(text({ action: "delete", entity: "follow_up", detail: { channel: "email" } })).toBe(
      "deleted the email follow-up from Aisha Adams for Inside Sales Representative.",
    );
  });

  it("names a deleted follow-up or candidate from the detail, or says it was deleted", () => {
    expect(text({ action: "create", entity: "follow_up" }, none)).toBe("logged a follow-up, since deleted.");
    expect(text({ action: "delete", entity: "candidate", detail: { name: "Bo Berg" } }, none)).toBe(
      "deleted the candidate Bo Berg.",
    );
    expect(
      text({ action: "delete", entity: "position", detail: { title: "Driver", applications: 2 } }, none),
    ).toBe("deleted the position Driver and its 2 applications.");
    expect(text({ action: "update", entity: "candidate" }, none)).toBe(
      "edited the details of a candidate, since deleted.",
    );
    expect(text({ action: "delete", entity: "candidate", detail: { applications: 2 } }, none)).toBe(
      "deleted a candidate and their 2 applications.",
    );
  });

  it("words interviews, applications and their stage and outcome changes", () => {
    expect(text({ action: "create", entity: "interview" })).toBe(
      "logged the round 2 video interview with Kim Lau of Aisha Adams for Inside Sales Representative.",
    );
    expect(
      text(
        {
          action: "delete",
          entity: "interview",
          detail: { round: 1, format: "phone", interviewer: "Sam", followUps: 1 },
        },
        {
          ...about,
          interview: null,
        },
      ),
    ).toContain("deleted the round 1 phone interview with Sam of Aisha Adams");
    expect(text({ action: "create", entity: "application" })).toBe(
      "added Aisha Adams to the pipeline for Inside Sales Representative.",
    );
    expect(
      text({
        action: "update",
        entity: "application",
        detail: { change: "outcome", outcome: { from: "pending", to: "offer" } },
      }),
    ).toBe("changed the outcome of Aisha Adams (Inside Sales Representative) from Pending to Offer.");
    expect(
      text({
        action: "update",
        entity: "application",
        detail: { change: "stage", stage: { from: "screen", to: "final" } },
      }),
    ).toMatch(/^moved Aisha Adams \(Inside Sales Representative\) from \S+ to \S+/);
  });

  it("words imports, settings, users, clients, share links and rescoring", () => {
    expect(
      text(
        {
          action: "import",
          entity: "csv",
          detail: { rows: 14, skippedBadRows: 0, created: { candidates: 6 } },
        },
        none,
      ),
    ).toBe("imported a CSV file: 14 rows, 6 candidates.");
    const after = { ...DEFAULT_SETTINGS, windows: { ...DEFAULT_SETTINGS.windows, best: 240 } };
    expect(
      text(
        {
          action: "update",
          entity: "settings",
          detail: {
            before: { ...DEFAULT_SETTINGS, windows: { ...DEFAULT_SETTINGS.windows, best: 360 } },
            after,
          },
        },
        none,
      ),
    ).toBe("changed the settings: best window 6 h → 4 h.");
    expect(
      text(
        { action: "invite", entity: "user", detail: { role: "recruiter" } },
        { ...none, user: { name: "Vera" } },
      ),
    ).toBe("invited Vera as Recruiter.");
    expect(
      text(
        { action: "update", entity: "user", detail: { from: "recruiter", to: "admin" } },
        { ...none, user: { name: "Vera" } },
      ),
    ).toBe("changed Vera's role from Recruiter to Admin.");
    expect(text({ action: "sign_in", entity: "user" }, none)).toBe("signed in.");
    expect(
      text({ action: "update", entity: "client", detail: { before: "Acme", after: "Acme Ltd" } }, none),
    ).toBe("renamed the client Acme to Acme Ltd.");
    expect(
      text(
        { action: "create", entity: "share_link", detail: { expiresOn: "2027-01-01" } },
        { ...none, client: { id: 1, name: "Acme" } },
      ),
    ).toBe("shared a report with Acme until 2027-01-01.");
    expect(text({ action: "rescore", entity: "organization", detail: { followUps: 3 } }, none)).toBe(
      "rescored the organization's 3 follow-ups.",
    );
  });

  it("words unknown actions and entities generically, never as raw JSON", () => {
    const detail = { secret: { nested: "value" }, list: [1, 2] };
    expect(text({ action: "archive", entity: "widget_thing", detail }, none)).toBe(
      "recorded “archive” on a widget thing.",
    );
    expect(text({ action: "revoke", entity: "api_key", detail }, none)).toBe("revoked an api key.");
    for (const [action, entity] of [
      ["update", "settings"],
      ["update", "application"],
      ["create", "position"],
      ["frobnicate", "follow_up"],
    ]) {
      const t = text({ action, entity, detail: { ...detail, changed: "x", before: 1 } });
      expect(t).not.toMatch(/[{}"[\]]/);
    }
  });
});

describe("settingsChanges and parseDetail", () => {
  it("lists only what changed", () => {
    expect(settingsChanges(DEFAULT_SETTINGS, DEFAULT_SETTINGS)).toBe("");
    expect(
      settingsChanges(DEFAULT_SETTINGS, {
        ...DEFAULT_SETTINGS,
        workingHours: { ...DEFAULT_SETTINGS.workingHours, end: "18:00" },
      }),
    ).toBe("working hours end 17:00 → 18:00");
  });
  it("reads bad JSON as nothing", () => {
    expect(parseDetail("{oops")).toEqual({});
    expect(parseDetail(null)).toEqual({});
    expect(parseDetail("[1]")).toEqual({});
  });
});

describe("actionLabel", () => {
  it("names the log's actions in words, and an unknown one with spaces", () => {
    expect(actionLabel("update")).toBe("Changed");
    expect(actionLabel("sign_in")).toBe("Signed in");
    expect(actionLabel("bulk_move")).toBe("bulk move");
  });
});
