// The rubric's phrase lists, kept as data so that they can be reviewed, extended and tested entry by
// entry without touching the scorer. Each list has a kind; the scorer decides what a match is worth.
//
// An entry is either a literal phrase (matched case-insensitively, as whole words, with any run of
// whitespace between words and straight or curly apostrophes) or a regular expression `pattern`.
// Every entry carries (or is) an example that it must match: phrases.test.ts checks them all. Interest,
// next steps and own experience are read by sentence in detectors.ts, not from lists here.
// Matching lives in phrase-matcher.ts.

export type PhraseKind =
  | "stockOpener"
  | "stockCloser"
  | "stiff"
  | "placeholder"
  | "reference"
  | "autoReplySubject"
  | "autoReplyBody";

export interface PhraseEntry {
  /** The phrase itself, or for a pattern what it stands for. */
  label: string;
  /** Regular-expression source; without it the label is matched literally. */
  pattern?: string;
  /** Patterns only: match case-sensitively (e.g. a capitalized company name). */
  caseSensitive?: boolean;
  /** A text this entry must match; defaults to the label. */
  example?: string;
}

export interface PhraseList {
  kind: PhraseKind;
  description: string;
  entries: readonly PhraseEntry[];
}

const literal = (...labels: string[]): PhraseEntry[] => labels.map((label) => ({ label }));

export const STOCK_OPENERS: PhraseList = {
  kind: "stockOpener",
  description: "Stock openers that templates and text generators start with",
  entries: literal(
    "I hope this email finds you well",
    "I hope this message finds you well",
    "I hope this note finds you well",
    "I hope this finds you well",
    "I hope you are doing well",
    "I hope you're doing well",
    "I hope you are having a great day",
    "I am writing to express",
    "I'm writing to express",
    "I am writing to thank you",
    "Thank you for taking the time to",
    "Thank you so much for taking the time",
    "Thank you for the opportunity to interview",
    "I wanted to take a moment to",
    "I wanted to express my gratitude",
    "I would like to express my sincere gratitude",
    "I would like to thank you for",
    "Please allow me to",
  ),
};

export const STOCK_CLOSERS: PhraseList = {
  kind: "stockCloser",
  description: "Stock closing lines",
  entries: literal(
    "Please do not hesitate to contact me",
    "Please don't hesitate to reach out",
    "Do not hesitate to contact me",
    "Don't hesitate to contact me",
    "I look forward to hearing from you at your earliest convenience",
    "at your earliest convenience",
    "I look forward to hearing from you",
    "I look forward to the possibility of",
    "Thank you for your time and consideration",
    "Thank you again for your consideration",
    "Thank you once again for the opportunity",
    "Should you require any further information",
    "If you have any further questions",
    "Please feel free to contact me",
  ),
};

export const STIFF_MARKERS: PhraseList = {
  kind: "stiff",
  description: "Stiff or machine-written formality",
  entries: literal(
    "Furthermore",
    "Moreover",
    "Dear Sir or Madam",
    "To whom it may concern",
    "Dear Hiring Manager",
    "esteemed",
    "I am confident that my skills",
    "delve",
    "leverage my",
    "synergy",
    "synergies",
    "hereby",
    "aforementioned",
    "utmost",
    "Yours faithfully",
    "testament to",
    "proven track record",
    "unique blend",
    "fast-paced environment",
    "dynamic team",
    "invaluable insights",
    "I am eager to contribute",
    "align perfectly with",
    "in today's competitive landscape",
  ),
};

export const PLACEHOLDERS: PhraseList = {
  kind: "placeholder",
  description: "Template placeholders left in the text",
  entries: [
    { label: "[Job Title]" },
    { label: "[Company Name]" },
    { label: "[Your Name]" },
    { label: "[Interviewer Name]" },
    {
      label: "[bracketed field]",
      pattern: String.raw`\[[A-Za-z][A-Za-z .'’/_-]{1,40}\]`,
      example: "the [Position] role",
    },
    { label: "{name}", pattern: String.raw`\{\{?\s*[A-Za-z_][\w .-]{0,40}\}\}?`, example: "Hi {name}," },
    {
      label: "<Interviewer>",
      pattern: String.raw`<[A-Z][A-Za-z .'_-]{1,40}>|<\s*(?:name|first name|company|interviewer|job title|position|role|date)\s*>`,
      caseSensitive: true,
      example: "Dear <Interviewer>,",
    },
    // Capital X only: "XX" and "XXX" stand in for a name or a date; "xx" in prose is rare either way.
    {
      label: "XX",
      pattern: String.raw`(?<![A-Za-z0-9])XX+(?![A-Za-z0-9])`,
      caseSensitive: true,
      example: "Dear XX,",
    },
  ],
};

export const REFERENCE_PHRASES: PhraseList = {
  kind: "reference",
  description: "References to what was said in the interview",
  entries: literal(
    "you mentioned",
    "you said",
    "as we discussed",
    "you talked about",
    "that challenge you",
    "you described",
    "you shared",
    "you asked",
    "you pointed out",
    "you brought up",
    "you explained",
    "your point about",
    "what you said about",
    "when we talked about",
    "our conversation about",
    "our discussion about",
  ),
};

export const AUTO_REPLY_SUBJECTS: PhraseList = {
  kind: "autoReplySubject",
  description: "Subjects of automatic replies",
  entries: literal(
    "Out of office",
    "Out of the office",
    "Automatic reply",
    "Auto reply",
    "Auto-reply",
    "Autoreply",
    "Auto response",
    "Auto-response",
    "Autoresponse",
    "Away from the office",
    "Delivery Status Notification",
    "Undeliverable",
  ),
};

export const AUTO_REPLY_BODIES: PhraseList = {
  kind: "autoReplyBody",
  description: "Opening lines of automatic replies",
  entries: [
    ...literal(
      "I am currently out of the office",
      "I'm currently out of the office",
      "I am out of the office until",
      "I am currently away",
      "this is an automatic reply",
      "this is an automated reply",
      "this is an automated response",
      "this is an automated message",
      "I will respond to your email when I return",
      "I will respond to your message when I return",
      "I will reply when I return",
    ),
    {
      label: "away from my desk … limited access to email",
      pattern: String.raw`\baway from (?:my desk|the office|my computer)[\s\S]{0,200}?\blimited access to (?:e-?mail|my e-?mail)`,
      example: "I am away from my desk this week with limited access to email.",
    },
  ],
};

/** All phrase lists, by kind. */
export const PHRASE_LISTS: Record<PhraseKind, PhraseList> = {
  stockOpener: STOCK_OPENERS,
  stockCloser: STOCK_CLOSERS,
  stiff: STIFF_MARKERS,
  placeholder: PLACEHOLDERS,
  reference: REFERENCE_PHRASES,
  autoReplySubject: AUTO_REPLY_SUBJECTS,
  autoReplyBody: AUTO_REPLY_BODIES,
};
