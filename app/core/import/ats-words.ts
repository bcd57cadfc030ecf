// The words other applicant tracking systems export for a stage, a status (outcome), an interview's
// format and a follow-up's channel, read into ours. Each system has its own defaults (Greenhouse:
// "Application Review", "Preliminary Phone Screen", "Face to Face", "Reference Check"; Lever: "New
// applicant", "Recruiter screen", "On-site interview", archive reasons; Ashby: "Hiring Manager Screen",
// "Technical Interview", "Onsite"; Workable: "Sourced", "Assessment", "Disqualified"; Bullhorn:
// "Submitted", "Client Submission", "Interview Scheduled", "Placed"), and every company renames them,
// so a value is read in three steps: the exact phrase, then the phrases it contains as whole words
// ("2nd Round Interview", "Onsite - Engineering"), most telling first. What none of them reads is
// listed once on the preview, to be mapped by hand (ValueMap).
import { CHANNELS, type Channel } from "../channels";
import { INTERVIEW_FORMATS, type InterviewFormat } from "../interview-formats";
import { OUTCOMES, type Outcome } from "../outcomes";
import { STAGES, type Stage } from "../stages";

/** A value as compared: lower case, words of letters and digits separated by single spaces. */
export function normalizeValue(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const has = (text: string, phrase: string) => ` ${text} `.includes(` ${phrase} `);
const hasAny = (text: string, phrases: readonly string[]) => phrases.some((p) => has(text, p));

// Exact phrases first: whole values whose words alone would mislead ("offer declined" is not an offer).
export const STAGE_WORDS: Record<string, Stage> = {
  applied: "applied",
  new: "applied",
  "new applicant": "applied",
  "new lead": "applied",
  application: "applied",
  "application review": "applied",
  lead: "applied",
  sourced: "applied",
  prospect: "applied",
  "reached out": "applied",
  responded: "applied",
  replied: "applied",
  submitted: "applied",
  "internally submitted": "applied",
  "client submission": "screen",
  "resume review": "applied",
  "cv review": "applied",
  screen: "screen",
  screening: "screen",
  "phone screen": "screen",
  "preliminary phone screen": "screen",
  "recruiter screen": "screen",
  "hiring manager screen": "screen",
  interview: "interview",
  interviewing: "interview",
  "interview scheduled": "interview",
  onsite: "interview",
  "face to face": "interview",
  "hiring manager": "interview",
  "hiring manager review": "interview",
  assessment: "interview",
  final: "final",
  "final interview": "final",
  "final round": "final",
  "reference check": "final",
  "reference checks": "final",
  references: "final",
  "background check": "final",
  offer: "offer",
  offered: "offer",
  "offer extended": "offer",
  "offer sent": "offer",
  closed: "closed",
  hired: "closed",
  placed: "closed",
  placement: "closed",
  rejected: "closed",
  archived: "closed",
  withdrawn: "closed",
  disqualified: "closed",
  declined: "closed",
  "offer declined": "closed",
  "offer accepted": "closed",
};

/** Contained phrases, most telling first: the first rule with a phrase in the value decides. */
const STAGE_RULES: { phrases: readonly string[]; stage: Stage }[] = [
  {
    phrases: [
      "hired",
      "placed",
      "rejected",
      "withdrawn",
      "withdrew",
      "disqualified",
      "archived",
      "declined",
      "not selected",
      "closed",
    ],
    stage: "closed",
  },
  { phrases: ["offer"], stage: "offer" },
  { phrases: ["final", "reference", "references", "background check", "executive"], stage: "final" },
  {
    phrases: [
      "screen",
      "screening",
      "intro call",
      "introductory call",
      "initial call",
      "phone call",
      "recruiter call",
      "qualification",
    ],
    stage: "screen",
  },
  {
    phrases: [
      "interview",
      "interviews",
      "interviewing",
      "round",
      "onsite",
      "on site",
      "face to face",
      "in person",
      "panel",
      "hiring manager",
      "technical",
      "take home",
      "assessment",
      "assignment",
      "exercise",
      "case study",
      "test",
      "challenge",
      "presentation",
      "pairing",
      "superday",
      "loop",
      "culture",
      "values",
      "meet the team",
      "conversation",
      "chat",
      "deep dive",
      "system design",
      "coding",
      "work sample",
      "portfolio",
      "trial day",
    ],
    stage: "interview",
  },
  {
    phrases: [
      "applied",
      "application",
      "applicant",
      "new",
      "lead",
      "sourced",
      "submitted",
      "review",
      "inbox",
    ],
    stage: "applied",
  },
];

export const OUTCOME_WORDS: Record<string, Outcome> = {
  pending: "pending",
  active: "pending",
  open: "pending",
  "in process": "pending",
  "in progress": "pending",
  "on hold": "pending",
  prospect: "pending",
  lead: "pending",
  new: "pending",
  offer: "offer",
  offered: "offer",
  "offer extended": "offer",
  "offer sent": "offer",
  hired: "hired",
  placed: "hired",
  accepted: "hired",
  "offer accepted": "hired",
  rejected: "rejected",
  declined: "rejected",
  "not selected": "rejected",
  archived: "rejected",
  disqualified: "rejected",
  "not a fit": "rejected",
  withdrawn: "withdrawn",
  withdrew: "withdrawn",
  "candidate withdrew": "withdrawn",
  "offer declined": "withdrawn",
  "declined offer": "withdrawn",
};

const OUTCOME_RULES: { phrases: readonly string[]; outcome: Outcome }[] = [
  // The candidate's own choice, before "declined" as a rejection.
  {
    phrases: [
      "withdrew",
      "withdrawn",
      "offer declined",
      "declined offer",
      "candidate declined",
      "accepted other",
    ],
    outcome: "withdrawn",
  },
  {
    phrases: [
      "not hired",
      "rejected",
      "reject",
      "declined",
      "not selected",
      "disqualified",
      "unqualified",
      "underqualified",
      "overqualified",
      "not a fit",
      "no hire",
      "not moving forward",
      "unresponsive",
      "position closed",
      "archived",
    ],
    outcome: "rejected",
  },
  { phrases: ["hired", "placed", "offer accepted", "accepted offer", "started"], outcome: "hired" },
  { phrases: ["offer"], outcome: "offer" },
  { phrases: ["active", "in process", "in progress", "open", "pending", "on hold"], outcome: "pending" },
];

const FORMAT_WORDS: Record<string, InterviewFormat> = {
  phone: "phone",
  call: "phone",
  "phone call": "phone",
  "phone screen": "phone",
  "phone interview": "phone",
  video: "video",
  zoom: "video",
  teams: "video",
  "google meet": "video",
  "video call": "video",
  "video interview": "video",
  virtual: "video",
  remote: "video",
  onsite: "onsite",
  "on site": "onsite",
  "in person": "onsite",
  office: "onsite",
  "face to face": "onsite",
};

const FORMAT_RULES: { phrases: readonly string[]; format: InterviewFormat }[] = [
  { phrases: ["onsite", "on site", "in person", "face to face", "office"], format: "onsite" },
  { phrases: ["video", "zoom", "teams", "meet", "webex", "virtual", "remote", "hangout"], format: "video" },
  { phrases: ["phone", "call", "telephone"], format: "phone" },
];

const CHANNEL_WORDS: Record<string, Channel> = {
  mail: "email",
  "e mail": "email",
  gmail: "email",
  outlook: "email",
  sms: "text",
  "text message": "text",
  "phone call": "phone",
  call: "phone",
  "linked in": "linkedin",
  "linkedin message": "linkedin",
  inmail: "linkedin",
};

function byRules<T>(text: string, rules: readonly { phrases: readonly string[] }[], pick: (i: number) => T) {
  const index = rules.findIndex((r) => hasAny(text, r.phrases));
  return index >= 0 ? pick(index) : null;
}

/** Our stage for an export's stage word, or null when it cannot be told. */
export function stageOf(value: string): Stage | null {
  const text = normalizeValue(value);
  if (!text) return null;
  if ((STAGES as readonly string[]).includes(text)) return text as Stage;
  return STAGE_WORDS[text] ?? byRules(text, STAGE_RULES, (i) => STAGE_RULES[i].stage);
}

/** Our outcome for an export's status or disposition, or null when it cannot be told. */
export function outcomeOf(value: string): Outcome | null {
  const text = normalizeValue(value);
  if (!text) return null;
  if ((OUTCOMES as readonly string[]).includes(text)) return text as Outcome;
  return OUTCOME_WORDS[text] ?? byRules(text, OUTCOME_RULES, (i) => OUTCOME_RULES[i].outcome);
}

/** Our format for an export's interview type, or null when it cannot be told. */
export function formatOf(value: string): InterviewFormat | null {
  const text = normalizeValue(value);
  if (!text) return null;
  if ((INTERVIEW_FORMATS as readonly string[]).includes(text)) return text as InterviewFormat;
  return FORMAT_WORDS[text] ?? byRules(text, FORMAT_RULES, (i) => FORMAT_RULES[i].format);
}

/** Our channel for an export's channel word, or null when it cannot be told. */
export function channelOf(value: string): Channel | null {
  const text = normalizeValue(value);
  if (!text) return null;
  if ((CHANNELS as readonly string[]).includes(text)) return text as Channel;
  if (text.replace(/ /g, "") === "linkedin") return "linkedin";
  return CHANNEL_WORDS[text] ?? null;
}

/** The fields whose values are words to read into ours. */
export const VALUE_FIELDS = ["stage", "outcome", "format", "follow_up_channel"] as const;
export type ValueField = (typeof VALUE_FIELDS)[number];

/** Our words for each value field, as a select offers them. */
export const VALUE_CHOICES: Record<ValueField, readonly string[]> = {
  stage: STAGES,
  outcome: OUTCOMES,
  format: INTERVIEW_FORMATS,
  follow_up_channel: CHANNELS,
};

/** Reads a value of a value field into ours, by the word tables; null when they cannot tell. */
export function readValue(field: ValueField, value: string): string | null {
  switch (field) {
    case "stage":
      return stageOf(value);
    case "outcome":
      return outcomeOf(value);
    case "format":
      return formatOf(value);
    case "follow_up_channel":
      return channelOf(value);
  }
}

/**
 * Values mapped by hand: field → normalized value → ours, or "" to leave the field unset for rows with
 * that value (stage and outcome unset; the default format and channel).
 */
export type ValueMap = Partial<Record<ValueField, Record<string, string>>>;

/**
 * A value read through the recruiter's map first, then the word tables: ours, `null` when the value
 * is unknown (not mapped and not in the tables), or "" when it was mapped to nothing.
 */
export function mappedValue(field: ValueField, value: string, map: ValueMap | undefined): string | null {
  const chosen = map?.[field]?.[normalizeValue(value)];
  if (chosen !== undefined) return chosen;
  return readValue(field, value);
}

export type ParsedValueMapping =
  { ok: true; field: ValueField; value: string; ours: string } | { ok: false; message: string };

/**
 * One `--map-value` argument, "field:Value=ours" ("stage:Hiring Manager=interview"; "outcome:On
 * hold=" leaves the outcome unset). The value is everything between the first ":" and the last "=".
 */
export function parseValueMapping(text: string): ParsedValueMapping {
  const colon = text.indexOf(":");
  const equals = text.lastIndexOf("=");
  if (colon <= 0 || equals < colon)
    return { ok: false, message: `“${text}” is not field:Value=ours (like stage:Hiring Manager=interview).` };
  const field = text
    .slice(0, colon)
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  const value = text.slice(colon + 1, equals).trim();
  const ours = text
    .slice(equals + 1)
    .trim()
    .toLowerCase();
  if (!(VALUE_FIELDS as readonly string[]).includes(field))
    return {
      ok: false,
      message: `“${field}” is not a field whose values can be mapped; use one of ${VALUE_FIELDS.join(", ")}.`,
    };
  if (!normalizeValue(value)) return { ok: false, message: `“${text}” names no value to map.` };
  const choices = VALUE_CHOICES[field as ValueField];
  if (ours !== "" && !choices.includes(ours))
    return {
      ok: false,
      message: `“${ours}” is not a ${field.replace(/_/g, " ")}; use one of ${choices.join(", ")}, or nothing to leave it unset.`,
    };
  return { ok: true, field: field as ValueField, value, ours };
}

/** Adds a mapping to a value map (a new map; the last mapping of a value wins). */
export function withValueMapping(map: ValueMap, field: ValueField, value: string, ours: string): ValueMap {
  return { ...map, [field]: { ...map[field], [normalizeValue(value)]: ours } };
}
