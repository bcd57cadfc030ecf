// Detectors that read the candidate's own sentences, not keywords anywhere: who the note is addressed
// to, first-person claims about the candidate's own work, statements of interest, and concrete next
// steps. Each returns the sentences (with offsets into the analysed text) that earned it, so that the
// rubric can show them as evidence. Word lists are matched on wink's lower-cased tokens.
import { isKnownWord } from "./rarity";
import type { AnalyzedText, Tokens } from "./text";

export interface SentenceMatch {
  /** The sentence's text, trimmed. */
  text: string;
  start: number;
  end: number;
  /** What in it made the match ("a call", "references"…), and where: the words a page highlights. */
  cue: string;
  cueStart: number;
  cueEnd: number;
}

/** Words that made a match: their text and token range. */
interface Cue {
  text: string;
  first: number;
  last: number;
}

const rangesOf = new WeakMap<Tokens, [number, number][]>();

/** The token ranges [first, last] of each sentence (kept with the tokens: every detector reads them). */
export function sentenceRanges(tokens: Tokens): [number, number][] {
  const cached = rangesOf.get(tokens);
  if (cached) return cached;
  const ranges: [number, number][] = [];
  for (let i = 0; i < tokens.sentence.length; i++) {
    const s = tokens.sentence[i];
    if (ranges[s]) ranges[s][1] = i;
    else ranges[s] = [i, i];
  }
  const found = ranges.filter(Boolean);
  rangesOf.set(tokens, found);
  return found;
}

function sentenceMatch(
  text: string,
  tokens: Tokens,
  [first, last]: [number, number],
  cue: Cue,
): SentenceMatch {
  return {
    text: text.slice(tokens.start[first], tokens.end[last]).trim(),
    start: tokens.start[first],
    end: tokens.end[last],
    cue: cue.text,
    cueStart: tokens.start[cue.first],
    cueEnd: tokens.end[cue.last],
  };
}

const cueAt = (normal: readonly string[], i: number): Cue => ({ text: normal[i], first: i, last: i });

/** Phrases of tokens, indexed by their first token, so that a sentence is scanned once whatever their number. */
class PhraseIndex {
  private readonly byFirst = new Map<string, string[][]>();
  constructor(phrases: readonly string[][]) {
    for (const phrase of phrases) {
      const list = this.byFirst.get(phrase[0]);
      if (list) list.push(phrase);
      else this.byFirst.set(phrase[0], [phrase]);
    }
  }

  /** The first phrase found in tokens first..last, or null. */
  find(normal: readonly string[], first: number, last: number): Cue | null {
    for (let i = first; i <= last; i++) {
      const candidates = this.byFirst.get(normal[i]);
      if (!candidates) continue;
      for (const phrase of candidates) {
        if (i + phrase.length - 1 > last) continue;
        let ok = true;
        for (let j = 1; j < phrase.length && ok; j++) ok = normal[i + j] === phrase[j];
        if (ok) return { text: phrase.join(" "), first: i, last: i + phrase.length - 1 };
      }
    }
    return null;
  }
}

// wink keeps "I'm" as one token and expands the other contractions ("I'd" → "i would", "can't" → "can not").
const FIRST_PERSON = new Set(["i", "i'm", "me", "my", "myself", "mine"]);
const OTHER_SUBJECTS = new Set([
  "you",
  "your",
  "he",
  "she",
  "they",
  "it",
  "his",
  "her",
  "their",
  "the",
  "that",
  "this",
]);
const NEGATIONS = new Set(["not", "never", "no", "n't"]);
const MODALS = new Set([
  "will",
  "would",
  "can",
  "could",
  "shall",
  "should",
  "might",
  "may",
  "to",
  "going",
  "gonna",
  "want",
  "wanted",
  "hope",
  "love",
  "like",
  "if",
]);

// ---- Own experience --------------------------------------------------------------------------------

/** Verb forms that describe doing work, in past, present and -ing forms (non-native forms included). */
const WORK_VERBS = new Set(
  `built build building led lead leading managed manage managing ran run running grew grow growing closed close closing
  launched launch launching created create creating developed develop developing designed design designing sold sell selling
  shipped ship implemented implement implementing owned own owning scaled scale scaling doubled tripled exceeded exceed
  carried carry booked book booking worked work working handled handle handling dealt deal dealing spent spend hit hitting
  achieved achieve generated generate generating reduced reduce reducing increased increase increasing migrated migrate
  trained train training onboarded onboard onboarding helped help helping negotiated negotiate negotiating renewed renew
  expanded expand expanding prospected prospect prospecting automated automate wrote write writing presented present presenting
  covered cover covering supported support supporting moved move switched switch cut saved save rebuilt started start starting
  brought solved solve solving
  fixed fix fixing coached coach coaching hired hire hiring mentored mentor mentoring analysed analyzed analyse analyze
  analysing analyzing tracked track tracking measured measure modelled modeled model modelling forecasted forecast
  pitched pitch pitching called calling cold-called ramped ramp opened open opening won win winning lost beat beating
  rolled rolling delivered deliver delivering`.split(/\s+/),
);
/** Phrases that place the candidate's own work, whatever the verb. */
const OWN_WORK_PHRASES = new PhraseIndex([
  ["in", "my", "last"],
  ["in", "my", "current"],
  ["in", "my", "previous"],
  ["in", "my", "old"],
  ["at", "my", "last"],
  ["at", "my", "current"],
  ["at", "my", "previous"],
  ["my", "team"],
  ["my", "quota"],
  ["my", "territory"],
  ["my", "customers"],
  ["my", "clients"],
  ["my", "accounts"],
  ["my", "book"],
  ["when", "i", "was"],
  ["in", "my", "experience"],
]);

/**
 * Sentences in which the candidate says what they did or do at work: a first-person subject ("I",
 * "we", "my team") followed within a few words by a work verb that no modal or "to" turns into a wish
 * ("I'd love to build" is not a claim), or a phrase that places their own work ("in my last role").
 */
export function ownExperienceClaims(text: string, analyzed: AnalyzedText): SentenceMatch[] {
  const { tokens } = analyzed;
  const { normal } = tokens;
  const found: SentenceMatch[] = [];
  for (const range of sentenceRanges(tokens)) {
    const [first, last] = range;
    let cue = OWN_WORK_PHRASES.find(normal, first, last);
    for (let i = first; i <= last && cue === null; i++) {
      if (normal[i] !== "i" && normal[i] !== "i'm" && normal[i] !== "we") continue;
      for (let j = i + 1; j <= Math.min(last, i + 3); j++) {
        // "I would build" is a wish, "I think you built" someone else's work, "I never managed" none.
        if (MODALS.has(normal[j]) || OTHER_SUBJECTS.has(normal[j]) || NEGATIONS.has(normal[j])) break;
        if (WORK_VERBS.has(normal[j])) {
          cue = { text: `${normal[i]} … ${normal[j]}`, first: i, last: j };
          break;
        }
      }
    }
    if (cue !== null) found.push(sentenceMatch(text, tokens, range, cue));
  }
  return found;
}

// ---- Interest --------------------------------------------------------------------------------------

const INTEREST_WORDS = [
  "interested",
  "interest",
  "excited",
  "keen",
  "eager",
  "enthusiastic",
  "thrilled",
  "motivated",
];
const INTENSIFIERS = new Set([
  "very",
  "really",
  "so",
  "still",
  "truly",
  "genuinely",
  "super",
  "highly",
  "extremely",
  "even",
  "more",
  "most",
  "quite",
  "definitely",
]);
const INTEREST_PHRASES = new PhraseIndex([
  ["want", "this", "role"],
  ["want", "this", "job"],
  ["want", "this", "position"],
  ["want", "the", "role"],
  ["want", "the", "job"],
  ["want", "to", "join"],
  ["want", "to", "work"],
  ["like", "this", "job"],
  ["like", "this", "role"],
  ["like", "this", "position"],
  ["like", "the", "job"],
  ["like", "the", "role"],
  ["love", "to", "join"],
  ["love", "to", "be", "part"],
  ["love", "to", "work"],
  ["love", "to", "be", "on"],
  ["love", "the", "chance"],
  ["love", "the", "opportunity", "to", "join"],
  ["hope", "to", "join"],
  ["forward", "to", "joining"],
  ["forward", "to", "working"],
  ["can", "not", "wait", "to"],
  ["count", "me", "in"],
  ["right", "role", "for", "me"],
  ["exactly", "the", "role"],
  ["exactly", "what", "i'm", "looking"],
  ["exactly", "what", "i", "am", "looking"],
  ["exactly", "the", "kind"],
]);

/** Damerau–Levenshtein distance of at most one (one letter wrong, missing, extra or two swapped). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const INTEREST_INITIALS = new Set(INTEREST_WORDS.map((w) => w[0]));

function interestWord(token: string): string | null {
  // Most tokens start with another letter than every interest word: no comparison needed.
  if (!INTEREST_INITIALS.has(token[0])) return null;
  for (const word of INTEREST_WORDS) {
    if (token === word) return word;
    // One typo is forgiven in the longer words only ("intersted", "enthusiastc"), not in the first
    // letter (which keeps this cheap), and not when the word is a real one ("exited").
    if (
      word.length >= 7 &&
      token[0] === word[0] &&
      Math.abs(token.length - word.length) <= 1 &&
      withinOneEdit(token, word) &&
      !isKnownWord(token)
    )
      return word;
  }
  return null;
}

/**
 * Sentences that plainly state the candidate's interest: an interest word ("interested", "excited",
 * "keen"…, with one typo forgiven and non-native forms such as "very interest in" or "interested for")
 * in a sentence of the candidate's own (a first-person word, or the interest word opening it, as in
 * "Really excited about the role"), or a phrase such as "I want this role" or "would love to join".
 */
export function interestStatements(text: string, analyzed: AnalyzedText): SentenceMatch[] {
  const { tokens } = analyzed;
  const { normal } = tokens;
  const found: SentenceMatch[] = [];
  for (const range of sentenceRanges(tokens)) {
    const [first, last] = range;
    let cue = INTEREST_PHRASES.find(normal, first, last);
    if (cue === null) {
      let own = false;
      for (let i = first; i <= last && !own; i++) own = FIRST_PERSON.has(normal[i]);
      for (let i = first; i <= last && cue === null; i++) {
        const word = interestWord(normal[i]);
        if (word === null) continue;
        // "I am not interested" states the opposite.
        if (NEGATIONS.has(normal[i - 1]) || NEGATIONS.has(normal[i - 2])) continue;
        // "interest" as a noun counts only as the candidate's ("my interest", "I have big interest"),
        // not "your interest rates".
        if (word === "interest" && (!own || normal[i + 1] === "rate" || normal[i + 1] === "rates")) continue;
        let opener = true;
        for (let j = first; j < i && opener; j++)
          opener =
            INTENSIFIERS.has(normal[j]) || normal[j] === "and" || normal[j] === "," || normal[j] === "am";
        if (own || opener) cue = cueAt(normal, i);
      }
    }
    if (cue !== null) found.push(sentenceMatch(text, tokens, range, cue));
  }
  return found;
}

// ---- Next step -------------------------------------------------------------------------------------

/** A first-person offer or a proposal, the frame a concrete step is put in. */
const OFFER_PHRASES = new PhraseIndex([
  ["i", "can"],
  ["i", "could"],
  ["i", "will"],
  ["i", "would", "be", "happy"],
  ["i", "am", "happy"],
  ["i'm", "happy"],
  ["happy", "to"],
  ["glad", "to"],
  ["i", "would", "love", "to"],
  ["i", "have", "attached"],
  ["i", "attached"],
  ["attached", "is"],
  ["attaching"],
  ["attached"],
  ["i", "have", "put", "together"],
  ["i", "put", "together"],
  ["i", "would", "like", "to"],
  ["let", "me", "know", "if", "you", "would", "like", "me"],
  ["would", "you", "like", "me"],
  ["should", "i"],
  ["shall", "i"],
  ["can", "i"],
  ["would", "you", "be", "open"],
  ["are", "you", "open"],
  ["could", "we"],
  ["can", "we"],
  ["shall", "we"],
  ["let", "us"],
  ["would", "it", "help"],
  ["does", "that", "work"],
  ["would", "that", "work"],
  ["are", "you", "free"],
  ["works", "for", "you"],
  ["work", "for", "you"],
  ["if", "helpful"],
  ["if", "useful"],
  ["if", "it", "helps"],
  ["here", "is"],
]);
const HEAR_BACK = new PhraseIndex([
  ["hear", "from", "you"],
  ["hearing", "from", "you"],
  ["hear", "back"],
]);
/** After an offer, words that look back or only observe: "glad to have met", "I can see how", "I will never forget". */
const NOT_AN_ACTION = new Set([
  "have",
  "had",
  "met",
  "hear",
  "heard",
  "learn",
  "see",
  "imagine",
  "understand",
  "tell",
  "feel",
  "relate",
  "appreciate",
  "picture",
  "never",
  "not",
  "forget",
  "remember",
  "say",
]);
/** A conversation that already happened: "our chat", "the call" (but "a call" is a proposal). */
const DEFINITE = new Set(["our", "the", "this", "that", "today's", "yesterday's", "your"]);
const CONVERSATIONS = new Set([
  "call",
  "calls",
  "chat",
  "meet",
  "meeting",
  "talk",
  "zoom",
  "video",
  "conversation",
]);
/** Words of availability, which make a step only with a day or time ("free Tuesday"). */
const AVAILABLE = new Set(["available", "free", "availability", "flexible"]);
/** What a concrete step is about: an action, a deliverable, a person or a topic to settle. */
const STEP_OBJECTS = new Set(
  `send sending share sharing provide forward introduce introduction connect set schedule book call calls chat meet meeting
  demo walk present presentation deck plan 30-60-90 proposal draft sample references reference referees referee
  portfolio example examples write-up writeup compensation salary comp package notice start roleplay role-play exercise assignment
  mock pitch shadow shadowing audit analysis breakdown outline recap summary doc document spreadsheet model dashboard prototype
  sql query code repo repository slides zoom teams video availability slot slots calendar invite loom`.split(
    /\s+/,
  ),
);
const TIME_WORDS = new Set(
  `monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri tomorrow tonight
  morning afternoon evening week weekend eod eow noon asap anytime`.split(/\s+/),
);
/** The words of a closing line about the process: "look forward to hearing about next steps". */
const BOILERPLATE = new Set([
  "look",
  "looking",
  "forward",
  "next",
  "steps",
  "step",
  "hear",
  "hearing",
  "back",
  "process",
  "decision",
  "update",
  "updates",
  "news",
  "from",
  "you",
  "soon",
]);

function isTimeToken(token: string): boolean {
  if (TIME_WORDS.has(token)) return true;
  const c = token.charCodeAt(0);
  if (c < 48 || c > 57) return false;
  return (
    /^\d{1,2}(?::\d{2})?(?:am|pm)\.?$/.test(token) ||
    /^\d{1,2}:\d{2}$/.test(token) ||
    /^\d{1,2}\/\d{1,2}$/.test(token)
  );
}

export interface NextSteps {
  proposals: SentenceMatch[];
  /** Sentences that only mention next steps ("look forward to hearing about next steps"). */
  boilerplate: SentenceMatch[];
}

/**
 * Concrete next steps in the candidate's own sentences: an offer or a proposal ("I can…", "happy
 * to…", "could we…", "I've attached…") with something concrete in the same sentence (references, a
 * call, a deliverable, a day or time), or availability with a time ("free Tuesday", "available any day
 * this week"). A sentence about next steps with nothing concrete is boilerplate, not a step.
 */
export function nextSteps(text: string, analyzed: AnalyzedText): NextSteps {
  const { tokens } = analyzed;
  const { normal } = tokens;
  const result: NextSteps = { proposals: [], boilerplate: [] };
  for (const range of sentenceRanges(tokens)) {
    const [first, last] = range;
    let frame = OFFER_PHRASES.find(normal, first, last);
    if (frame !== null && NOT_AN_ACTION.has(normal[frame.last + 1])) frame = null;
    // One pass over the sentence: what it offers (only when it has a frame), when, and whose.
    let object: Cue | null = null;
    let time: Cue | null = null;
    let available = false;
    let own = false;
    for (let i = first; i <= last; i++) {
      const token = normal[i];
      if (frame !== null && object === null && STEP_OBJECTS.has(token)) {
        // "forward" is a step ("I can forward the deck"), "look forward" is not; "a call" is, "our call" is not.
        const looking = token === "forward" && (normal[i - 1] === "look" || normal[i - 1] === "looking");
        const past = CONVERSATIONS.has(token) && DEFINITE.has(normal[i - 1]);
        if (!looking && !past) object = cueAt(normal, i);
      } else if (frame !== null && object === null && token === "case" && normal[i + 1] === "study") {
        object = { text: "case study", first: i, last: i + 1 };
      }
      if (time === null && isTimeToken(token)) time = cueAt(normal, i);
      if (AVAILABLE.has(token)) available = true;
      else if (FIRST_PERSON.has(token)) own = true;
    }
    // Availability is the candidate's: "The pilot will be available next week" is not a step.
    available &&= own;
    const availability = available && time !== null;
    if ((frame !== null && (object !== null || time !== null)) || availability) {
      result.proposals.push(sentenceMatch(text, tokens, range, object ?? time ?? frame!));
      continue;
    }
    let mentions: Cue | null = null;
    for (let i = first; i < last && mentions === null; i++) {
      if (normal[i] === "next" && (normal[i + 1] === "steps" || normal[i + 1] === "step"))
        mentions = { text: "next steps", first: i, last: i + 1 };
    }
    if (mentions === null && frame === null) mentions = HEAR_BACK.find(normal, first, last);
    if (mentions !== null) {
      let onlyBoilerplate = true;
      for (let i = first; i <= last && onlyBoilerplate; i++)
        onlyBoilerplate = !STEP_OBJECTS.has(normal[i]) || BOILERPLATE.has(normal[i]);
      if (onlyBoilerplate) result.boilerplate.push(sentenceMatch(text, tokens, range, mentions));
    }
  }
  return result;
}

// ---- Greeting --------------------------------------------------------------------------------------

const GREETING_WORDS =
  /^(?:hi|hello|hey|dear|hiya|greetings|good\s+(?:morning|afternoon|evening|day)|thanks|thank\s+you|many\s+thanks)\b[\s,!]*/i;
const HONORIFIC = /^(?:mr|mrs|ms|miss|mx|dr|prof|herr|frau)\.?\s+/i;
const NAME = /^\p{Lu}[\p{L}'’-]*/u;
const NOT_NAMES = new Set([
  "team",
  "all",
  "everyone",
  "everybody",
  "there",
  "folks",
  "guys",
  "both",
  "hiring",
  "manager",
  "sir",
  "madam",
  "again",
  "so",
  "for",
  "you",
  "panel",
  "colleagues",
  "y'all",
  "friends",
  "recruiter",
  "recruiting",
  "talent",
  "great",
  "congratulations",
  "wonderful",
  "thanks",
  "thank",
  "hello",
  "hi",
  "hey",
  "wow",
  "awesome",
  "perfect",
  "excellent",
  "brilliant",
  "cheers",
  "apologies",
  "sorry",
  "update",
  "quick",
  "following",
  "re",
  "fyi",
  "ps",
  "good",
  "greetings",
  "dear",
  "just",
  "happy",
]);

/**
 * The people a note is addressed to: the names after a greeting on its first line ("Hi Sarah,",
 * "Dear Mr. Chen and Tom", "Sarah —"), as written. Empty when the first line is no greeting.
 */
export function addressees(text: string): string[] {
  const firstLine = text.trimStart().split("\n", 1)[0] ?? "";
  let rest = firstLine.slice(0, 120);
  const greeting = GREETING_WORDS.exec(rest);
  if (greeting) rest = rest.slice(greeting[0].length).replace(/^again\s+/i, "");
  const names: string[] = [];
  for (;;) {
    rest = rest.replace(HONORIFIC, "");
    const name = NAME.exec(rest);
    if (!name || NOT_NAMES.has(name[0].toLowerCase())) break;
    rest = rest.slice(name[0].length);
    // A surname after the first name belongs to the same person.
    const surname = /^\s+(\p{Lu}[\p{L}'’-]*)/u.exec(rest);
    if (surname && !NOT_NAMES.has(surname[1].toLowerCase())) rest = rest.slice(surname[0].length);
    // Without a greeting word, a name counts only when a comma or dash follows it ("Sarah, thanks…"),
    // so that an opening "Great!" or "Congratulations on the launch" is no name.
    if (!greeting && names.length === 0 && !/^\s*(?:[,:—–-]|$)/.test(rest)) return [];
    names.push(name[0]);
    const joiner = /^\s*(?:,|&|\band\b|\/)\s*/.exec(rest);
    if (!joiner) break;
    rest = rest.slice(joiner[0].length);
  }
  return names;
}

const THANKED =
  /\b(?:[Tt]hanks|[Tt]hank you)(?:\s+(?:so much|again|very much))?,?\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?(\p{Lu}[\p{L}'’-]+)/gu;

/** People thanked by name anywhere in the text ("Thanks again, John", "Thank you Sarah for…"). */
export function thankedNames(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(THANKED)) if (!NOT_NAMES.has(m[1].toLowerCase())) names.push(m[1]);
  return names;
}
