import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_OWN_WORDS_INPUT, splitOwnWords, type SetAside } from "./own-words";

const GREETING = "Hi Sarah,";
const BODY = [
  "Thank you for the conversation today about the CFO alignment challenge. At Ledgerly I built a",
  "two-page business case with our finance lead, and it got us into the CFO's office on 11 deals.",
  "",
  "I'm very interested in the role. I can send two references this week, and I am free Tuesday",
  "afternoon to talk about next steps.",
].join("\n");

/** A follow-up built from its parts, each a paragraph of its own in this order. */
function note(
  parts: { greeting?: string; body?: string; signOff?: string; signature?: string; quoted?: string } = {},
): string {
  const { greeting = GREETING, body = BODY, signOff, signature, quoted } = parts;
  const closing = [signOff, signature].filter(Boolean).join("\n");
  return [greeting, body, closing, quoted].filter(Boolean).join("\n\n");
}

const OWN = `${GREETING}\n\n${BODY}`;
const QUOTED =
  "> Hi Marcus,\n>\n> Thanks for coming in today. We will be in touch by Friday.\n>\n> Best,\n> Sarah";
const kinds = (pieces: SetAside[]) => pieces.map((p) => p.kind);

describe("splitOwnWords", () => {
  it("gives a note with nothing to set aside back unchanged", () => {
    expect(splitOwnWords(OWN)).toEqual({ text: OWN, setAside: [] });
  });

  it("keeps sentences that mention references and next steps", () => {
    const body =
      "Happy to share references from Ledgerly.\nLooking forward to next steps.\nThanks for your time today, I enjoyed meeting the team.";
    expect(splitOwnWords(note({ body })).text).toBe(`${GREETING}\n\n${body}`);
  });

  describe("quoted replies", () => {
    it.each([
      ["> ", "> Thanks for coming in today.\n> Best, Sarah"],
      [" > (indented)", " > Thanks for coming in today.\n > Best, Sarah"],
      [">> (nested)", ">> Thanks for coming in today.\n>> Best, Sarah"],
      ["Sarah> ", "Sarah> Thanks for coming in today.\nSarah> Best, Sarah"],
    ])("sets aside lines quoted with %s", (_, quoted) => {
      expect(splitOwnWords(note({ quoted }))).toEqual({
        text: OWN,
        setAside: [{ kind: "quoted reply", text: quoted.trim() }],
      });
    });

    it("keeps an answer written between quoted passages", () => {
      const body =
        "> When could you start?\nIn January.\n\n> Any questions?\nHow is the team split between regions?";
      const { text, setAside } = splitOwnWords(note({ body }));
      expect(text).toBe(`${GREETING}\n\nIn January.\n\nHow is the team split between regions?`);
      expect(setAside).toEqual([
        { kind: "quoted reply", text: "> When could you start?" },
        { kind: "quoted reply", text: "> Any questions?" },
      ]);
    });

    it.each([
      ["English", "On Tue, 24 Nov 2026 at 14:02, Sarah Chen <sarah.chen@brightlane.io> wrote:"],
      ["Apple Mail", "On Nov 24, 2026, at 2:02 PM, Sarah Chen <sarah.chen@brightlane.io> wrote:"],
      ["English, no address", "On Tuesday 24 November 2026, Sarah Chen wrote:"],
      ["German", "Am Di., 24. Nov. 2026 um 14:02 Uhr schrieb Sarah Chen <sarah.chen@brightlane.io>:"],
      ["German (Thunderbird)", "Sarah Chen schrieb am 24.11.2026 um 14:02:"],
      ["French", "Le mar. 24 nov. 2026 à 14:02, Sarah Chen <sarah.chen@brightlane.io> a écrit :"],
      ["Spanish", "El mar, 24 nov 2026 a las 14:02, Sarah Chen (<sarah.chen@brightlane.io>) escribió:"],
      ["Dutch", "Op di 24 nov 2026 om 14:02 schreef Sarah Chen <sarah.chen@brightlane.io>:"],
      [
        "Italian",
        "Il giorno mar 24 nov 2026 alle ore 14:02 Sarah Chen <sarah.chen@brightlane.io> ha scritto:",
      ],
      ["Portuguese", "Em ter., 24 de nov. de 2026 às 14:02, Sarah Chen <sarah.chen@brightlane.io> escreveu:"],
      ["Swedish", "Den tis 24 nov. 2026 kl 14:02 skrev Sarah Chen <sarah.chen@brightlane.io>:"],
      ["Danish", "Den 24. nov. 2026 kl. 14.02 skrev Sarah Chen <sarah.chen@brightlane.io>:"],
      ["Norwegian", "tir. 24. nov. 2026 kl. 14:02 skrev Sarah Chen <sarah.chen@brightlane.io>:"],
    ])("sets aside a %s quote header with the quote under it, as one piece", (_, header) => {
      const quoted = `${header}\n\n${QUOTED}`;
      expect(splitOwnWords(note({ quoted }))).toEqual({
        text: OWN,
        setAside: [{ kind: "quoted reply", text: quoted }],
      });
      // With no quote marks under it (an HTML quote turned to text), the header heads the rest.
      const unmarked = `${header}\n\nHi Marcus,\nThanks for coming in today.\n\nBest,\nSarah`;
      expect(splitOwnWords(note({ quoted: unmarked }))).toEqual({
        text: OWN,
        setAside: [{ kind: "quoted reply", text: unmarked }],
      });
    });

    it("recognises a quote header wrapped over two lines", () => {
      const quoted = `On Tue, 24 Nov 2026 at 14:02, Sarah Chen <\nsarah.chen@brightlane.io> wrote:\n\n${QUOTED}`;
      expect(splitOwnWords(note({ quoted }))).toEqual({
        text: OWN,
        setAside: [{ kind: "quoted reply", text: quoted }],
      });
    });

    it("does not take a sentence ending in 'wrote:' for a quote header", () => {
      const body = "On reflection, here is what I wrote:\nsell the business case to finance first.";
      expect(splitOwnWords(note({ body })).text).toBe(`${GREETING}\n\n${body}`);
    });

    it.each([
      [
        "English",
        "From: Sarah Chen\nSent: Tuesday, November 24, 2026 2:02 PM\nTo: Marcus Whitfield\nSubject: Thanks for today",
      ],
      [
        "English, bold",
        "*From:* Sarah Chen <sarah.chen@brightlane.io>\n*Sent:* Tuesday, November 24, 2026 2:02 PM\n*To:* Marcus Whitfield\n*Subject:* Thanks for today",
      ],
      [
        "English, Date",
        "From: Sarah Chen <sarah.chen@brightlane.io>\nDate: Tuesday, 24 November 2026 at 14:02\nTo: Marcus Whitfield\nSubject: Re: Thanks",
      ],
      [
        "German",
        "Von: Sarah Chen\nGesendet: Dienstag, 24. November 2026 14:02\nAn: Marcus Whitfield\nBetreff: Danke für heute",
      ],
      [
        "French",
        "De : Sarah Chen\nEnvoyé : mardi 24 novembre 2026 14:02\nÀ : Marcus Whitfield\nObjet : Merci pour aujourd'hui",
      ],
      [
        "Spanish",
        "De: Sarah Chen\nEnviado: martes, 24 de noviembre de 2026 14:02\nPara: Marcus Whitfield\nAsunto: Gracias por hoy",
      ],
      [
        "Dutch",
        "Van: Sarah Chen\nVerzonden: dinsdag 24 november 2026 14:02\nAan: Marcus Whitfield\nOnderwerp: Bedankt voor vandaag",
      ],
    ])("sets aside an Outlook header block in %s and what follows", (_, block) => {
      const quoted = `${block}\n\nHi Marcus,\nThanks for coming in today.\n\nKind regards,\nSarah`;
      expect(splitOwnWords(note({ quoted }))).toEqual({
        text: OWN,
        setAside: [{ kind: "quoted reply", text: quoted }],
      });
    });

    it("takes Outlook's rule above the header block with it, and calls a forwarded one a forward", () => {
      const quoted =
        "________________________________\nFrom: Sarah Chen\nSent: Tuesday, November 24, 2026 2:02 PM\nTo: Marcus Whitfield\nSubject: FW: Thanks for today\n\nSee below.";
      expect(splitOwnWords(note({ quoted }))).toEqual({
        text: OWN,
        setAside: [{ kind: "forwarded message", text: quoted }],
      });
    });

    it("leaves a line that only starts with From: in the message", () => {
      const body =
        "From: my side, the CFO conversation was the most useful part.\nSent: the plan you asked for is attached.";
      expect(splitOwnWords(note({ body })).text).toBe(`${GREETING}\n\n${body}`);
    });

    it.each([
      "-----Original Message-----",
      "----- Ursprüngliche Nachricht -----",
      "-------- Message d'origine --------",
      "-----Mensaje original-----",
      "-----Oorspronkelijk bericht-----",
      "-----Messaggio originale-----",
    ])("sets aside everything from %s on", (marker) => {
      const quoted = `${marker}\nFrom: Sarah Chen\nSent: Tuesday, November 24, 2026 2:02 PM\n\nThanks for coming in.`;
      expect(splitOwnWords(note({ quoted }))).toEqual({
        text: OWN,
        setAside: [{ kind: "quoted reply", text: quoted }],
      });
    });

    it.each([
      "---------- Forwarded message ---------",
      "Begin forwarded message:",
      "---------- Weitergeleitete Nachricht ---------",
    ])("sets aside a forwarded message from %s on", (marker) => {
      const quoted = `${marker}\nFrom: Sarah Chen <sarah.chen@brightlane.io>\nDate: Tue, 24 Nov 2026 at 14:02\nSubject: Thanks for today\n\nThanks for coming in.`;
      expect(splitOwnWords(note({ quoted }))).toEqual({
        text: OWN,
        setAside: [{ kind: "forwarded message", text: quoted }],
      });
    });

    it("gives a note that is only a quoted thread no text", () => {
      expect(splitOwnWords(QUOTED)).toEqual({ text: "", setAside: [{ kind: "quoted reply", text: QUOTED }] });
      const thread = `On Tue, 24 Nov 2026 at 14:02, Sarah Chen <sarah.chen@brightlane.io> wrote:\n${QUOTED}`;
      expect(splitOwnWords(thread)).toEqual({ text: "", setAside: [{ kind: "quoted reply", text: thread }] });
    });
  });

  describe("sign-offs and signatures", () => {
    it.each([
      "Best,",
      "Best regards,",
      "Kind regards",
      "Thanks,",
      "Thank you,",
      "Cheers,",
      "Sincerely,",
      "Regards,",
      "Warm regards,",
      "All the best,",
      "Thanks again,",
      "Many thanks,",
      "Mit freundlichen Grüßen",
      "Mit freundlichen Gruessen",
      "Viele Grüße",
      "Beste Grüße",
      "Cordialement,",
      "Bien à vous,",
      "Saludos,",
      "Un saludo,",
      "Met vriendelijke groet,",
      "Cordiali saluti,",
      "Atenciosamente,",
      "Mvh",
      "Med vänlig hälsning",
    ])("sets aside %s with the name under it", (valediction) => {
      expect(splitOwnWords(note({ signOff: `${valediction}\nMarcus` }))).toEqual({
        text: OWN,
        setAside: [{ kind: "sign-off", text: `${valediction}\nMarcus` }],
      });
    });

    it.each(["Best, Marcus", "Thanks! -Marcus", "Cheers — Marcus Whitfield", "Thank you!", "Best"])(
      "sets aside the one-line sign-off %s",
      (signOff) => {
        expect(splitOwnWords(note({ signOff }))).toEqual({
          text: OWN,
          setAside: [{ kind: "sign-off", text: signOff }],
        });
      },
    );

    it.each(["Marcus", "- Marcus", "—Marcus", "Marcus Whitfield", "Ludwig van Beethoven"])(
      "sets aside the bare name %s ending the note",
      (name) => {
        expect(splitOwnWords(note({ signOff: name }))).toEqual({
          text: OWN,
          setAside: [{ kind: "sign-off", text: name }],
        });
      },
    );

    it("does not take a sentence starting with a valediction word for a sign-off", () => {
      for (const last of [
        "Thanks for your time today, I enjoyed meeting the whole team.",
        "Best of luck with the quarter close!",
        "Thank you Sarah, I can do a call any day this week",
      ]) {
        expect(splitOwnWords(note({ signOff: last })).text).toBe(`${OWN}\n\n${last}`);
      }
    });

    it("sets aside the signature block under a sign-off: title, company, phone, links and a scheduling link", () => {
      const signature = [
        "Senior Account Executive | Ledgerly",
        "Ledgerly Inc.",
        "+1 (312) 555-0148",
        "marcus@ledgerly.io",
        "linkedin.com/in/marcuswhitfield",
        "Schedule a call: calendly.com/marcus",
        "Book time with me: https://cal.com/marcus/30min",
      ].join("\n");
      expect(splitOwnWords(note({ signOff: "Best regards,\nMarcus Whitfield", signature }))).toEqual({
        text: OWN,
        setAside: [
          { kind: "sign-off", text: "Best regards,\nMarcus Whitfield" },
          { kind: "signature", text: signature },
        ],
      });
    });

    it("sets aside a name over contact lines without a valediction", () => {
      const signature = "Account Executive, Ledgerly\n+1 (312) 555-0148 | calendly.com/marcus";
      expect(splitOwnWords(note({ signOff: "Marcus Whitfield", signature }))).toEqual({
        text: OWN,
        setAside: [
          { kind: "sign-off", text: "Marcus Whitfield" },
          { kind: "signature", text: signature },
        ],
      });
    });

    it("sets aside a name over a title and company without a valediction", () => {
      expect(
        splitOwnWords(note({ signOff: "Marcus Whitfield", signature: "Senior Account Executive\nLedgerly" }))
          .setAside,
      ).toEqual([
        { kind: "sign-off", text: "Marcus Whitfield" },
        { kind: "signature", text: "Senior Account Executive\nLedgerly" },
      ]);
    });

    it("keeps a list of capitalised items ending the note", () => {
      for (const list of [
        "Topics I would bring:\nPipeline Review\nForecast Accuracy",
        "- Pipeline Review\n- Forecast Accuracy",
        "My calendar is here:\ncalendly.com/x",
      ]) {
        expect(splitOwnWords(note({ signOff: list })).text).toBe(`${OWN}\n\n${list}`);
      }
    });

    it("sets aside a lone scheduling link ending the note", () => {
      expect(splitOwnWords(note({ signature: "Schedule a call: calendly.com/x" }))).toEqual({
        text: OWN,
        setAside: [{ kind: "signature", text: "Schedule a call: calendly.com/x" }],
      });
    });

    it("sets aside everything under a '-- ' delimiter", () => {
      const signature = "-- \nMarcus Whitfield\nHelping finance teams close faster\nhttps://ledgerly.io";
      expect(splitOwnWords(note({ signOff: "Thanks,\nMarcus", signature: `\n${signature}` }))).toEqual({
        text: OWN,
        setAside: [
          { kind: "sign-off", text: "Thanks,\nMarcus" },
          { kind: "signature", text: signature.trim() },
        ],
      });
    });

    it.each([
      "Sent from my iPhone",
      "Sent from my Android phone",
      "Get Outlook for iOS",
      "Sent from Outlook for Android",
      "Von meinem iPhone gesendet",
      "Envoyé de mon iPhone",
    ])("sets aside '%s'", (line) => {
      expect(splitOwnWords(note({ signature: line }))).toEqual({
        text: OWN,
        setAside: [{ kind: "signature", text: line }],
      });
    });

    it("gives a note that is only a signature no text", () => {
      expect(splitOwnWords("Marcus Whitfield\nSenior AE | Ledgerly\n+1 (312) 555-0148").text).toBe("");
      expect(splitOwnWords("-- \nMarcus Whitfield\nSenior AE").text).toBe("");
      expect(splitOwnWords("Best,\nMarcus").text).toBe("");
      expect(splitOwnWords("Sent from my iPhone").text).toBe("");
    });

    it("keeps a lone thank-you that is the whole note", () => {
      expect(splitOwnWords("Thanks!\nMarcus")).toEqual({
        text: "Thanks!",
        setAside: [{ kind: "sign-off", text: "Marcus" }],
      });
    });

    it("takes valedictions written one above the other together", () => {
      expect(splitOwnWords(note({ signOff: "Thanks again!\nBest,\nKR" })).setAside).toEqual([
        { kind: "sign-off", text: "Thanks again!\nBest,\nKR" },
      ]);
    });

    it("keeps short lines above the valediction", () => {
      const body = "Great chat today.\nTuesday works for me.";
      expect(splitOwnWords(note({ body, signOff: "Cheers,\nMarcus" })).text).toBe(`${GREETING}\n\n${body}`);
    });
  });

  describe("disclaimers and list footers", () => {
    it.each([
      "This email and any attachments are confidential and intended solely for the addressee.",
      "CONFIDENTIALITY NOTICE: The contents of this email message are for the named recipient only.",
      "The information in this email is intended solely for the use of the individual to whom it is addressed.",
      "If you have received this email in error, please notify the sender and delete it.",
      "Diese E-Mail enthält vertrauliche und/oder rechtlich geschützte Informationen.",
      "Ce message et toutes les pièces jointes sont confidentiels.",
    ])("sets aside the disclaimer %s", (disclaimer) => {
      const text = `${disclaimer}\nAny unauthorised copying is prohibited.`;
      expect(splitOwnWords(note({ signOff: "Best,\nMarcus", signature: `\n${text}` }))).toEqual({
        text: OWN,
        setAside: [
          { kind: "sign-off", text: "Best,\nMarcus" },
          { kind: "disclaimer", text },
        ],
      });
    });

    it("finds a disclaimer under a long message too", () => {
      const body = Array.from({ length: 12 }, () => BODY).join("\n\n");
      const disclaimer = "If you have received this email in error, please notify the sender.";
      expect(splitOwnWords(note({ body, signature: disclaimer }))).toEqual({
        text: `${GREETING}\n\n${body}`,
        setAside: [{ kind: "disclaimer", text: disclaimer }],
      });
    });

    it("takes a disclaimer's wrapped first line with it", () => {
      const disclaimer =
        "This message and its attachments are\nintended solely for the use of the individual to whom they are addressed.";
      expect(splitOwnWords(note({ signature: disclaimer }))).toEqual({
        text: OWN,
        setAside: [{ kind: "disclaimer", text: disclaimer }],
      });
    });

    it.each([
      '--\nYou received this message because you are subscribed to the Google Groups "Sales Leaders" group.\nTo unsubscribe from this group and stop receiving emails from it, send an email to sales+unsubscribe@googlegroups.com.',
      "To unsubscribe from this group, send email to sales+unsubscribe@example.org",
      "Unsubscribe: https://lists.example.org/u/abc",
      "_______________________________________________\nSales mailing list\nsales@lists.example.org\nhttps://lists.example.org/mailman/listinfo/sales",
    ])("sets aside the list footer %#", (footer) => {
      expect(splitOwnWords(note({ signature: footer }))).toEqual({
        text: OWN,
        setAside: [{ kind: "list footer", text: footer }],
      });
    });

    it("sets aside a 'view in your browser' line alone", () => {
      expect(splitOwnWords(`View this email in your browser\n\n${OWN}`)).toEqual({
        text: OWN,
        setAside: [{ kind: "list footer", text: "View this email in your browser" }],
      });
    });
  });

  describe("shapes of real mail", () => {
    const REPLY = "I can start on 4 January; my notice period is one month.";

    it("keeps the reply written under a quote (bottom posting), setting the header and quote aside", () => {
      const header = "On Tue, 24 Nov 2026 at 14:02, Sarah Chen <sarah.chen@brightlane.io> wrote:";
      const quote = "> When could you start?\n>\n> Sarah";
      expect(splitOwnWords(`${header}\n${quote}\n\n${REPLY}\n\nTomasz`)).toEqual({
        text: REPLY,
        setAside: [
          { kind: "quoted reply", text: `${header}\n${quote}` },
          { kind: "sign-off", text: "Tomasz" },
        ],
      });
    });

    it("keeps every answer of an interleaved reply under a header at the top", () => {
      const body =
        "On Dec 15, 2026, at 2:00 PM, Jane Doe <jane@example.com> wrote:\n> Option A?\n\nA is great.\n\n> Option B?\n\nB has drawbacks.";
      expect(splitOwnWords(body).text).toBe("A is great.\n\nB has drawbacks.");
    });

    it("reads 'Name writes:' over a quote as a header, and leaves 'what I wrote:' over text alone", () => {
      expect(splitOwnWords(`Justin Mason writes:\n> Does it work?\n\n${REPLY}`).text).toBe(REPLY);
      const own = "When we last spoke, here is what I wrote:\nsell the business case to finance first.";
      expect(splitOwnWords(own).text).toBe(own);
    });

    it.each([
      ["over three lines", "On Nov 21, 2026,\nat 10:18,\nSarah Chen <sarah@example.com> wrote:"],
      ["with the address on its own line", "On Wed, Dec 9, 2026, Sarah Chen\n<sarah@example.com>\nwrote:"],
      ["with '>:' wrapped", "tir. 24. nov. 2026 kl. 14:02 skrev Sarah Chen <sarah@example.com\n>:"],
      ["in Finnish, wrapped", "pe 20. lokakuuta 2026 klo 17.50 Sarah Chen\n<sarah@example.com> kirjoitti:"],
      ["in Polish", "W dniu 2026-01-09 11:59:39 użytkownik Sarah Chen <sarah@example.com> napisał:"],
      ["in Hungarian", '2026.02.08. 7:31 keltezéssel, "Sarah Chen" írta:'],
      ["without a verb (Gmail)", "2026-11-24 16:32 GMT+01:00 Sarah Chen <sarah@example.com>:"],
      ["in Russian, without a verb", "ср, 30 апр. 2026 г. в 15:19, Sarah Chen <sarah@example.com>:"],
      ["without its colon", "On Wed, 14 Nov 2026 08:14:43 -0200 Sarah Chen <sarah@example.com> wrote"],
      ["from Zoho", "---- On Wed, 24 Feb 2026 14:02:50 +0530 sarah@example.com wrote ----"],
    ])("sets aside a quote header %s", (_, header) => {
      const { text, setAside } = splitOwnWords(`${REPLY}\n\n${header}\n\nHi Tomasz, when could you start?`);
      expect(text).toBe(REPLY);
      expect(setAside).toEqual([
        { kind: "quoted reply", text: `${header}\n\nHi Tomasz, when could you start?` },
      ]);
    });

    it.each([
      [
        "indented, French, with multi-word field names",
        "      De : Sarah Chen <sarah@example.com>\n À : Tomasz <t@example.com>\n Envoyé le : Mercredi 30 novembre 2026 10h30\n Objet : Re: Entretien",
      ],
      [
        "with the sender wrapped onto a second line",
        "From: Human Resources\n<a-really-long-automated-address@humanresources.example.com>\nSent: Monday, August 26, 2026 4:37 PM\nTo: Tomasz\nSubject: A new message",
      ],
      [
        "Yahoo's, dated first",
        'Message du : 12/12/2026 13:20\nDe : "Sarah Chen" <sarah@example.com>\nA : t@example.com\nSujet : Entretien',
      ],
    ])("sets aside an Outlook-style block %s", (_, block) => {
      const { text, setAside } = splitOwnWords(`${REPLY}\n\n${block}\n\nHi Tomasz.`);
      expect(text).toBe(REPLY);
      expect(setAside).toEqual([{ kind: "quoted reply", text: `${block.trim()}\n\nHi Tomasz.` }]);
    });

    it("keeps the reply under an 'Original Message' block whose original is quoted", () => {
      const quoted =
        '----- Original Message -----\nFrom: "Sarah Chen" <sarah@example.com>\n\n> When could you start?';
      expect(splitOwnWords(`${quoted}\n${REPLY}`).text).toBe(REPLY);
    });

    it("sets aside Lotus Notes' forward marker, and its sender and date over To: / cc: / Subject:", () => {
      const forward =
        "---------------------- Forwarded by Tomasz Nowak/WAW/EU on 10/05/2026 01:38 PM ---------------------------\n\nSarah's note below.";
      expect(splitOwnWords(`${REPLY}\n\n${forward}`).setAside).toEqual([
        { kind: "forwarded message", text: forward },
      ]);
      const reply =
        "Sarah Chen@BRIGHTLANE\n05/03/2026 12:07 PM\nTo: Tomasz Nowak/WAW/EU@EU\ncc:\nSubject: Start date\n\nWhen could you start?";
      expect(splitOwnWords(`${REPLY}\n\n${reply}`)).toEqual({
        text: REPLY,
        setAside: [{ kind: "quoted reply", text: reply }],
      });
    });

    it("reads MH's 'Date: / From: / Message-ID:' attribution and its '|' quotes", () => {
      const body =
        "    Date:        Wed, 21 Aug 2026 10:54:46 -0500\n    From:        Sarah Chen <sarah@example.com>\n    Message-ID:  <1029945287.4797@example.com>\n\n  | When could you start?\n\nIn January.\n\n  | And the notice period?\n\nOne month.";
      expect(splitOwnWords(body).text).toBe("In January.\n\nOne month.");
    });

    it("keeps the reply under an attribution at the top whose quote was cut ('<snip>', or nothing)", () => {
      const header = "On Thu, 22 Aug 2026, Sarah Chen wrote:";
      expect(splitOwnWords(`${header}\n\n<snip>\n\n${REPLY}`)).toEqual({
        text: REPLY,
        setAside: [{ kind: "quoted reply", text: `${header}\n\n<snip>` }],
      });
      expect(splitOwnWords(`${header}\n${REPLY}`).text).toBe(REPLY);
    });

    it("takes a quoted line wrapped without its quote mark as part of the quote", () => {
      const quote =
        "> Thanks for applying. Would Thursday at 2pm work for a 45 minute chat\nabout the role? We will be on Teams.\n>\n> Fiona";
      expect(splitOwnWords(`${REPLY}\n\n${quote}`)).toEqual({
        text: REPLY,
        setAside: [{ kind: "quoted reply", text: quote }],
      });
      // A short quoted line with an answer right under it is answered, not wrapped.
      expect(splitOwnWords("> Start date?\nJanuary.\n> Notice?\nOne month.").text).toBe(
        "January.\n\nOne month.",
      );
    });

    it("takes '--' without its space for a signature only over a signature-shaped block", () => {
      const prose =
        "Here is the summary.\n--\nQ4 pipeline is 2.4M over 55 opportunities, of which eleven are expansions of accounts we already serve.";
      expect(splitOwnWords(prose).text).toBe(prose);
      expect(splitOwnWords(`${REPLY}\n--\nTomasz Nowak\nSenior AE`).setAside).toEqual([
        { kind: "signature", text: "--\nTomasz Nowak\nSenior AE" },
      ]);
      expect(splitOwnWords(`${REPLY}\n==\nNext point.`).text).toBe(`${REPLY}\n==\nNext point.`);
    });

    it("sets aside a valediction over a signature the walk back cannot read", () => {
      expect(splitOwnWords(`${REPLY}\n\nRegards,\n\nJohn Doe\nCEO @ Acme !`)).toEqual({
        text: REPLY,
        setAside: [
          { kind: "sign-off", text: "Regards,\n\nJohn Doe" },
          { kind: "signature", text: "CEO @ Acme !" },
        ],
      });
      expect(splitOwnWords(`${REPLY}\n\nThanks in advance,\nTomasz`).text).toBe(REPLY);
    });

    it("keeps a one-line note that only looks like a name, and a last word ending a sentence", () => {
      expect(splitOwnWords("On Thursday.\n\n> When can you come in?").text).toBe("On Thursday.");
      expect(splitOwnWords(`${REPLY}\n\nYawn.`).text).toBe(`${REPLY}\n\nYawn.`);
      expect(splitOwnWords("I can talk any time\nMonday.\n\nPriyanka")).toEqual({
        text: "I can talk any time\nMonday.",
        setAside: [{ kind: "sign-off", text: "Priyanka" }],
      });
    });

    it.each([
      [
        "SourceForge's sponsor block over a Mailman footer",
        "-------------------------------------------------------\nThis sf.net email is sponsored by: ThinkGeek\nhttp://thinkgeek.com/sf\n_______________________________________________\nSales-talk mailing list\nSales-talk@lists.sourceforge.net\nhttps://lists.sourceforge.net/lists/listinfo/sales-talk",
      ],
      [
        "Yahoo Groups' sponsor rule",
        "------------------------ Yahoo! Groups Sponsor ---------------------~-->\nPlan to Sell a Home?\n---------------------------------------------------------------------~->\n\nTo unsubscribe from this group, send an email to:\nsales-unsubscribe@egroups.com",
      ],
      [
        "a list name over its address",
        "_______________________________________________\nRPM-List mailing list <RPM-List@freshrpms.net>\nhttp://lists.freshrpms.net/mailman/listinfo/rpm-list",
      ],
      ["a list's page alone", "http://xent.com/mailman/listinfo/fork"],
      ["a short rule over the list name", "__\nriak-users mailing list\nriak-users@lists.basho.com"],
      [
        "Lyris",
        "---\nYou are currently subscribed to sales-news as: tomasz@example.com\nTo unsubscribe send a blank email to leave-sales-news@lists.example.com",
      ],
      [
        "a free-mail advertisement",
        "___________________________________________________________\nDo You Yahoo!? -- Une adresse @yahoo.fr gratuite !",
      ],
      [
        "GitHub's notification footer",
        "—\nReply to this email directly, view it on GitHub, or unsubscribe.\nYou are receiving this because you were mentioned.",
      ],
    ])("sets aside %s", (_, footer) => {
      const { text } = splitOwnWords(`${REPLY}\n\n${footer}`);
      expect(text).toBe(REPLY);
    });

    it("does not take a rule over the note's own lines for a footer", () => {
      const body = `${REPLY}\n---------------------\nSo is this limestone or granite?\n------------------------ Yahoo! Groups Sponsor ---------------------~-->\nPlan to Sell a Home?`;
      expect(splitOwnWords(body).text).toBe(
        `${REPLY}\n---------------------\nSo is this limestone or granite?`,
      );
    });

    it.each([
      "This e-mail message, including any attachments, is for the sole use of the intended recipient(s) and may contain confidential information.",
      "Any views or opinions presented in this email are solely those of the author.",
      "E-mail transmission cannot be guaranteed to be secure or error-free.",
      "This message has been scanned for viruses and dangerous content by MailScanner.",
      "CAUTION: This email originated from outside of the organization. Do not click links unless you know the content is safe.",
    ])("sets aside the disclaimer %s", (disclaimer) => {
      expect(splitOwnWords(`${REPLY}\n\n${disclaimer}`)).toEqual({
        text: REPLY,
        setAside: [{ kind: "disclaimer", text: disclaimer }],
      });
    });

    it("keeps a writer's own 'Disclaimer:' aside", () => {
      const aside = "Disclaimer: I have not tried this myself, so check it before you rely on it.";
      expect(splitOwnWords(`${REPLY}\n\n${aside}`).text).toBe(`${REPLY}\n\n${aside}`);
    });

    it("sets aside a banner above the note as its own paragraph only", () => {
      const banner = "CAUTION: This email originated from outside of the organization.";
      expect(splitOwnWords(`${banner}\n\n${REPLY}`)).toEqual({
        text: REPLY,
        setAside: [{ kind: "disclaimer", text: banner }],
      });
    });
  });

  it("keeps the set-aside pieces in the order they stood", () => {
    const message = note({
      signOff: "Best,\nMarcus",
      signature: "Senior AE | Ledgerly\n\nCONFIDENTIALITY NOTICE: this email is confidential.",
      quoted: `On Tue, 24 Nov 2026 at 14:02, Sarah Chen <sarah.chen@brightlane.io> wrote:\n${QUOTED}`,
    });
    expect(kinds(splitOwnWords(message).setAside)).toEqual([
      "sign-off",
      "signature",
      "disclaimer",
      "quoted reply",
    ]);
    expect(splitOwnWords(message).text).toBe(OWN);
  });

  it("reads Windows line endings", () => {
    const { text, setAside } = splitOwnWords(
      note({ signOff: "Best,\nMarcus", quoted: QUOTED }).replace(/\n/g, "\r\n"),
    );
    expect(text).toBe(OWN);
    expect(kinds(setAside)).toEqual(["sign-off", "quoted reply"]);
  });

  it("returns on a 100,000-character line, 20,000 lines, and cuts input at 100,000 characters", () => {
    const long = "We spoke on Monday at noon about the plan and wrote it down. ".repeat(1_700);
    expect(splitOwnWords(long).text).toBe(long.slice(0, MAX_OWN_WORDS_INPUT).trim());
    const lines = Array.from({ length: 20_000 }, (_, i) =>
      i % 2 ? "> Best,\nSarah> On Tue wrote: Marcus" : "Best, Marcus",
    ).join("\n");
    const split = splitOwnWords(lines);
    expect(split.text.length + split.setAside.reduce((n, p) => n + p.text.length, 0)).toBeLessThanOrEqual(
      MAX_OWN_WORDS_INPUT,
    );
    const ruled = `${"-".repeat(50_000)} ${"a ".repeat(30_000)}wrote:`;
    expect(splitOwnWords(ruled).text.length).toBe(MAX_OWN_WORDS_INPUT);
  });

  describe("properties", () => {
    const nonBlankLines = (text: string) =>
      text
        .replace(/\r\n?/g, "\n")
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean)
        .sort();

    const PARTS = [
      "> quoted line",
      "Sarah> quoted",
      "On Tue, 24 Nov 2026 at 14:02, Sarah <s@x.io> wrote:",
      "Best,",
      "Thanks!",
      "Marcus",
      "- Marcus",
      "-- ",
      "Senior AE | Ledgerly",
      "+1 (312) 555-0148",
      "calendly.com/x",
      "Sent from my iPhone",
      "From: Sarah",
      "Sent: Tuesday 14:02",
      "To: Marcus",
      "Subject: Hi",
      "-----Original Message-----",
      "CONFIDENTIALITY NOTICE: secret",
      "To unsubscribe from this group, email x",
      "",
      "   ",
      "View this email in your browser",
      "_".repeat(30),
      "Sales mailing list",
      "This email is confidential.",
    ];

    it("keeps every non-blank line of the input exactly once, in the text or in one piece", () => {
      const line = fc.oneof(
        fc.constantFrom(...PARTS),
        fc.string({ maxLength: 60 }),
        fc.lorem({ maxCount: 12 }),
      );
      fc.assert(
        fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
          const input = lines.join("\n");
          const { text, setAside } = splitOwnWords(input);
          expect(nonBlankLines([text, ...setAside.map((p) => p.text)].join("\n"))).toEqual(
            nonBlankLines(input),
          );
          for (const piece of setAside) expect(piece.text).toBe(piece.text.trim());
        }),
        { numRuns: 500 },
      );
    });

    it("gives a note with none of these parts back unchanged", () => {
      const sentence = fc
        .array(
          fc.constantFrom(
            "the",
            "team",
            "pipeline",
            "finance",
            "deal",
            "renewal",
            "review",
            "call",
            "quarter",
            "plan",
            "we",
            "discussed",
            "can",
            "send",
            "references",
            "next",
            "steps",
            "week",
          ),
          {
            minLength: 6,
            maxLength: 14,
          },
        )
        .map((words) => `${words[0][0].toUpperCase()}${words.join(" ").slice(1)}.`);
      const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((s) => s.join("\n"));
      const greeting = fc.constantFrom("Hi Sarah,", "Dear Ms. Chen,", "Hello team,", "");
      fc.assert(
        fc.property(greeting, fc.array(paragraph, { minLength: 1, maxLength: 4 }), (hello, paragraphs) => {
          const body = [hello, ...paragraphs].filter(Boolean).join("\n\n");
          expect(splitOwnWords(body)).toEqual({ text: body, setAside: [] });
        }),
        { numRuns: 300 },
      );
    });
  });
});
