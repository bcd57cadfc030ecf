// A generated candidate's follow-ups: the first one after an interview, in the candidate's style and
// referring back to the interview's topics, and now and then a second one days later.
import type { Channel, FollowUpTable } from "../../db/schema";
import type { Insertable } from "kysely";
import { DAY, HOUR, MINUTE } from "./calendar";
import type { Person } from "./people";
import type { PlanPosition } from "./plan";
import type { Rng } from "./random";
import * as text from "./text";
import { CHANNELS_BY_STYLE, type CandidateTraits } from "./traits";

export interface GenFollowUp {
  row: Omit<Insertable<FollowUpTable>, "organization_id" | "interview_id" | "body_hash">;
}

/**
 * The first follow-up to an interview, `latency` after it ended, in the candidate's style: a specific
 * one refers back to the interview's `topics`. `now` bounds when a recruiter logged it.
 */
export function generateFollowUp(
  now: number,
  r: Rng,
  c: CandidateTraits,
  position: PlanPosition,
  interviewer: Person,
  topics: text.TopicText[],
  latency: number,
  received: number,
  recruiterId: number,
): GenFollowUp {
  let channel = r.weighted(CHANNELS_BY_STYLE[c.style]);
  if (channel === "text" && !c.phone) channel = "email";
  const when =
    latency < 8 * HOUR
      ? "today"
      : latency < 36 * HOUR
        ? "yesterday"
        : latency > 5 * DAY
          ? "last week"
          : "earlier this week";
  const values: Record<string, string> = {
    interviewer: interviewer.first,
    interviewerFull: interviewer.name,
    first: c.first,
    full: c.name,
    title: position.title,
    client: position.client.name,
    when,
  };
  let body: string;
  let subject: string | null;
  switch (c.style) {
    case "specific":
      body = specificBody(r, values, topics, latency, channel);
      subject = r.pick(text.SPECIFIC_SUBJECTS);
      break;
    case "terse":
      body = r.pick(text.TERSE_LINES) + (channel === "email" ? "\n\n{first}" : "");
      subject = r.pick(text.SPECIFIC_SUBJECTS);
      break;
    case "generic": {
      if (r.chance(0.08)) values.title = "[Job Title]";
      if (r.chance(0.05)) values.client = "[Company Name]";
      const body1 = [
        r.pick(text.GENERIC_OPENERS),
        r.pick(text.GENERIC_THANKS),
        r.pick(text.GENERIC_MIDDLES),
        r.pick(text.GENERIC_FIT),
      ];
      body = [
        r.pick(text.GENERIC_GREETINGS),
        body1.filter(Boolean).join(" "),
        r.pick(text.GENERIC_CLOSERS),
        r.pick(text.GENERIC_SIGNOFFS),
      ].join("\n\n");
      subject = r.pick(text.GENERIC_SUBJECTS);
      break;
    }
    case "shared":
      body = c.sharedTemplate;
      subject = r.pick(["Thank you", "Thank you!", "Thank You for the Interview"]);
      break;
    case "stiff":
      if (r.chance(0.06)) values.client = "[Company Name]";
      body = stiffBody(r);
      subject = r.pick(text.STIFF_SUBJECTS);
      break;
  }
  return followUpRow(
    now,
    r,
    c,
    channel,
    subject === null ? null : text.fill(subject, values),
    text.fill(body, values),
    received,
    recruiterId,
  );
}

function specificBody(
  r: Rng,
  values: Record<string, string>,
  topics: text.TopicText[],
  latency: number,
  channel: Channel,
): string {
  const [main, second] = r.shuffled(topics);
  const refLine = text.fill(r.pick(text.REF_FRAMES), { ref: main.ref });
  if (channel === "text") {
    return `Hi {interviewer}, thanks for ${latency < 8 * HOUR ? "today" : "the conversation"}. ${refLine} ${r.pick(text.INTEREST_LINES)} {first}`;
  }
  const opener = r.pick(latency < 10 * HOUR ? text.SPECIFIC_OPENERS_SAME_DAY : text.SPECIFIC_OPENERS_LATER);
  // Not every specific note has every part the article names: some leave out their own experience,
  // the plain statement of interest or the next step, and score in the middle.
  const first = [opener, refLine];
  if (r.chance(0.8)) first.push(main.own);
  const rest: string[] = [];
  if (second && r.chance(0.75)) rest.push(text.fill(r.pick(text.SECOND_REF_FRAMES), { ref: second.ref }));
  if (r.chance(0.85)) rest.push(r.pick(text.INTEREST_LINES));
  if (r.chance(0.75)) rest.push(r.pick(text.NEXT_STEP_LINES));
  if (r.chance(0.4)) rest.push(r.pick(text.SPECIFIC_CLOSERS));
  const greeting = r.pick(["{interviewer},", "Hi {interviewer},", "{interviewer} -"]);
  return `${greeting}\n\n${first.join(" ")}\n\n${rest.join(" ")}\n\n${r.pick(text.SPECIFIC_SIGNOFFS)}`;
}

function stiffBody(r: Rng): string {
  const target = r.int(300, 450);
  const sentences = r.shuffled(text.STIFF_SENTENCES);
  const greeting = r.pick(text.STIFF_GREETINGS);
  const signoff = r.pick(text.STIFF_SIGNOFFS);
  let words = text.countWords(greeting) + text.countWords(signoff) + 2;
  const paragraphs: string[][] = [[]];
  for (const s of sentences) {
    const n = text.countWords(s);
    if (words + n > target) continue;
    words += n;
    let current = paragraphs[paragraphs.length - 1];
    if (current.length >= 3 && r.chance(0.5)) paragraphs.push((current = []));
    current.push(s);
  }
  return [greeting, ...paragraphs.map((p) => p.join(" ")), signoff].join("\n\n");
}

/** A short second note, days after the first. */
export function generateSecondFollowUp(
  now: number,
  r: Rng,
  c: CandidateTraits,
  position: PlanPosition,
  interviewer: Person,
  received: number,
  recruiterId: number,
): GenFollowUp {
  const values = { interviewer: interviewer.first, first: c.first, title: position.title };
  const channel: Channel = r.chance(0.85) ? "email" : "linkedin";
  return followUpRow(
    now,
    r,
    c,
    channel,
    text.fill(r.pick(text.SECOND_SUBJECTS), values),
    text.fill(r.pick(text.SECOND_FOLLOW_UPS), values),
    received,
    recruiterId,
  );
}

/** E-mails arrive through the mail-in address (nobody logs them); other channels a recruiter logs by hand. */
function followUpRow(
  now: number,
  r: Rng,
  c: CandidateTraits,
  channel: Channel,
  subject: string | null,
  body: string,
  received: number,
  recruiterId: number,
): GenFollowUp {
  const logged = Math.min(now, received + Math.round(r.between(MINUTE, 2 * HOUR)));
  return {
    row: {
      received_at: new Date(received).toISOString(),
      channel,
      subject: channel === "email" ? subject : null,
      body,
      sender: channel === "email" ? c.email : channel === "text" ? c.phone : c.name,
      logged_by: channel === "email" ? null : recruiterId,
      created_at: new Date(logged).toISOString(),
    },
  };
}
