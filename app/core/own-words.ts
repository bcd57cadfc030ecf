// The candidate's own words in a follow-up, and what is set aside around them: quoted replies,
// forwarded messages, sign-offs, signatures, legal disclaimers and mailing-list footers. Every path
// that takes a follow-up (paste, CSV, .eml, the mail-in address, `npm run score`) stores the message
// whole; the scorer reads only `text`, and the candidate page shows the rest, collapsed, so a person
// can check what was left out.
//
// The scorer runs this on every follow-up it scores (10,000 a CPU-second), so it is one pass over the
// lines plus a short walk back from the end of the last own paragraph. No regex can backtrack further
// than a short window, and each runs only on lines short enough to be what it looks for, so a
// 100,000-character line costs one scan.

export type SetAsideKind =
  "quoted reply" | "forwarded message" | "signature" | "sign-off" | "disclaimer" | "list footer";

export interface SetAside {
  kind: SetAsideKind;
  text: string;
}

export interface OwnWords {
  /** The greeting and the message proper, trimmed, line breaks kept. */
  text: string;
  /** What was removed, in the order it stood in the message, each trimmed. */
  setAside: SetAside[];
}

/** Longer input is cut: the candidate's own words come first, so only history is lost. */
export const MAX_OWN_WORDS_INPUT = 100_000;

// Quote headers, field lines and markers are short; longer lines are never tested for them.
const MAX_HEADER_LINE = 300;
// Signature lines (name, title, phone, link) are short; a longer line ends the walk back.
const MAX_SIGNATURE_LINE = 100;
// A valediction with a name after it ("Mit freundlichen Grüßen, Renée Müller-Lüdenscheidt").
const MAX_VALEDICTION_LINE = 80;
// The walk back from the end over signature lines stops after this many non-blank lines.
const MAX_TAIL_LINES = 20;
// Disclaimers say what they are in their first sentences; a long line is searched only this far.
const DISCLAIMER_SCAN_CHARS = 2_000;
// The opening of a message is searched for disclaimer words in one go; a typical note fits in it.
const DISCLAIMER_HEAD_CHARS = 1_500;

const HAS_TEXT = /\S/;

// ---------------------------------------------------------------------------------------------------
// Quote headers. A header followed by quoted lines ("On … wrote:" over "> …") heads only those lines:
// what the candidate wrote under them is theirs again (bottom and interleaved posting). A header
// followed by unquoted text (Outlook's "From: / Sent:" block, a forward, a Gmail header whose quote
// marks were lost) heads everything to the end.

// The attribution's verb, ending the (possibly joined) header line, in the languages mail is read in.
const ATTRIBUTION_VERB =
  /(?:^|[\s,"'>)\]])(?:wrote|writes|said|says|a\s+écrit|escribió|escreveu|ha\s+scritto|scrisse|schrieb(?:\s.{0,200})?|schreibt|schreef(?:\s.{0,200})?|skrev(?:\s.{0,200})?|skriver|napisał(?:\(a\)|a)?|napsal(?:\(a\)|a)?|kirjoitti|írta|написал(?:\(а\)|а)?|пишет|yazdı|έγραψε)\s*[:：]$/iu;
// Without the colon ("On Wed, 14 Nov 2018 … John Doe <john@doe.com> wrote", Zoho's "---- On … wrote ----"),
// only with the date and address a mail program writes.
const ATTRIBUTION_NO_COLON =
  /\s(?:wrote|a\s+écrit|schrieb|escribió|escreveu|ha\s+scritto|schreef|skrev)\s*(?:-{2,})?$/iu;
// How each language's header begins (Gmail, Apple Mail, Thunderbird, Outlook mobile).
const QUOTE_HEADER_START =
  /^[\s-]*(?:On|Am|Le|El|Op|Il|Em|Den|Dne|Dnia|W dniu|In data|Il giorno|At|Quoting|Citando|Zitat von)\s/i;
// Gmail's header in languages without a verb: a date, a time, a name and "<address>:".
const DATED_ADDRESS_COLON = /\d.{0,160}<[^<>\s]+@[^<>\s]+>\)?\s*[:：]$/u;
const HAS_DIGIT = /\d/;
const HAS_TIME = /\d{1,2}[:.h]\d{2}/;
const HAS_YEAR = /\b(?:19|20)\d{2}\b/;
const SENTENCE_END = /[.!?]["')\]]?$/;
// A weak attribution ("Justin Mason writes:") is as long as a name and a verb; longer is a sentence.
const MAX_WEAK_ATTRIBUTION = 160;

const SPACE = 32;
const TAB = 9;
const COLON = 58;
const FULLWIDTH_COLON = 0xff1a;

function endsWithColon(line: string): boolean {
  let i = line.length - 1;
  while (i >= 0 && (line.charCodeAt(i) === SPACE || line.charCodeAt(i) === TAB)) i--;
  const code = line.charCodeAt(i);
  return code === COLON || code === FULLWIDTH_COLON;
}

/** A date, a time or an address: what a mail program's header carries and a sentence rarely does. */
function hasMailEvidence(line: string): boolean {
  return (
    line.includes("@") ||
    HAS_TIME.test(line) ||
    (HAS_YEAR.test(line) && HAS_DIGIT.test(line)) ||
    (QUOTE_HEADER_START.test(line) && HAS_DIGIT.test(line))
  );
}

/** How strongly a single (or joined) line reads as an attribution: 2 with evidence, 1 by its shape alone, else 0. */
function attribution(line: string): 0 | 1 | 2 {
  if (line.length > MAX_HEADER_LINE * 2) return 0;
  const trimmed = line.trimEnd();
  if (endsWithColon(trimmed)) {
    if (ATTRIBUTION_VERB.test(trimmed))
      return hasMailEvidence(trimmed) ? 2 : trimmed.length <= MAX_WEAK_ATTRIBUTION ? 1 : 0;
    if (DATED_ADDRESS_COLON.test(trimmed) && (HAS_TIME.test(trimmed) || HAS_YEAR.test(trimmed))) return 2;
    return 0;
  }
  if (trimmed.includes("@") && HAS_DIGIT.test(trimmed) && ATTRIBUTION_NO_COLON.test(trimmed)) return 2;
  return 0;
}

const FORWARD_MARKER =
  /^\s*(?:-{3,}\s*Forwarded by .{1,120}?-{3,}|-{2,}\s*(?:Forwarded message|Forwarded Message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Doorgestuurd bericht|Messaggio inoltrato|Mensagem encaminhada|Vidarebefordrat meddelande|Videresendt meddelelse|Videresendt melding|Välitetty viesti|Przekazana wiadomość|Přeposlaná zpráva|Пересылаемое сообщение)\s*-{2,}|(?:Begin forwarded message|Anfang der weitergeleiteten Nachricht|Début du message réexpédié|Inicio del mensaje reenviado|Início da mensagem reencaminhada|Inizio messaggio inoltrato|Begin doorgestuurd bericht)\s*:)\s*$/i;

const ORIGINAL_MARKER =
  /^\s*-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Originalnachricht|Message d'origine|Message original|Mensaje original|Oorspronkelijk bericht|Origineel bericht|Messaggio originale|Mensagem original|Originalmeddelande|Ursprungligt meddelande|Oprindelig meddelelse|Oprindelig besked|Opprinnelig melding|Alkuperäinen viesti|Oryginalna wiadomość|Původní zpráva|Исходное сообщение)\s*-{2,}\s*$/i;

// Outlook (and Yahoo, Apple Mail, MH) quote an earlier message under "From: / Sent: / To: / Subject:"
// lines, in the reader's language; a field name is up to three words ("Envoyé le", "Copie à").
const FIELD_LINE =
  /^[ \t>*]*(\p{L}[\p{L}'’-]*(?:[ \u00a0]\p{L}[\p{L}'’-]*){0,2})[ \t\u00a0]*\*{0,2}[ \t\u00a0]*[:：]\**(.*)$/u;
type FieldRole = "from" | "date" | "to" | "subject" | "other";
const FIELD_ROLES = new Map<string, FieldRole>();
for (const [role, names] of [
  [
    "from",
    "from|von|de|van|da|fra|från|od|от|kimden|lähettäjä|mittente|remitente|afzender|absender|expéditeur",
  ],
  [
    "date",
    "sent|date|gesendet|datum|envoyé|envoyé le|date d'envoi|enviado|enviada|enviado el|fecha|verzonden|inviato|data|skickat|sendt|dato|sent on|message du|wysłano|odesláno|отправлено|дата|päivämäärä|lähetetty|tarih|gönderildi|verstuurd",
  ],
  [
    "to",
    "to|an|à|a|para|aan|till|til|do|кому|vastaanottaja|kime|destinatario|destinataire|cc|bcc|cci|kopie|copie à|copia|kopia|копия|kopio|bilgi",
  ],
  [
    "subject",
    "subject|betreff|objet|sujet|asunto|onderwerp|oggetto|assunto|ämne|emne|temat|předmět|тема|aihe|konu|subj|sub",
  ],
  [
    "other",
    "message-id|reply-to|importance|priority|attachments|anlagen|pièces jointes|organization|wichtigkeit",
  ],
] as const) {
  for (const name of names.split("|")) FIELD_ROLES.set(name, role);
}
const FORWARD_SUBJECT = /^\s*(?:fwd?|fw|wg|tr|rv|doorst|enc|i|vs|vb)\s?:/i;
const MAX_FIELD_BLOCK = 10;

function field(line: string): { role: FieldRole; value: string } | null {
  if (line.length > MAX_HEADER_LINE) return null;
  // A field name is a few short words: most lines have no colon that early.
  const colon = line.search(/[:：]/);
  if (colon < 1 || colon > 32) return null;
  const m = FIELD_LINE.exec(line);
  if (!m) return null;
  const role = FIELD_ROLES.get(m[1].toLowerCase().replace(/\s+/g, " "));
  return role ? { role, value: m[2] } : null;
}

/**
 * An Outlook-style header block starting at line i: its kind and the line after it, or null. A block
 * with no recipient and no subject (MH's "Date: / From: / Message-ID:") is an attribution.
 */
function fieldBlock(
  lines: string[],
  i: number,
): { kind: SetAsideKind; end: number; attribution: boolean; above: number } | null {
  const first = field(lines[i]);
  if (!first) return null;
  const roles = new Set<FieldRole>();
  let fields = 0;
  let forwarded = false;
  let j = i;
  let last: FieldRole | null = null;
  for (; j < lines.length && j < i + MAX_FIELD_BLOCK; j++) {
    const f = field(lines[j]);
    if (f) {
      roles.add(f.role);
      fields++;
      last = f.role;
      if (f.role === "subject" && FORWARD_SUBJECT.test(f.value)) forwarded = true;
      continue;
    }
    // A long sender or recipient list wraps onto the next line ("<address>", "[mailto:…]").
    const t = lines[j].trim();
    if ((last === "from" || last === "to") && t && t.length <= 120 && /[<@[]/.test(t)) continue;
    break;
  }
  const kind = forwarded ? "forwarded message" : "quoted reply";
  if (roles.has("from") && (roles.has("date") || roles.has("subject")) && fields >= 3)
    return { kind, end: j, attribution: !roles.has("to") && !roles.has("subject"), above: 0 };
  // Lotus Notes names the sender and the date on the lines above "To: / cc: / Subject:".
  if (roles.has("to") && roles.has("subject") && fields >= 3) {
    let above = 0;
    let dated = false;
    for (let k = 1; k <= 3 && i - k >= 0; k++) {
      const t = lines[i - k].trim();
      if (!t || t.length > 120 || SENTENCE_END.test(t)) break;
      above = k;
      if (HAS_TIME.test(t)) dated = true;
    }
    if (dated) return { kind, end: j, attribution: false, above };
  }
  return null;
}

/** The line after the field lines (and their wrapped continuations) that start at line i. */
function fieldsEnd(lines: string[], i: number): number {
  let j = i;
  let last: FieldRole | null = null;
  for (; j < lines.length && j < i + MAX_FIELD_BLOCK; j++) {
    const f = field(lines[j]);
    if (f) {
      last = f.role;
      continue;
    }
    const t = lines[j].trim();
    if ((last === "from" || last === "to") && t && t.length <= 120 && /[<@[]/.test(t)) continue;
    break;
  }
  return j;
}

interface Header {
  kind: SetAsideKind;
  /** Lines above that belong to it (Lotus Notes' sender and date over its fields). */
  above?: number;
  /** MH's "Date: / From: / Message-ID:" attribution, after which "|" marks quoted lines. */
  mh?: boolean;
  /** The line after the header. */
  end: number;
  /**
   * "attribution": "On … wrote:" (strong with a date, a time or an address; weak by its shape alone,
   * and then it heads only a quote under it). "block": Outlook's field lines, a forward or "Original
   * Message" marker, which head the unquoted earlier message under them.
   */
  type: "attribution" | "block";
  strong: boolean;
}

// A header wrapped by the mail program: "On …, Sarah Chen <" / "sarah@…> wrote:", or over three lines.
const MAX_JOINED_LINES = 4;
const MAX_JOINED_PIECE = 160;

/** The header that starts at line i, if one does. */
function headerAt(lines: string[], i: number, start: number): Header | null {
  const line = lines[i];
  if (line.length > MAX_HEADER_LINE) return null;
  const c = line[start];
  // A marker's field lines ("From: / Sent: / To: / Subject:") belong to it, however few there are.
  const marker = (kind: SetAsideKind): Header => ({
    kind,
    end: fieldsEnd(lines, i + 1),
    type: "block",
    strong: true,
  });
  if (c === "-") {
    if (FORWARD_MARKER.test(line)) return marker("forwarded message");
    if (ORIGINAL_MARKER.test(line)) return marker("quoted reply");
  } else if ("BbAaDdIiÍí".includes(c) && FORWARD_MARKER.test(line)) return marker("forwarded message");
  const single = attribution(line);
  if (single) return { kind: "quoted reply", end: i + 1, type: "attribution", strong: single === 2 };
  if (
    !SENTENCE_END.test(line.trimEnd()) &&
    (QUOTE_HEADER_START.test(line) || HAS_DIGIT.test(line.slice(0, 40)))
  ) {
    let joined = line.trim();
    for (let j = i + 1; j < lines.length && j < i + MAX_JOINED_LINES; j++) {
      const next = lines[j].trim();
      if (!next || next.length > MAX_JOINED_PIECE) break;
      joined += ` ${next}`;
      if (attribution(joined) === 2)
        return { kind: "quoted reply", end: j + 1, type: "attribution", strong: true };
      if (endsWithColon(next) || SENTENCE_END.test(next)) break;
    }
  }
  const block = fieldBlock(lines, i);
  if (!block) return null;
  return block.attribution
    ? { kind: block.kind, end: block.end, type: "attribution", strong: true, mh: true }
    : { kind: block.kind, end: block.end, type: "block", strong: true, above: block.above };
}

/**
 * How far a header reaches: over the quote under it ("quote", up to that quote's first line), to the
 * end of the message ("rest"), or over itself and any "<snip>" lines ("alone", up to the reply under
 * it); null when it is not a header after all (a weak attribution over unquoted text).
 */
function headerSpan(
  header: Header,
  under: { next: number; mark: string | null },
  ownSoFar: boolean,
): { to: "quote" | "rest" | "alone"; upTo: number; mark: string | null } | null {
  if (under.mark !== null) return { to: "quote", upTo: under.next, mark: under.mark };
  if (under.next < 0) return { to: "rest", upTo: -1, mark: null };
  if (header.type === "block") return { to: "rest", upTo: -1, mark: null };
  if (!header.strong) return null;
  // An attribution at the top over unquoted text heads nothing: the reply is under it (bottom posting
  // with the quote cut away). Below the candidate's text it heads the earlier message, unquoted.
  return ownSoFar ? { to: "rest", upTo: -1, mark: null } : { to: "alone", upTo: under.next, mark: null };
}

// "> text", " > text", ">> text", "Sarah> text" and supercite's "JD> text", "bmn> text".
const NAME_PREFIX = /^(?:\p{Lu}\p{L}{0,19}|\p{Ll}[\p{L}\d]{0,5})$/u;

function isQuoted(line: string, start: number): boolean {
  const c = line[start];
  if (c === ">") return true;
  if (c < "A") return false;
  const gt = line.indexOf(">", start + 1);
  if (gt < 0 || gt > start + 20 || !NAME_PREFIX.test(line.slice(start, gt))) return false;
  const after = line[gt + 1];
  return after === undefined || after === " " || after === ">";
}

// Other quote marks, recognised only right under a header: "| text" (MH), "# text", "--]text".
const OTHER_QUOTE_MARK = /^[ \t]*(\||#(?=[ \t]|$)|[-=:]{1,2}[\]|}]|[\]}])/;
// What stands for an elided part of the quote: "<snip>", "[...]", "...".
const SNIP = /^\s*[<[(]?\s*(?:\.{2,}|…|snip(?:ped)?|schnipp?|\.\.\.\s*snip\s*\.\.\.)\s*[>\])]?\s*$/i;
const MAX_SNIPS = 3;

/** The quote mark of the first line under a header, or null when that line is not quoted. */
function quoteMark(line: string, start: number): string | null {
  if (isQuoted(line, start)) return ">";
  return OTHER_QUOTE_MARK.exec(line)?.[1] ?? null;
}

// A quoted line this long was wrapped by a mail program that did not quote the rest of it.
const WRAPPED_QUOTE_LINE = 60;

/** Line i continues the quoted line above it: it sits between two quoted lines, the first one long. */
function wrappedQuote(lines: string[], i: number): boolean {
  const above = lines[i - 1];
  const below = lines[i + 1];
  if (above === undefined || below === undefined || above.length < WRAPPED_QUOTE_LINE) return false;
  const start = textStart(below);
  return start >= 0 && isQuoted(below, start) && isQuoted(above, textStart(above));
}

function nextTextIndex(lines: string[], i: number): number {
  for (let j = i; j < lines.length; j++) if (HAS_TEXT.test(lines[j])) return j;
  return -1;
}

/** The first line of text under a header past any "<snip>" lines, and its quote mark when it is quoted. */
function quoteUnder(lines: string[], from: number): { next: number; mark: string | null } {
  let next = nextTextIndex(lines, from);
  for (let k = 0; next >= 0 && k < MAX_SNIPS && SNIP.test(lines[next]); k++)
    next = nextTextIndex(lines, next + 1);
  return { next, mark: next < 0 ? null : quoteMark(lines[next], textStart(lines[next])) };
}

/** Where the line's text starts, or -1 for a blank line. */
function textStart(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    // Most lines start with a letter; anything not plainly ASCII goes through the regex.
    if (code > SPACE && code < 127) return i;
    if (code !== SPACE && code !== TAB) return line.search(HAS_TEXT);
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------------
// Blocks that run to the next quoted part or to the end: signatures after "-- ", disclaimers, footers.

// "-- " is the signature delimiter (RFC 3676). Without its space, or as a dash, it is one only when a
// signature-shaped block follows: "--" and "==" also set off parts of a message's own text.
const SIGNATURE_DELIMITER = /^-- \s*$/;
const LOOSE_DELIMITER = /^\s*(?:--|—|–|---)\s*$/;
const RULE_LINE = /^\s*[_\-=—~*]{10,}\s*$/;
const SHORT_RULE = /^\s*[_\-=—~*]{2,}\s*$/;
// "Sales mailing list", "RPM-List mailing list <rpm-list@…>", "foo mailing list -- foo@…", "updates maillist - …".
const MAILING_LIST_LINE = /^.{0,80}\bmail(?:ing)?[ -]?list\b(?:\s*$|\s*[-–—:(]|\s+<?[\w.+-]+@)/i;
const LISTINFO = /\/(?:mailman3?\/)?(?:lists?\/)?listinfo\b|\/mailman3?\/lists\//i;
// A rule with words in it: "------- Yahoo! Groups Sponsor -------~-->".
const RULED_TEXT = /^\s*[-_=~*]{4,}.{1,60}?[-_=~*]{4,}[~>-]*\s*$/;
const FOOTER_WORDS = /\b(?:sponsor(?:ed)?|groups?|mailing ?list|unsubscribe|subscription)\b/i;
// A footer or disclaimer runs to the end; one followed by this many lines of text is only its paragraph.
const MAX_BLOCK_LINES = 20;
// A signature after a loose delimiter is short.
const MAX_SIGNATURE_BLOCK = 15;

const FOOTER_START_SOURCE = String.raw`You (?:have )?(?:received|are receiving) this (?:message|email|e-mail|digest|newsletter) because|You are (?:currently )?subscribed to|You can unsubscribe|To unsubscribe\b|To (?:post to|manage) this (?:group|list)|For additional commands, e-?mail|Unsubscribe(?:\s*[:|]|\s+(?:here|from this list|from (?:these|our|all) emails)\b)|Update your (?:email )?preferences|Manage (?:your )?(?:email )?(?:preferences|subscriptions?)\b|This email was sent to\s+\S+@|This (?:sf|SF)\.net email is sponsored|Your use of Yahoo! Groups is subject|Reply to this email directly(?:,| or) view it on GitHub|You are receiving this because you`;
const FOOTER_START = new RegExp(`^\\s*(?:${FOOTER_START_SOURCE})`, "i");
// Newsletter lines that stand alone, usually at the top: only the line itself is set aside.
const FOOTER_LINE_SOURCE = String.raw`View (?:this|it|the) (?:email|e-mail|message|newsletter )?\s*(?:in|on) (?:your|a|the) (?:browser|web)|Having trouble viewing this (?:email|message)`;
const DISCLAIMER_START_SOURCE = String.raw`(?:CONFIDENTIALITY(?: NOTICE| NOTE| STATEMENT| WARNING)?|DISCLAIMER|LEGAL NOTICE|PRIVILEGED (?:AND|&) CONFIDENTIAL|NOTICE OF CONFIDENTIALITY|Vertraulichkeitshinweis|Haftungsausschluss|Avis de confidentialité|Aviso de confidencialidad|Avviso di riservatezza|Aviso legal)[\s*_]*(?:[:.\-–—]|$)`;
// "Sent from my iPhone", "Get Outlook for iOS", "Von meinem iPhone gesendet", in a mail app's words.
const SENT_FROM_SOURCE = String.raw`(?:(?:Sent|Envoyé|Gesendet|Enviado|Verzonden|Verstuurd|Inviato|Skickat|Sendt)\s+(?:from|with|via|using|on|de|depuis|avec|von|mit|desde|con|do|vanaf|met|met behulp van|da|från|fra)\s.{1,60}|Get Outlook for (?:iOS|Android|Mac|Windows)|Von meinem .{1,40} gesendet|Envoyé de mon .{1,40}|Outlook for (?:iOS|Android)|Sent from Mail for Windows)\.?\s*$`;
const SENT_FROM = new RegExp(`^\\s*${SENT_FROM_SOURCE}`, "i");
// One test per line for the four: most lines fail it at their first word.
const LINE_OPENER = new RegExp(
  `^[\\s*_]*(?:(${SENT_FROM_SOURCE})|(${FOOTER_LINE_SOURCE})|(${FOOTER_START_SOURCE})|(${DISCLAIMER_START_SOURCE}))`,
  "i",
);
const DISCLAIMER_PHRASE = new RegExp(
  [
    String.raw`this (?:e-?mail|message|communication|transmission)(?:,? (?:and|including|together with) (?:any|its) (?:files|attachments|documents)(?: transmitted with it)?,?)? (?:is|are|may be|may contain|contains?) (?:strictly )?(?:confidential|privileged|proprietary)`,
    String.raw`intended (?:solely|only|exclusively) for the (?:use of the )?(?:individual|addressee|named (?:recipient|addressee)|person or entity)`,
    String.raw`received this (?:e-?mail|message|communication|transmission) (?:in error|by mistake)`,
    String.raw`if you are not the intended recipient`,
    String.raw`the information (?:contained )?in this (?:e-?mail|message|communication) is`,
    String.raw`consider the environment before printing`,
    String.raw`diese (?:e-?mail|nachricht) (?:enthält|kann) vertrauliche`,
    String.raw`wenn sie nicht der (?:richtige|beabsichtigte) (?:adressat|empfänger)`,
    String.raw`irrtümlich erhalten`,
    String.raw`ce (?:message|courriel|e-?mail)(?: et (?:toutes )?(?:les|ses) pièces jointes)? (?:est|sont) (?:strictement )?confidentiel`,
    String.raw`si vous avez reçu ce (?:message|courriel|e-?mail) par erreur`,
    String.raw`este (?:mensaje|correo)(?: electrónico)?(?: y sus (?:anexos|adjuntos))? (?:es|son|contiene información) (?:confidencial|privilegiad)`,
    String.raw`ha recibido este (?:mensaje|correo)(?: electrónico)? por error`,
    String.raw`dit (?:e-?mail)?bericht (?:is|kan) vertrouwelijk`,
    String.raw`indien u dit bericht (?:ten onrechte|per vergissing) (?:heeft )?ontvangen`,
    String.raw`questo messaggio(?: e (?:i suoi|gli eventuali) allegati)? (?:è|sono|contiene|può contenere)[^.]{0,40}riservat`,
    String.raw`for the (?:sole|exclusive) use of the (?:intended|named|addressee)`,
    String.raw`for the (?:designated|intended) recipient(?:\(s\))? only`,
    String.raw`(?:views|opinions)(?: (?:and|or) (?:views|opinions))? (?:expressed|presented|contained) (?:in|within) this (?:e-?mail|message|communication)`,
    String.raw`(?:transmission|communication) cannot be guaranteed to be (?:secure|error-free)`,
    String.raw`(?:dissemination|distribution|copying|disclosure)[^.]{0,80}(?:is|are) (?:strictly )?prohibited`,
    String.raw`(?:privileged|confidential)(?: and\/or| and| or| &) (?:privileged|confidential) (?:information|material)`,
    String.raw`(?:has been|was) scanned (?:for viruses|by \S+ (?:anti-?virus|for viruses))`,
    String.raw`this (?:e-?mail|message) originated from outside (?:of )?(?:the|your|our) organi[sz]ation`,
  ].join("|"),
  "i",
);
// Each phrase above holds one of these words; testing for them first keeps ordinary lines cheap.
const DISCLAIMER_WORD =
  /\b(?:confiden\w*|intended|error|mistake|environment|sole|designated|opinions|views|guaranteed|prohibited|privileged|scanned|originated|vertrauliche?|adressat|empfänger|irrtümlich|erreur|vertrouwelijk|onrechte|vergissing|riservat\w*)\b/i;

const LEGAL_WORD =
  /\b(?:confiden\w*|intended|privileged|recipients?|addressee|prohibited|unauthori[sz]ed|legal\w*|liab\w*|vertraulich\w*|destinataire|destinatario|riservat\w*)\b/i;

type BlockOpener = {
  kind: SetAsideKind;
  /** Only this line is set aside. */
  single?: boolean;
  /** The block starts this many lines up: a disclaimer's wrapped first lines, a list footer's rule. */
  backUp?: "paragraph" | "rule";
};

/** The next non-blank lines after line i (up to `count`), stopping at a quoted line. */
function linesAfter(lines: string[], i: number, count: number): string[] {
  const out: string[] = [];
  for (let j = i + 1; j < lines.length && out.length < count; j++) {
    const start = textStart(lines[j]);
    if (start < 0) continue;
    if (isQuoted(lines[j], start)) break;
    out.push(lines[j]);
  }
  return out;
}

// What a free mail service appended under a rule: "Do You Yahoo!?", "Join the world's largest e-mail service…".
const MAIL_SERVICE_AD =
  /^\s*(?:Do You Yahoo!\?|Yahoo! Mail\b|Get (?:your )?(?:FREE|free) |Join the world.s largest e-?mail service|Send and receive Hotmail|Chat with friends online|MSN Photos is|Express yourself instantly with MSN|Get more from the Web)/;

/** A cheap first test: the list patterns all hold "list", whatever its case. */
const mentionsList = (line: string) =>
  line.includes("list") || line.includes("List") || line.includes("LIST");

const isFooterLine = (line: string) =>
  line.length <= MAX_HEADER_LINE &&
  ((mentionsList(line) && (MAILING_LIST_LINE.test(line) || LISTINFO.test(line))) ||
    FOOTER_START.test(line) ||
    FOOTER_WORDS.test(line) ||
    MAIL_SERVICE_AD.test(line));

const PROSE_END = /[.!?]["')\]]?$/;

/** A sentence of the message's own text rather than a signature's line. */
function isProse(line: string): boolean {
  const t = line.trim();
  return t.split(/\s+/).length >= 8 && PROSE_END.test(t) && !SEPARATED.test(t);
}

/** A block of lines that reads as a signature: short, and at most a couple of sentences in it. */
function signatureShaped(after: string[]): boolean {
  return (
    after.length > 0 &&
    after.length <= MAX_SIGNATURE_BLOCK &&
    !isProse(after[0]) &&
    after.filter(isProse).length <= 2
  );
}

function blockOpener(lines: string[], i: number, start: number, mayDisclaim: boolean): BlockOpener | null {
  const line = lines[i];
  if (line.length <= MAX_HEADER_LINE) {
    const c = line[start];
    const ruled = c === "-" || c === "_" || c === "=" || c === "—" || c === "–" || c === "~" || c === "*";
    if (ruled) {
      const strict = SIGNATURE_DELIMITER.test(line);
      if (strict || LOOSE_DELIMITER.test(line)) {
        const after = linesAfter(lines, i, MAX_SIGNATURE_BLOCK + 1);
        if (after.slice(0, 3).some(isFooterLine)) return { kind: "list footer" };
        if (strict || signatureShaped(after)) return { kind: "signature" };
        return null;
      }
      if (RULE_LINE.test(line) || SHORT_RULE.test(line)) {
        // A rule sets off a footer only when the footer starts right under it.
        const next = linesAfter(lines, i, 1)[0];
        return next !== undefined && isFooterLine(next) ? { kind: "list footer" } : null;
      }
      if (FOOTER_WORDS.test(line) && RULED_TEXT.test(line)) return { kind: "list footer" };
    }
    const m = LINE_OPENER.exec(line);
    if (m?.[1] !== undefined) return { kind: "signature", single: true };
    if (m?.[2] !== undefined) return { kind: "list footer", single: true };
    if (m?.[3] !== undefined) return { kind: "list footer" };
    // "Disclaimer: IANAL, …" is the writer's own aside; a legal notice says what it protects.
    if (m?.[4] !== undefined && [line, ...linesAfter(lines, i, 2)].some((l) => LEGAL_WORD.test(l)))
      return { kind: "disclaimer" };
    // "RPM-List mailing list <rpm-list@…>" over its address or page; a list's page near the end.
    if (mentionsList(line) && (MAILING_LIST_LINE.test(line) || LISTINFO.test(line))) {
      const after = linesAfter(lines, i, 5);
      if (
        after.length <= 4 &&
        (LISTINFO.test(line) || after.slice(0, 2).some((l) => LISTINFO.test(l) || /@|https?:\/\//.test(l)))
      )
        return { kind: "list footer", backUp: "rule" };
    }
  }
  if (!mayDisclaim) return null;
  const scanned = line.length > DISCLAIMER_SCAN_CHARS ? line.slice(0, DISCLAIMER_SCAN_CHARS) : line;
  if (DISCLAIMER_WORD.test(scanned) && DISCLAIMER_PHRASE.test(scanned)) {
    // A disclaimer wrapped mid-sentence: its first lines are the paragraph above.
    const c = line[start];
    return { kind: "disclaimer", backUp: c >= "a" && c <= "z" ? "paragraph" : undefined };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Sign-offs and signatures at the end of the candidate's own text.

function phrasePattern(phrase: string): string {
  return phrase
    .replace(/ß/g, "(?:ß|ss)")
    .replace(/ü/g, "(?:ü|ue|u)")
    .replace(/ä/g, "(?:ä|ae|a)")
    .replace(/ö/g, "(?:ö|oe|o)")
    .replace(/&/g, "(?:&|and)")
    .replace(/ /g, "\\s+");
}

const THANKS = [
  "thanks",
  "thanks again",
  "thanks so much",
  "thanks a lot",
  "thanks a million",
  "thanks in advance",
  "thank you in advance",
  "many thanks",
  "thx",
  "thank you",
  "thank you again",
  "thank you so much",
  "with thanks",
  "danke",
  "vielen dank",
  "besten dank",
  "herzlichen dank",
  "danke schön",
  "dankeschön",
  "merci",
  "merci beaucoup",
  "merci encore",
  "gracias",
  "muchas gracias",
  "bedankt",
  "dank je wel",
  "dank u wel",
  "hartelijk dank",
  "grazie",
  "grazie mille",
  "obrigado",
  "obrigada",
  "muito obrigado",
  "muito obrigada",
  "tack",
  "tusen tack",
  "takk",
  "tusen takk",
  "tak",
  "mange tak",
];
const CLOSINGS = [
  "best",
  "all the best",
  "all best",
  "best regards",
  "best wishes",
  "kind regards",
  "kindest regards",
  "warm regards",
  "warmest regards",
  "warm wishes",
  "warmly",
  "regards",
  "with best regards",
  "with kind regards",
  "thanks and regards",
  "thanks & regards",
  "thanks and best regards",
  "rgds",
  "br",
  "kr",
  "cheers",
  "sincerely",
  "yours sincerely",
  "sincerely yours",
  "yours truly",
  "yours",
  "respectfully",
  "with gratitude",
  "gratefully",
  "with appreciation",
  "talk soon",
  "speak soon",
  "take care",
  "ciao",
  "mit freundlichen grüßen",
  "mit freundlichem gruß",
  "freundliche grüße",
  "viele grüße",
  "beste grüße",
  "liebe grüße",
  "herzliche grüße",
  "schöne grüße",
  "grüße",
  "gruß",
  "lg",
  "vg",
  "mfg",
  "cordialement",
  "bien cordialement",
  "bien à vous",
  "salutations",
  "sincères salutations",
  "meilleures salutations",
  "amicalement",
  "bonne journée",
  "belle journée",
  "saludos",
  "un saludo",
  "saludos cordiales",
  "atentamente",
  "cordialmente",
  "un abrazo",
  "abrazos",
  "met vriendelijke groet",
  "met vriendelijke groeten",
  "vriendelijke groet",
  "vriendelijke groeten",
  "hartelijke groet",
  "hartelijke groeten",
  "groeten",
  "groet",
  "mvg",
  "cordiali saluti",
  "distinti saluti",
  "saluti",
  "un saluto",
  "a presto",
  "atenciosamente",
  "cumprimentos",
  "melhores cumprimentos",
  "abraço",
  "abraços",
  "mvh",
  "med vänlig hälsning",
  "med vänliga hälsningar",
  "vänliga hälsningar",
  "hälsningar",
  "med venlig hilsen",
  "venlig hilsen",
  "med vennlig hilsen",
  "vennlig hilsen",
  "hilsen",
];
const byLength = (a: string, b: string) => b.length - a.length;
// The phrase must end the line or be followed by punctuation and a name: "Thanks for your time" is a sentence.
const VALEDICTION = new RegExp(
  `^[\\s\\-–—~*]*(${[...THANKS, ...CLOSINGS].sort(byLength).map(phrasePattern).join("|")})(?=[\\s,.!:;…\\-–—~]|$)(.*)$`,
  "iu",
);
const THANKS_ONLY = new RegExp(`^(?:${[...THANKS].sort(byLength).map(phrasePattern).join("|")})$`, "iu");

// A person's name: capitalised words, with the particles that names carry in lower case.
const NAME_PARTICLES = new Set([
  "van",
  "von",
  "de",
  "der",
  "den",
  "da",
  "di",
  "del",
  "la",
  "le",
  "du",
  "dos",
  "das",
  "bin",
  "al",
]);
const NAME_WORD = String.raw`\p{Lu}[\p{L}'’.\-]*`;
const NAME = String.raw`${NAME_WORD}(?:\s+(?:${NAME_WORD}|${[...NAME_PARTICLES].join("|")}))?(?:\s+${NAME_WORD}){0,2}`;
const AFTER_VALEDICTION = new RegExp(String.raw`^[\s,.!:;…]*(?:[\-–—~]\s*)?(${NAME})?[\s.!]*$`, "u");
// First words that make a capitalised line a greeting or a phrase rather than a name.
const NOT_NAMES = new Set(
  (
    "hi hello hey dear hallo hej hola bonjour salut ciao olá oi guten liebe lieber sehr beste geachte good morning afternoon evening " +
    "thanks thank best regards cheers yes no sure great ok okay looking talk speak see hope happy let please ps p.s. sent sincerely " +
    "warm kind all many looking will would could can i i'm i'd i'll we our my the a an this that"
  ).split(" "),
);

const URL_LIKE =
  /https?:\/\/|www\.|\b[\w-]+\.(?:com|io|co|net|org|me|ai|app|dev|de|fr|es|nl|it|se|dk|no|ch|at|be|uk|eu|us|ca)\b/i;
const EMAIL_LIKE = /[\w.+-]+@[\w-]+\.[\w.-]+/;
const PHONE_LIKE = /(?:^|[\s:(])\+?\d[\d\s().\-/]{6,}\d/;
const SEPARATED = /\S\s[|•·]\s\S/;
const SCHEDULING = /^\s*(?:schedule|book|grab|pick|find)\b[^:]{0,30}:|calendly\.com|cal\.com\//i;
const PRONOUNS = /^\s*\(?(?:she|he|they|ze|xe)\/(?:her|him|them|hers|his|theirs|zir|xem)\b/i;
const POSTSCRIPT = /^P\.?\s?S\b/i;
const FIRST_PERSON = /\bI\b|\bI['’](?:m|d|ll|ve)\b/;
// A line that is only a link, an address or a number, behind a short label ("LinkedIn:", "Schedule a call:").
const CONTACT_ONLY =
  /^\s*(?:[\p{L}][\p{L}\- ]{0,30}:\s*)?(?:<?https?:\/\/\S+>?|www\.\S+|[\w-]+(?:\.[\w-]+)+\/\S*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?[\d\s().\-/]{7,})\s*$/u;
const PHONE_ONLY = /^[\d\s().+\-/]+$/;
const DOT_INSIDE = /\.\w/;
const CONTACT_LABEL_SENTENCE = /\b(?:is|are|here|here's|attached|see|please|check|you)\b/i;
const CONNECTORS = new Set(
  "at of and for the in on to with & + | - – — / · • de du des la le von der und van en het di del da y e et och og i a".split(
    " ",
  ),
);
const TITLE_SYMBOLS = `(["'“@&|+#•·-–—/,`;

/** "Marcus", "- Marcus", "Renée Müller-Lüdenscheidt", "Ludwig van Beethoven": up to four words. */
function isName(t: string): boolean {
  if (t.length > 40) return false;
  let a = 0;
  while (a < t.length && " -–—~".includes(t[a])) a++;
  const words = t.slice(a).split(" ").filter(Boolean);
  if (words.length === 0 || words.length > 4 || NOT_NAMES.has(words[0].toLowerCase().replace(/[,.!]+$/, "")))
    return false;
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (!isUpper(w[0]) && !(k > 0 && NAME_PARTICLES.has(w))) return false;
    for (let j = 1; j < w.length; j++) if (!isLetter(w[j]) && !"'’.-".includes(w[j])) return false;
    // "J." and "Jr." end in a full stop; a longer word that does ends a sentence ("Yawn.", "Thursday.").
    if (w.endsWith(".") && w.length > 3 && !w.slice(0, -1).includes(".")) return false;
  }
  return true;
}

function isUpper(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  return c !== c.toLowerCase();
}
function isLetter(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return c.toLowerCase() !== c.toUpperCase();
}
const isDigit = (c: string) => c >= "0" && c <= "9";

/** "Senior Account Executive | Ledgerly", "Head of Sales, EMEA": capitalised words and connectors. */
function isTitle(t: string, words: string[]): boolean {
  const last = t[t.length - 1];
  if (
    words.length > 10 ||
    last === "?" ||
    last === "!" ||
    last === ":" ||
    last === ";" ||
    (last === "." && words.length > 3)
  )
    return false;
  for (const w of words) {
    const c = w[0];
    if (
      c !== undefined &&
      !isUpper(c) &&
      !isDigit(c) &&
      !TITLE_SYMBOLS.includes(c) &&
      !CONNECTORS.has(w.toLowerCase())
    )
      return false;
  }
  return true;
}

// The valediction regex runs only on lines whose first word could begin one.
const SPELLINGS: Record<string, string[]> = {
  ß: ["ß", "ss"],
  ü: ["ü", "ue", "u"],
  ä: ["ä", "ae", "a"],
  ö: ["ö", "oe", "o"],
};
/** "grüße", "grüsse", "gruesse", …: the ways the word is typed without a German keyboard. */
function spellings(word: string): string[] {
  let out = [""];
  for (const c of word) out = out.flatMap((head) => (SPELLINGS[c] ?? [c]).map((tail) => head + tail));
  return out;
}
const VALEDICTION_FIRST_WORDS = new Set(
  [...THANKS, ...CLOSINGS].flatMap((phrase) => spellings(phrase.split(" ")[0])),
);

function valediction(t: string): RegExpExecArray | null {
  if (t.length > MAX_VALEDICTION_LINE) return null;
  let a = 0;
  while (a < t.length && " -–—~*".includes(t[a])) a++;
  let b = a;
  while (b < t.length && isLetter(t[b])) b++;
  return b > a && VALEDICTION_FIRST_WORDS.has(t.slice(a, b).toLowerCase()) ? VALEDICTION.exec(t) : null;
}

/**
 * A line of the walk back from the end of the message. The walk asks only whether it could be part
 * of a signature, so each test runs when a decision first needs it, cheapest first.
 */
class TailLine {
  valediction = false;
  /** The valediction line carries the name too ("Best, Marcus"). */
  signed = false;
  /** A thank-you, which as the only line of a note is the note. */
  thanks = false;
  // Trimmed lines rarely hold tabs or double spaces; an empty "word" from one only weakens the tests.
  private readonly words: string[];
  private known: { name?: boolean; title?: boolean; contact?: boolean; contactOnly?: boolean } = {};

  constructor(readonly text: string) {
    this.words = text.split(" ");
  }

  get name(): boolean {
    return (this.known.name ??= this.words.length <= 5 && isName(this.text));
  }

  get title(): boolean {
    return (this.known.title ??= isTitle(this.text, this.words));
  }

  get contactOnly(): boolean {
    if (this.known.contactOnly === undefined) {
      const t = this.text;
      const colon = t.indexOf(":");
      // After its label, a contact line is one token (a link or an address) or a phone number.
      const value = colon >= 0 && colon <= 31 ? t.slice(colon + 1).trim() : t;
      this.known.contactOnly =
        this.words.length <= 8 &&
        (!value.includes(" ") || PHONE_ONLY.test(value)) &&
        CONTACT_ONLY.test(t) &&
        !CONTACT_LABEL_SENTENCE.test(t.slice(0, Math.max(0, colon)));
    }
    return this.known.contactOnly;
  }

  get contact(): boolean {
    const t = this.text;
    return (this.known.contact ??=
      this.contactOnly ||
      (this.words.length <= 12 &&
        !t.endsWith("?") &&
        ((DOT_INSIDE.test(t) && URL_LIKE.test(t)) ||
          (t.includes("@") && EMAIL_LIKE.test(t)) ||
          (HAS_DIGIT.test(t) && PHONE_LIKE.test(t)) ||
          SEPARATED.test(t) ||
          SCHEDULING.test(t)) &&
        !FIRST_PERSON.test(t)));
  }

  get signature(): boolean {
    return this.title || this.name || this.contact || PRONOUNS.test(this.text) || SENT_FROM.test(this.text);
  }
}

/** The line as part of a sign-off or signature, or null when it is the message's own (the walk stops). */
function classify(t: string): TailLine | null {
  if (t.length > MAX_SIGNATURE_LINE || POSTSCRIPT.test(t)) return null;
  const line = new TailLine(t);
  const v = valediction(t);
  const after = v ? AFTER_VALEDICTION.exec(v[2]) : null;
  if (v && after) {
    line.valediction = true;
    line.signed = after[1] !== undefined;
    line.thanks = THANKS_ONLY.test(v[1]);
    return line;
  }
  return line.signature ? line : null;
}

type Segment = { kind: SetAsideKind | null; lines: string[] };

/**
 * Splits the end of the last own paragraph into what stays and a sign-off and signature: from the
 * last valediction ("Best,") followed only by signature lines, or else from a bare name, a name over
 * contact lines, or contact lines alone. `firstText` is the index of the message's first own line.
 */
function splitTail(lines: string[], firstText: number): { keep: number; pieces: Segment[] } {
  const split = strictTail(lines, firstText);
  return split.pieces.length ? split : looseSignOff(lines, firstText);
}

// A signature the walk back cannot read ("CEO @ Acme !", a quote, ASCII art) still ends the note when
// a valediction stands above it: a few short lines, none of them a sentence.
const MAX_LOOSE_SIGNATURE_LINES = 6;
const MAX_LOOSE_SIGNATURE_LINE = 60;

function looseSignOff(lines: string[], firstText: number): { keep: number; pieces: Segment[] } {
  const none = { keep: lines.length, pieces: [] };
  let after = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const t = lines[i].trim();
    if (!t) continue;
    if (t.length > MAX_VALEDICTION_LINE || after > MAX_LOOSE_SIGNATURE_LINES) return none;
    const v = valediction(t);
    if (v && AFTER_VALEDICTION.test(v[2]) && i !== firstText && after > 0) {
      // The name under the valediction belongs to the sign-off, even across one blank line.
      let end = i + 1;
      if (end < lines.length && !HAS_TEXT.test(lines[end])) end++;
      if (end < lines.length && isName(lines[end].trim())) end++;
      else end = i + 1;
      const pieces: Segment[] = [{ kind: "sign-off", lines: lines.slice(i, end) }];
      if (lines.slice(end).some((l) => HAS_TEXT.test(l)))
        pieces.push({ kind: "signature", lines: lines.slice(end) });
      return { keep: i, pieces };
    }
    if (t.length > MAX_LOOSE_SIGNATURE_LINE || isProse(t) || t.endsWith("?")) return none;
    after++;
  }
  return none;
}

function strictTail(lines: string[], firstText: number): { keep: number; pieces: Segment[] } {
  const tail: (TailLine | undefined)[] = [];
  let from = lines.length;
  let count = 0;
  for (let i = lines.length - 1; i >= 0 && count < MAX_TAIL_LINES; i--) {
    const t = lines[i].trim();
    if (!t) continue;
    const c = classify(t);
    if (!c) break;
    tail[i] = c;
    from = i;
    count++;
  }
  if (count === 0) return { keep: lines.length, pieces: [] };

  // The last valediction counts, with any right above it ("Thanks again!" / "Best," / "KR"); a lone
  // thank-you opening the note is the note, not its sign-off.
  const closes = (i: number) => tail[i]?.valediction === true && !(i === firstText && tail[i]!.thanks);
  let v = -1;
  for (let i = lines.length - 1; i >= from; i--) {
    if (closes(i)) {
      v = i;
      break;
    }
  }
  if (v >= 0) {
    let start = v;
    for (let p = previousText(lines, v); p >= from && closes(p); p = previousText(lines, p)) start = p;
    let end = v + 1;
    if (!tail[v]!.signed) {
      // The name under the valediction belongs to the sign-off, even across one blank line.
      let j = v + 1;
      if (j < lines.length && !HAS_TEXT.test(lines[j])) j++;
      if (tail[j]?.name) end = j + 1;
    }
    const pieces: Segment[] = [{ kind: "sign-off", lines: lines.slice(start, end) }];
    if (lines.slice(end).some((l) => HAS_TEXT.test(l)))
      pieces.push({ kind: "signature", lines: lines.slice(end) });
    return { keep: start, pieces };
  }

  const texts: number[] = [];
  for (let i = Math.max(from, tail[firstText]?.valediction ? firstText + 1 : 0); i < lines.length; i++)
    if (tail[i]) texts.push(i);
  // A capitalised line closing a list ("- Pipeline Review", or a list under "We covered:") is an item, not a name.
  const introduced = (k: number) => {
    const p = k > 0 ? texts[k - 1] : previousText(lines, texts[k]);
    if (p < 0) return false;
    const line = lines[p].trim();
    return BULLET.test(line) || line.endsWith(":");
  };
  const listed = (k: number) => {
    if (introduced(k)) return true;
    const p = k > 0 ? texts[k - 1] : -1;
    // Items of a list stand on consecutive lines; a name after a blank line signs the note.
    return p >= 0 && p === texts[k] - 1 && (tail[p]!.title || tail[p]!.name);
  };
  for (let k = 0; k < texts.length; k++) {
    const s = texts[k];
    const first = tail[s]!;
    const rest = texts.slice(k + 1).map((i) => tail[i]!);
    // A lone capitalised line that is the whole note is the note ("On Thursday", "Nanananana").
    if (first.name && rest.length === 0 && !listed(k) && s !== firstText)
      return { keep: s, pieces: [{ kind: "sign-off", lines: lines.slice(s) }] };
    // A name over a title and company, or over contact lines.
    if (
      first.name &&
      rest.length > 0 &&
      (rest.some((c) => c.contact) || (rest.length <= 3 && !listed(k) && !BULLET.test(lines[s].trim())))
    ) {
      return {
        keep: s,
        pieces: [
          { kind: "sign-off", lines: [lines[s]] },
          { kind: "signature", lines: lines.slice(s + 1) },
        ],
      };
    }
    // Contact lines sign a note; a note that is only a link and a date is the note.
    if (
      (first.contactOnly || (first.contact && SEPARATED.test(lines[s]))) &&
      rest.every((c) => c.contact) &&
      !introduced(k) &&
      s !== firstText
    ) {
      return { keep: s, pieces: [{ kind: "signature", lines: lines.slice(s) }] };
    }
  }
  return { keep: lines.length, pieces: [] };
}

const BULLET = /^(?:[-*•·–—]\s|\d{1,2}[.)]\s)/;

function previousText(lines: string[], i: number): number {
  for (let p = i - 1; p >= 0; p--) if (HAS_TEXT.test(lines[p])) return p;
  return -1;
}

// ---------------------------------------------------------------------------------------------------

function cap(body: string): string {
  if (body.length <= MAX_OWN_WORDS_INPUT) return body;
  // Never leave half of a surrogate pair at the cut.
  const end = /[\ud800-\udbff]/.test(body[MAX_OWN_WORDS_INPUT - 1])
    ? MAX_OWN_WORDS_INPUT - 1
    : MAX_OWN_WORDS_INPUT;
  return body.slice(0, end);
}

/** Moves a horizontal rule (Outlook's "____" above its header block) from the own text into the next piece. */
function takeRule(own: string[], rule = RULE_LINE): string[] {
  let i = own.length - 1;
  while (i >= 0 && !HAS_TEXT.test(own[i])) i--;
  if (i < 0 || !rule.test(own[i])) return [];
  return own.splice(i);
}

/** Moves the last `count` lines of the own text into the next piece. */
function takeLines(own: string[], count: number): string[] {
  return own.splice(Math.max(0, own.length - count));
}

/** Moves the lines of the paragraph above (up to four) from the own text into the next piece. */
function takeParagraph(own: string[]): string[] {
  let i = own.length;
  while (i > 0 && own.length - i < 4 && HAS_TEXT.test(own[i - 1])) i--;
  return own.splice(i);
}

export function splitOwnWords(body: string): OwnWords {
  const capped = cap(body);
  const lines = (capped.includes("\r") ? capped.replace(/\r\n?/g, "\n") : capped).split("\n");
  const segments: Segment[] = [];
  let current: Segment = { kind: null, lines: [] };
  let quoting = false;
  // One scan of the message's opening spares its lines the disclaimer test when there is none; lines
  // further on are tested one by one, so that a long quoted thread below is never scanned.
  const headDisclaims = DISCLAIMER_WORD.test(
    capped.length > DISCLAIMER_HEAD_CHARS ? capped.slice(0, DISCLAIMER_HEAD_CHARS) : capped,
  );
  let offset = 0;
  const open = (kind: SetAsideKind | null, carried: string[] = []) => {
    if (current.lines.length) segments.push(current);
    current = { kind, lines: carried };
  };

  // The quote mark of a quote under a header, when it is not ">" ("#", "--]").
  let mark: string | null = null;
  // MH quotes with "|" throughout a message once its "Date: / From: / Message-ID:" header is seen.
  let sticky: string | null = null;
  // Whether the candidate's own text has begun: an attribution above it has its reply under it.
  let ownSoFar = false;
  // A footer or disclaimer that opened above a long stretch of text is only its paragraph.
  let paragraphOnly = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const end = offset + line.length;
    offset = end + 1;
    const start = textStart(line);
    if (start < 0) {
      current.lines.push(line);
      if (paragraphOnly) {
        paragraphOnly = false;
        open(null);
      }
      continue;
    }
    if (
      isQuoted(line, start) ||
      (quoting && mark !== null && line.startsWith(mark, start)) ||
      (sticky !== null &&
        line.startsWith(sticky, start) &&
        (line.length === start + 1 || line[start + 1] === " "))
    ) {
      if (!quoting) open("quoted reply");
      quoting = true;
      current.lines.push(line);
      continue;
    }
    if (quoting && wrappedQuote(lines, i)) {
      current.lines.push(line);
      continue;
    }
    if (quoting) {
      // An answer written under a quoted passage is the candidate's again.
      quoting = false;
      mark = null;
      open(null);
    }
    const header = headerAt(lines, i, start);
    const span = header ? headerSpan(header, quoteUnder(lines, header.end), ownSoFar) : null;
    if (header && span) {
      // Outlook's rule above its block goes with it, from the own text or from a signature or disclaimer.
      const carried =
        header.above && current.kind === null
          ? takeLines(current.lines, header.above)
          : takeRule(current.lines);
      open(header.kind, carried);
      if (span.to === "rest") {
        current.lines = current.lines.concat(lines.slice(i));
        break;
      }
      // The header with the quote under it, or the header alone; what follows is the candidate's again.
      current.lines.push(line);
      for (let j = i + 1; j < span.upTo; j++) {
        current.lines.push(lines[j]);
        offset += lines[j].length + 1;
      }
      i = span.upTo - 1;
      if (header.mh) sticky = "|";
      if (span.to === "quote") {
        quoting = true;
        mark = span.mark === ">" ? null : span.mark;
      } else open(null);
      continue;
    }
    const block = blockOpener(lines, i, start, end > DISCLAIMER_HEAD_CHARS || headDisclaims);
    if (block) {
      const carried =
        current.kind !== null
          ? []
          : block.backUp === "paragraph"
            ? takeParagraph(current.lines)
            : block.backUp === "rule"
              ? takeRule(current.lines, SHORT_RULE)
              : [];
      if (block.single) {
        const resume = current.kind;
        open(block.kind, [line]);
        open(resume);
        continue;
      }
      if (current.kind !== block.kind) {
        open(block.kind, carried);
        // Footers and disclaimers end a message; one above the candidate's text or above a long one
        // (an "external sender" banner, a "view in your browser" line) is only its paragraph.
        paragraphOnly =
          block.kind !== "signature" &&
          (!ownSoFar || linesAfter(lines, i, MAX_BLOCK_LINES + 1).length > MAX_BLOCK_LINES);
      }
    }
    if (current.kind === null) ownSoFar = true;
    current.lines.push(line);
  }
  if (current.lines.length) segments.push(current);

  // The sign-off and signature close the candidate's last own paragraph, before any quoted history.
  let last = -1;
  let first = -1;
  segments.forEach((s, k) => {
    if (s.kind === null && s.lines.some((l) => HAS_TEXT.test(l))) {
      if (first < 0) first = k;
      last = k;
    }
  });
  if (last >= 0) {
    const own = segments[last].lines;
    const firstText = last === first ? own.findIndex((l) => HAS_TEXT.test(l)) : -1;
    const { keep, pieces } = splitTail(own, firstText);
    if (pieces.length) segments.splice(last, 1, { kind: null, lines: own.slice(0, keep) }, ...pieces);
  }

  const text: string[] = [];
  const setAside: SetAside[] = [];
  let lastKind: SetAsideKind | null | undefined;
  for (const s of segments) {
    const joined = s.lines.join("\n").trim();
    if (!joined) continue;
    const previous = setAside.at(-1);
    if (s.kind === null) text.push(joined);
    // "(he/him)" then "Sent from my iPhone": one signature to read, not two.
    else if (previous?.kind === s.kind && s.kind === "signature" && lastKind === "signature")
      previous.text += `\n${joined}`;
    else setAside.push({ kind: s.kind, text: joined });
    lastKind = s.kind;
  }
  return { text: text.join("\n\n"), setAside };
}
