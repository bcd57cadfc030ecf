// An invitation's description, and what of it may serve as the interview's notes. The scorer compares a
// follow-up with the notes (words and phrases of the conversation), so an invite's boilerplate there
// would reward a thank-you note for repeating "Microsoft Teams meeting" or a dial-in number.
//
// The rule: the notes of an interview read from a calendar are its description with the meeting-link
// boilerplate removed (the join blocks of Teams, Zoom, Google Meet and Webex, dial-in numbers,
// meeting ids and passcodes, separator lines, bare links, calendar footers), and only when at least
// three words remain that are not the event's title again. Otherwise the notes stay empty: a
// recruiter's own notes are then added on the interview's page.

const SEPARATOR = /^[\s_\-=~*:.•·─━]{3,}$/;
// Google Calendar wraps its Meet block (and its "do not edit" warning) in these delimiters.
const GOOGLE_BLOCK = /-::~[:~]*::-[\s\S]*?(?:-::~[:~]*::-|$)/g;

// Lines that belong to a meeting service's join block or a calendar's footer. Matched against the
// trimmed line, case-insensitive.
const BOILERPLATE: RegExp[] = [
  // Microsoft Teams
  /^microsoft teams (meeting|need help\??)$/i,
  /^join (on|from) your computer,? (mobile app|or mobile app)( or room device)?$/i,
  /^click here to join( the meeting)?\b/i,
  /^join the meeting now\b/i,
  /^download teams\b/i,
  /^join on the web\b/i,
  /^join with a video conferencing device\b/i,
  /^(video conference|phone conference|conference) id\b/i,
  /^alternate vtc instructions\b/i,
  /^or call in( \(audio only\))?$/i,
  /^(find a local number|reset (dial-in )?pin)\b/i,
  /^learn more( about teams)?( \| meeting options)?$/i,
  /^meeting options\b/i,
  /^for organizers:/i,
  /^need help\??$/i,
  /^system reference\b/i,
  /^\|?\s*learn more\s*\|/i,
  // Zoom
  /^join zoom meeting$/i,
  /\bis inviting you to a scheduled zoom meeting\.?$/i,
  /^(topic|time):/i,
  /^one tap mobile$/i,
  /^dial by your location$/i,
  /^find your local number\b/i,
  /^join (by|instructions|by sip|by h\.?323)\b/i,
  /^(meeting id|passcode|password|pin|access code|meeting number( \(access code\))?|meeting password|host key)\s*[:#]/i,
  /@zoomcrc\.com$/i,
  /^\d{1,3}(\.\d{1,3}){3}\b/,
  // Google Meet and Calendar
  /^join with google meet$/i,
  /^join by phone$/i,
  /^more phone numbers\b/i,
  /^learn more about meet\b/i,
  /^(please )?do not edit this section( of the description)?\.?$/i,
  /^this event has a video call\.?$/i,
  /^join:/i,
  /^join using sip$/i,
  /^view more joining options\b/i,
  /^view your event at\b/i,
  /^invitation from google calendar\b/i,
  /^you are receiving this (email|courtesy email)\b/i,
  /^forwarding this invitation could allow\b/i,
  /^learn more at https?:/i,
  /^reply for \S+ and view more details\b/i,
  /^to stop receiving future updates\b/i,
  /^[a-z]{3}-[a-z]{4}-[a-z]{3}$/i,
  // Webex
  /^join (the )?(webex )?meeting$/i,
  /^join by video system\b/i,
  /^dial \S+@\S+/i,
  /^you can also dial\b/i,
  /^tap to join from a mobile device\b/i,
  /^global call-in numbers\b/i,
  /^can't join the meeting\??/i,
  /^if you are a host,? (click|go)\b/i,
  /^important notice: please note that this webex service\b/i,
  /^join from a video (system|or sip)\b/i,
  /^join by (phone|video system)\b/i,
  /\b(united states|us|uk|canada) toll( free)?\b/i,
];

const URL_ONLY = /^<?(https?:\/\/|www\.|tel:|sip:)\S+>?$/i;

/** A line that is a dial-in: a phone number or conference id ("+1 929-249-4854 PIN: 637379240#"). */
function isDialIn(line: string): boolean {
  const digits = (line.match(/\d/g) ?? []).length;
  if (digits < 7) return false;
  const phoneLike =
    /\+\s?\d/.test(line) ||
    /,,\s*\d/.test(line) ||
    /\d\s*#\s*$/.test(line) ||
    /^\(?\+?\d[\d\s().-]{6,}$/.test(line);
  return phoneLike && (line.match(/\p{L}/gu) ?? []).length <= 60;
}

/** Plain text of an HTML description (some calendars send one): line breaks kept, tags and entities gone. */
function plainText(text: string): string {
  if (!/<\/?(p|br|div|a|b|i|span|html|body|ul|li)\b[^>]*>/i.test(text)) return text;
  return text
    .replace(/<(br|\/p|\/div|\/li|\/h\d|\/tr)\b[^>]*>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The description without the join blocks and footers of meeting services and calendars. */
export function withoutMeetingBoilerplate(description: string): string {
  const text = plainText(description.replace(/\r\n?/g, "\n"))
    .replace(GOOGLE_BLOCK, "\n")
    // Outlook writes links after their text in angle brackets: "Click here to join the meeting<https://…>".
    .replace(/<(https?:|mailto:|tel:)[^>\s]*>/gi, "");
  const kept: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\s+/g, " ").trim();
    if (
      line &&
      (SEPARATOR.test(line) ||
        URL_ONLY.test(line) ||
        isDialIn(line) ||
        BOILERPLATE.some((re) => re.test(line)))
    )
      continue;
    kept.push(line);
  }
  return kept
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const words = (text: string) => text.toLowerCase().match(/\p{L}[\p{L}'’-]*/gu) ?? [];

/**
 * The interview's notes from an invitation (see the rule at the top of this file): the description
 * without boilerplate when at least three words are left besides the title's, else "".
 */
export function notesFromInvite(description: string, title = ""): string {
  const text = withoutMeetingBoilerplate(description);
  const titleWords = new Set(words(title));
  const own = words(text).filter((w) => w.length > 1 && !titleWords.has(w));
  return own.length >= 3 ? text : "";
}
