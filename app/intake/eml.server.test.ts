import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkTargets, measureMailCorpus } from "../../scripts/mail-corpus";
import { MAX_OWN_WORDS_INPUT, splitOwnWords } from "../core/own-words";
import { EmlError, parseEml, previewMailFile, previewMessage, previewable } from "./eml.server";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/eml/${name}`, import.meta.url));
const parseFixture = (name: string) => parseEml(fixture(name));

describe("parseEml", () => {
  it("reads a plain-text message whole; its own words leave out the sign-off and signature block", async () => {
    const email = await parseFixture("plain.eml");
    expect(email.from).toEqual({ name: "Daniel Okafor", address: "daniel.okafor@gmail.com" });
    expect(email.to).toEqual(["sarah.chen@brightlane.io"]);
    expect(email.date).toBe("2026-11-24T23:05:00.000Z");
    expect(email.subject).toBe("Thank you - Enterprise Account Executive interview");
    expect(email.messageId).toBe("<CAF3kPq7Xz2vH1nB9@mail.gmail.com>");
    expect(email.text).toMatch(/^Hi Sarah,\n\nThank you for taking the time/);
    expect(email.text).toContain("the CFO alignment challenge you mentioned");
    expect(email.text).toMatch(
      /Thanks again,\nDaniel\n\n-- \nDaniel Okafor\n.*linkedin\.com\/in\/danielokafor$/s,
    );
    const own = splitOwnWords(email.text);
    expect(own.text).toMatch(
      /^Hi Sarah,\n\nThank you for taking the time[\s\S]*template on a 20-minute call this week\.$/,
    );
    expect(own.setAside).toEqual([
      { kind: "sign-off", text: "Thanks again,\nDaniel" },
      {
        kind: "signature",
        text: "-- \nDaniel Okafor\nSenior Account Executive | Ledgerly\n+1 (312) 555-0148 | linkedin.com/in/danielokafor",
      },
    ]);
  });

  it("takes the text/plain part of multipart/alternative and skips the attachment", async () => {
    const email = await parseFixture("multipart-alternative.eml");
    expect(email.from).toEqual({ name: "Priya Raman", address: "priya.raman@outlook.com" });
    expect(email.to).toEqual(["sarah.chen@brightlane.io", "marcus.lee@brightlane.io"]);
    expect(email.date).toBe("2026-11-25T09:12:44.000Z");
    expect(email.subject).toBe("Following up on yesterday's conversation + 30-60-90 plan");
    expect(email.text).toContain("stuck with me — at Fieldstone I rebuilt our security review\npacket");
    expect(email.text).toContain("I'd welcome a call on Friday");
    expect(email.text).not.toMatch(/<div|&mdash;|%PDF|JVBER/);
  });

  it("converts an HTML-only message to text, with the quoted Gmail block as '>' lines that are set aside", async () => {
    const email = await parseFixture("html-only.eml");
    expect(email.from).toEqual({ name: "Jamal Harris", address: "jamal.harris@protonmail.com" });
    expect(email.date).toBe("2026-11-24T20:40:12.000Z");
    expect(email.subject).toBe("Re: Great to meet you today");
    expect(email.text).not.toMatch(/trackOpen|margin|Thank you<|<\/?(?:div|span|p|br|blockquote)\b/);
    expect(email.text).toContain(
      "wrote:\n\n>\n> Hi Jamal,\n>\n> Great to meet you today. The panel will share feedback by Friday.\n>\n> Sarah\n>",
    );
    const own = splitOwnWords(email.text);
    expect(own.text).toMatch(
      /^Hi Sarah,\n\nThank you for the conversation this afternoon\. I’ve been thinking/,
    );
    expect(own.text).toContain(
      'the CFO alignment challenge you mentioned — at Ledgerly I ran a "finance first"',
    );
    expect(own.text).toContain(
      "- a CFO-ready ROI model for mid-market deals\n- a shared mutual action plan template",
    );
    expect(own.text).toContain("I’m very interested in the role & the team.");
    expect(own.text).toMatch(/after 2 pm ET\.$/);
    expect(own.text).not.toMatch(/<|wrote:|panel will share feedback/);
    expect(own.setAside.map((p) => p.kind)).toEqual(["sign-off", "quoted reply"]);
    expect(own.setAside[0].text).toBe("Best,\nJamal Harris");
  });

  it("decodes quoted-printable UTF-8, including sequences split by soft line breaks", async () => {
    const email = await parseFixture("quoted-printable.eml");
    expect(email.from).toEqual({ name: "Elena Vasquez", address: "elena.vasquez@fastmail.com" });
    expect(email.date).toBe("2026-11-25T00:48:27.000Z");
    expect(email.subject).toBe("Thank you for today's interview");
    expect(email.text).toContain(
      "I’ve been thinking about the CFO alignment challenge you mentioned — at Northpeak",
    );
    expect(email.text).toContain("a short value memo the champion could forward to finance");
    expect(email.text).toContain("the café-style team standup");
    expect(email.text).toContain("send my résumé with updated numbers");
    expect(email.text).not.toMatch(/=E2|=C3|=\n/);
  });

  it("unfolds multi-line headers and collects To, Cc and Delivered-To recipients", async () => {
    const email = await parseFixture("folded-headers.eml");
    expect(email.from).toEqual({ name: "Marcus Whitfield", address: "marcus.whitfield@outlook.com" });
    expect(email.subject).toBe(
      "Thank you for the second-round panel interview for the Regional Sales Manager (West) position - and a few follow-up thoughts",
    );
    expect(email.date).toBe("2026-11-25T08:30:15.000Z");
    expect(email.messageId).toBe(
      "<BY5PR20MB3076E2B1C5A9F04D7C8E61A2B3D4E@BY5PR20MB3076.namprd20.prod.outlook.com>",
    );
    expect([...email.to].sort()).toEqual([
      "marcus.lee@brightlane.io",
      "recruiting@brightlane.io",
      "sarah.chen@brightlane.io",
    ]);
    expect(email.text).toContain("at Coastline Foods I staggered hiring in two waves");
    expect(email.text).toContain("I'm very interested in leading the West team.");
  });

  it("decodes an ISO-8859-1 body (with Windows-1252 quotes) and encoded-word headers", async () => {
    const email = await parseFixture("latin1.eml");
    expect(email.from).toEqual({ name: "Renée Müller", address: "renee.mueller@gmx.ch" });
    expect(email.subject).toBe("Thank you – Account Executive role in Zürich");
    expect(email.date).toBe("2026-11-25T09:02:41.000Z");
    expect(email.text).toContain("meeting me at the Zürich office yesterday. I’ve thought more");
    expect(email.text).toContain("I’m very interested in this role. I can send my résumé");
    expect(email.text).toContain("coffee at Café\nSprüngli.");
    expect(email.text).not.toMatch(/[\u0080-\u009f\ufffd]/);
  });

  it("keeps the quoted earlier message in the text; the candidate's own words leave it out", async () => {
    const email = await parseFixture("reply-with-quote.eml");
    expect(email.from).toEqual({ name: "Aisha Bello", address: "aisha.bello@gmail.com" });
    expect(email.date).toBe("2026-11-24T23:05:00.000Z");
    expect(email.subject).toBe("Re: Thanks for today");
    expect(email.text).toContain("> Sarah Chen | Head of Talent, Brightlane");
    const own = splitOwnWords(email.text);
    expect(own.text).toMatch(
      /^Hi Sarah,\n\nThanks again for the time this afternoon\. The CFO alignment challenge you\nmentioned/,
    );
    expect(own.text).toContain("I’m very interested in the Senior AE role and the team you’re building.");
    expect(own.text).toMatch(/Monday morning\.$/);
    expect(own.text).not.toMatch(/wrote:|^>|Thanks for coming in today|Head of Talent/m);
    expect(own.setAside.map((p) => p.kind)).toEqual(["sign-off", "quoted reply"]);
    expect(own.setAside[1].text).toMatch(
      /^On Tue, 24 Nov 2026 at 14:02, Sarah Chen <sarah\.chen@brightlane\.io> wrote:\n\n> Hi Aisha,/,
    );
  });

  it("keeps an Outlook From/Sent/To/Subject block, set aside from the own words, and decodes Windows-1252 quoted-printable", async () => {
    const email = await parseFixture("outlook-quote.eml");
    expect(email.from).toEqual({ name: "Tom Becker", address: "tom.becker@hotmail.com" });
    expect(email.date).toBe("2026-11-25T01:17:29.000Z");
    expect(email.subject).toBe("RE: Thanks for today");
    expect(email.text).toContain(
      "I’ve been thinking about the CFO alignment challenge you mentioned – at Orbitel",
    );
    expect(email.text).toContain(
      "I’m very interested in the role. Would a short call with your CRO next week",
    );
    expect(email.text).toContain(
      "Thanks,\nTom\n\nFrom: Sarah Chen\nSent: Tuesday, November 24, 2026 2:02 PM",
    );
    const own = splitOwnWords(email.text);
    expect(own.text).toMatch(/I can also send references on request\.$/);
    expect(own.text).not.toMatch(/Sent:|Subject:|hiring team meets on Thursday/);
    expect(own.setAside).toEqual([
      { kind: "sign-off", text: "Thanks,\nTom" },
      {
        kind: "quoted reply",
        text: expect.stringMatching(
          /^From: Sarah Chen\n[\s\S]*hiring team meets on Thursday[\s\S]*Kind regards,\nSarah$/,
        ),
      },
    ]);
  });

  it("sets aside the Outlook block of the HTML part when there is no text/plain part", async () => {
    const raw = fixture("outlook-quote.eml").toString("latin1");
    const htmlOnly = raw.replace(/--_000_\S+\r\nContent-Type: text\/plain[\s\S]*?(?=--_000_)/, "");
    expect(htmlOnly).not.toContain("text/plain");
    const email = await parseEml(htmlOnly);
    expect(email.text).not.toMatch(/Aptos/);
    const own = splitOwnWords(email.text);
    expect(own.text).toMatch(/^Hi Sarah,\n\nThank you for the conversation today\. I’ve been thinking/);
    expect(own.text).toMatch(/references on request\.$/);
    expect(own.text).not.toMatch(/From:|Sent:|hiring team meets on Thursday/);
    expect(own.setAside.map((p) => p.kind)).toEqual(["sign-off", "quoted reply"]);
    expect(own.setAside[1].text).toMatch(
      /^From: Sarah Chen\nSent: Tuesday, November 24, 2026 2:02 PM\nTo: Tom Becker\nSubject: Thanks for today/,
    );
  });

  it("exposes auto-reply headers", async () => {
    const email = await parseFixture("auto-reply.eml");
    expect(email.from).toEqual({ name: "Kevin Park", address: "kevin.park@lumenfield.com" });
    expect(email.date).toBe("2026-11-24T19:02:05.000Z");
    expect(email.subject).toBe("Automatic reply: Thanks for today");
    expect(email.headers["auto-submitted"]).toBe("auto-replied");
    expect(email.headers["x-auto-response-suppress"]).toBe("All");
    expect(email.headers.precedence).toBe("bulk");
    expect(email.headers["in-reply-to"]).toBe("<CAJx7mR5t8Wd@mail.gmail.com>");
    expect(email.text).toContain("I am currently out of the office");
  });

  it("refuses a file that is not an email", async () => {
    await expect(parseFixture("not-an-email.eml")).rejects.toThrow(EmlError);
    await expect(parseFixture("not-an-email.eml")).rejects.toThrow(/not an email message/);
    await expect(parseEml("")).rejects.toThrow(EmlError);
  });

  it("refuses input over 10 MB", async () => {
    await expect(parseEml(Buffer.alloc(10 * 1024 * 1024 + 1, 0x61))).rejects.toThrow(EmlError);
  });

  it("gives empty text for a message with only an attachment, and a null date when Date is unparseable", async () => {
    const email = await parseEml(
      [
        "From: jo@example.com",
        "Date: sometime next week",
        "Content-Type: multipart/mixed; boundary=b",
        "",
        "--b",
        "Content-Type: application/pdf; name=cv.pdf",
        "Content-Disposition: attachment; filename=cv.pdf",
        "Content-Transfer-Encoding: base64",
        "",
        "JVBERi0xLjQK",
        "--b--",
        "",
      ].join("\r\n"),
    );
    expect(email).toMatchObject({
      from: { name: null, address: "jo@example.com" },
      date: null,
      subject: "",
      text: "",
      messageId: null,
    });
  });

  it("skips an mbox 'From ' separator line", async () => {
    const email = await parseEml(
      "From jo@example.com Tue Nov 24 18:05:00 2026\nFrom: Jo <jo@example.com>\nDate: Tue, 24 Nov 2026 18:05:00 -0500\n\nThanks!\n",
    );
    expect(email.from.address).toBe("jo@example.com");
    expect(Object.keys(email.headers)).toEqual(["from", "date"]);
    expect(email.text).toBe("Thanks!");
  });

  it("keeps a very long line whole, and its own words stop at the quote under it", async () => {
    const line = "We spoke on Monday at noon about the plan. ".repeat(1_500); // 64 KB on one line
    const email = await parseEml(
      `From: jo@example.com\nDate: Tue, 24 Nov 2026 18:05:00 -0500\n\n${line}\n\nOn Mon, Sarah <s@example.com> wrote:\n> old\n`,
    );
    const own = splitOwnWords(email.text);
    expect(own.text === line.trim()).toBe(true);
    expect(own.setAside).toEqual([
      { kind: "quoted reply", text: "On Mon, Sarah <s@example.com> wrote:\n> old" },
    ]);
  });

  it("cuts the body at 100,000 characters: the own words come first, so only history is lost", async () => {
    const history = "> an earlier message in the thread\n".repeat(4_000);
    const email = await parseEml(
      `From: jo@example.com\nDate: Tue, 24 Nov 2026 18:05:00 -0500\n\nThanks for today!\n\n${history}`,
    );
    expect(email.text.length).toBeLessThanOrEqual(MAX_OWN_WORDS_INPUT);
    expect(splitOwnWords(email.text).text).toBe("Thanks for today!");
  });
});

/** The own words of a fixture and the kinds of what was set aside, in order. */
async function ownWords(name: string) {
  const email = await parseFixture(name);
  const own = splitOwnWords(email.text);
  return { email, text: own.text, kinds: own.setAside.map((p) => p.kind), setAside: own.setAside };
}

describe("real-world message shapes", () => {
  it("multipart/alternative in base64: the plain part, a Gmail header and its quote set aside", async () => {
    const { email, text, kinds, setAside } = await ownWords("gmail-alternative-base64.eml");
    expect(email.from.address).toBe("aisha.bello@gmail.com");
    expect(email.text).not.toMatch(/<div|&quot;/);
    expect(text).toMatch(/^Hi Sarah,\n\nThank you for the conversation this afternoon\./);
    expect(text).toMatch(/I can send two references by Thursday\.$/);
    expect(kinds).toEqual(["sign-off", "quoted reply"]);
    expect(setAside[1].text).toMatch(
      /^On Tue, 24 Nov 2026 at 16:02, Sarah Chen <sarah\.chen@brightlane\.io> wrote:/,
    );
  });

  it("HTML only whose <head> and <style> are never closed: the body is kept, Outlook's block set aside", async () => {
    const { text, kinds, setAside } = await ownWords("html-unclosed-head.eml");
    expect(text).toMatch(/^Hi Sarah,\n\nThank you for this morning’s interview\./);
    expect(text).toMatch(/partner plan next week\.$/);
    expect(text).not.toMatch(/font-family|WordSection|MsoNormal/);
    expect(kinds).toEqual(["sign-off", "quoted reply"]);
    expect(setAside[1].text).toMatch(
      /^From: Sarah Chen <sarah\.chen@brightlane\.io>\nDate: Tuesday, 24 November 2026/,
    );
  });

  it("format=flowed with DelSp: the replies written under each quote are kept", async () => {
    const { email, text, kinds } = await ownWords("flowed-bottom-post.eml");
    expect(email.text).toContain(
      "> Hi Tomasz, thanks for coming in. Two things we did not get to: when could you start, and how would you approach the first 30 days with the inherited accounts?",
    );
    expect(text).toBe(
      [
        "I can start on 4 January. My notice period is one month and my manager has already agreed to it.",
        "For the first 30 days I would meet the top ten accounts in person, starting with the two whose renewals fall in Q1, and write a one-page plan for each by the end of the month.",
        "Yes: how is the territory split between the two enterprise teams? I would like to know which accounts I would own from day one.",
      ].join("\n\n"),
    );
    expect(kinds).toEqual(["quoted reply", "quoted reply", "sign-off", "signature"]);
  });

  it("Windows-1252 declared, quoted-printable: ’ – “ ” €, a disclaimer, Outlook's rule and block", async () => {
    const { text, kinds, setAside } = await ownWords("windows-1252-declared.eml");
    expect(text).toContain(
      "Thanks for today’s conversation – it was good to hear how the team runs its “deal desk” reviews.",
    );
    expect(text).toContain("deals over €250k");
    expect(text).toMatch(/call with your CRO\?$/);
    expect(kinds).toEqual(["sign-off", "signature", "disclaimer", "quoted reply"]);
    expect(setAside[3].text).toMatch(/^_{32}\nFrom: Sarah Chen/);
  });

  it("Windows-1252 with no charset declared is detected; a 'Thanks, / Best,' block is set aside", async () => {
    const { email, text, setAside } = await ownWords("windows-1252-undeclared.eml");
    expect(email.text).not.toMatch(/[\ufffd\u0080-\u009f]/);
    expect(text).toContain("I’ve put together the two-page territory plan we discussed – it splits");
    expect(text).toMatch(/Could we find 20 minutes early next week\?$/);
    expect(setAside).toEqual([{ kind: "sign-off", text: "Thanks,\nBest,\nDavid" }]);
  });

  it("ISO-8859-1 with no Content-Type at all is detected; a French Gmail header is set aside", async () => {
    const { email, text, kinds } = await ownWords("latin1-undeclared.eml");
    expect(email.text).not.toContain("\ufffd");
    expect(text).toContain("Merci pour l'entretien de cet après-midi.");
    expect(text).toMatch(/deux références dès demain\.$/);
    expect(kinds).toEqual(["sign-off", "quoted reply"]);
  });

  it("UTF-8 declared as ISO-8859-1 is read as UTF-8; a Spanish Gmail header is set aside", async () => {
    const { text, kinds } = await ownWords("utf8-declared-latin1.eml");
    expect(text).toContain("la expansión a México");
    expect(text).toMatch(/¿Te viene bien una llamada el jueves\?$/);
    expect(text).not.toMatch(/Ã|Â/);
    expect(kinds).toEqual(["sign-off", "quoted reply"]);
  });

  it.each([
    [
      "german-outlook-base64.eml",
      /^Hallo Frau Chen,/,
      /meinen 90-Tage-Plan\.$/,
      ["sign-off", "quoted reply"],
    ],
    [
      "iphone-portuguese.eml",
      /^Oi Sarah,/,
      /Tenho muito interesse na vaga\.$/,
      ["sign-off", "signature", "quoted reply"],
    ],
    ["dutch-wrapped-header.eml", /^Hoi Sarah,/, /Ik heb veel zin in de rol\.$/, ["sign-off", "quoted reply"]],
    ["italian-reply.eml", /^Ciao Sarah,/, /Sono molto interessato al ruolo\.$/, ["sign-off", "quoted reply"]],
    [
      "swedish-reply.eml",
      /^Hej Sarah,/,
      /Jag är mycket intresserad av tjänsten\.$/,
      ["sign-off", "quoted reply"],
    ],
  ])("top posting over a quote header in another language: %s", async (name, starts, ends, expected) => {
    const { text, kinds } = await ownWords(name);
    expect(text).toMatch(starts);
    expect(text).toMatch(ends);
    expect(text).not.toMatch(/schrieb|escreveu|schreef|ha scritto|skrev|Ursprüngliche|^>/m);
    expect(kinds).toEqual(expected);
  });

  it("interleaved answers under ' >' and 'Sarah>' quotes are kept, the quotes set aside", async () => {
    const { text, kinds } = await ownWords("interleaved-prefixes.eml");
    expect(text).toBe(
      "The first week of January; my notice period is four weeks.\n\nHow the renewal desk hands accounts over to the AEs, and which five\naccounts matter most for the Q1 number.\n\nI will be travelling on 8 and 9 December, but I can take calls.",
    );
    expect(kinds).toEqual(["quoted reply", "quoted reply", "quoted reply", "sign-off"]);
  });

  it("a forward keeps the candidate's comment above it and sets the forwarded message aside", async () => {
    for (const name of ["forwarded-with-comment.eml", "forward-inline-rfc822.eml"]) {
      const { text, kinds } = await ownWords(name);
      expect(text).toMatch(/^Hi Sarah,/);
      expect(text).not.toContain("Hi Marcus");
      expect(kinds.at(-1)).toBe("forwarded message");
    }
  });

  it.each(["list-footer-mailman.eml", "list-footer-google-groups.eml"])(
    "sets aside a mailing-list footer: %s",
    async (name) => {
      const { text, kinds } = await ownWords(name);
      expect(text).not.toMatch(/unsubscribe|mailing list|Google Groups/i);
      expect(kinds.at(-1)).toBe("list footer");
    },
  );

  it("sets aside an external-sender banner above the note and a confidentiality notice below it", async () => {
    const { text, kinds } = await ownWords("disclaimer-banner.eml");
    expect(text).toMatch(/^Hi Sarah,\n\nThank you for Tuesday's panel\./);
    expect(text).toMatch(/join a follow-up with the CFO\.$/);
    expect(kinds).toEqual(["disclaimer", "sign-off", "signature", "disclaimer"]);
  });

  it("keeps '==' and '--' lines inside the note; '-- ' starts the signature", async () => {
    const { text, setAside } = await ownWords("dashes-in-text.eml");
    expect(text).toContain("==\nQ3 pipeline: 1.8M, 42 opportunities\n--\nQ4 pipeline");
    expect(text).toMatch(/the numbers on Friday\.$/);
    expect(setAside).toEqual([{ kind: "signature", text: "-- \nInes Duarte\nRegional Sales Manager" }]);
  });

  it("reads Subject and From written in 8-bit without encoded words", async () => {
    const head = "From: Ren\xe9e M\xfcller <renee@example.com>\r\nSubject: Caf\xe9 \x96 Z\xfcrich\r\n";
    const email = await parseEml(
      Buffer.from(`${head}Date: Tue, 24 Nov 2026 18:05:00 -0500\r\n\r\nThanks for today.\r\n`, "latin1"),
    );
    expect(email.from).toEqual({ name: "Renée Müller", address: "renee@example.com" });
    expect(email.subject).toBe("Café – Zürich");
    expect(email.headers.subject).toBe("Café – Zürich");
  });

  it("refuses a text part no charset reads, with the reason", async () => {
    await expect(parseFixture("undecodable.eml")).rejects.toThrow(EmlError);
    await expect(parseFixture("undecodable.eml")).rejects.toThrow(
      /character set that could not be recognised/,
    );
  });
});

describe("previewMessage and previewMailFile", () => {
  it("give the facts, the own words exactly as the scorer reads them, and whether the file would be imported", async () => {
    const preview = await previewMailFile("reply-with-quote.eml", fixture("reply-with-quote.eml"));
    const email = await parseFixture("reply-with-quote.eml");
    expect(preview).toEqual({
      file: "reply-with-quote.eml",
      from: "aisha.bello@gmail.com",
      date: "2026-11-24T23:05:00.000Z",
      subject: "Re: Thanks for today",
      body: splitOwnWords(email.text).text,
      import: true,
      reason: null,
    });
    expect(Object.keys(preview)).toEqual(["file", "from", "date", "subject", "body", "import", "reason"]);
  });

  it("say why a file would not be imported", async () => {
    expect(await previewMailFile("auto-reply.eml", fixture("auto-reply.eml"))).toMatchObject({
      import: false,
      reason: "This is an automatic reply (Auto-Submitted: auto-replied), so it is not a follow-up.",
    });
    expect(await previewMailFile("not-an-email.eml", fixture("not-an-email.eml"))).toMatchObject({
      from: null,
      import: false,
      reason: expect.stringMatching(/not an email message/),
    });
    expect(await previewMailFile("undecodable.eml", fixture("undecodable.eml"))).toMatchObject({
      import: false,
      reason: expect.stringMatching(/could not be recognised/),
    });
    const undated = previewable(await parseFixture("plain.eml"));
    expect(previewMessage("x.eml", { ...undated, sentAt: null })).toMatchObject({
      import: false,
      reason: "The message has no Date, so it cannot be placed after an interview.",
    });
  });
});

describe("the fixture corpus (npm run mail-corpus)", () => {
  it("meets every target: no crash, no wrong sender, nothing emptied, no quote, header or footer left", async () => {
    const dir = fileURLToPath(new URL("./fixtures/eml/", import.meta.url));
    const report = await measureMailCorpus(dir);
    expect(report.messages).toBeGreaterThanOrEqual(30);
    expect(report.refused.map((r) => r.file).sort()).toEqual(["not-an-email.eml", "undecodable.eml"]);
    expect(report).toMatchObject({
      crashes: [],
      wrongSenders: [],
      emptied: [],
      quotedLeft: [],
      headerLeft: [],
      footerLeft: [],
      replacement: [],
    });
    expect(checkTargets(report).filter((c) => !c.met)).toEqual([]);
  });
});
