import { describe, expect, it } from "vitest";
import { decodeCharset, decodeFlowed, htmlToText, messageText } from "./mail-text.server";

const latin1 = (text: string) => Buffer.from(text, "latin1");
const text = (result: ReturnType<typeof decodeCharset>) => {
  if (!result.ok) throw new Error(result.reason);
  return result.text;
};
const message = (head: string, body: string | Buffer) =>
  Buffer.concat([Buffer.from(`${head.trim()}\r\n\r\n`), typeof body === "string" ? Buffer.from(body) : body]);

describe("decodeFlowed (RFC 3676)", () => {
  it("joins a paragraph's soft line breaks and keeps its hard ones", () => {
    expect(decodeFlowed("Thank you for \nthe call.\nSee you Tuesday.", false)).toBe(
      "Thank you for the call.\nSee you Tuesday.",
    );
  });

  it("removes the space added before each soft break when DelSp=yes", () => {
    expect(decodeFlowed("Thank you for  \nthe call. I'd lo \nve to.", true)).toBe(
      "Thank you for the call. I'd love to.",
    );
  });

  it("removes space-stuffing, on quoted lines after their quote marks too", () => {
    expect(decodeFlowed(" From my side, yes.\n>  From your side?", false)).toBe(
      "From my side, yes.\n>  From your side?",
    );
    expect(decodeFlowed("> Quoted \n> on.", false)).toBe("> Quoted on.");
  });

  it("never joins lines of different quote depth: the reply under a quote stays the reply", () => {
    expect(decodeFlowed("> Any questions for us? \nYes: how is the territory split?", false)).toBe(
      "> Any questions for us?\nYes: how is the territory split?",
    );
    expect(decodeFlowed(">> Older \n> Newer \n> still newer\nMine", false)).toBe(
      ">> Older\n> Newer still newer\nMine",
    );
  });

  it("keeps the signature delimiter '-- ' a line of its own", () => {
    expect(decodeFlowed("Thanks, \nTom\n-- \nTom Becker", false)).toBe("Thanks, Tom\n-- \nTom Becker");
  });
});

describe("decodeCharset", () => {
  it("reads the declared charset, with Windows-1252's quotes for iso-8859-1 (as mail means it)", () => {
    expect(text(decodeCharset(latin1("I\x92m in Z\xfcrich \x96 \x80250k"), "iso-8859-1"))).toBe(
      "I’m in Zürich – €250k",
    );
    expect(text(decodeCharset(latin1("Gr\xfc\xdfe"), "windows-1252"))).toBe("Grüße");
  });

  it("detects undeclared 8-bit text instead of reading it as UTF-8 with replacement characters", () => {
    const body = latin1(
      "Merci pour l'entretien de cet apr\xe8s-midi, je suis tr\xe8s int\xe9ress\xe9e par le poste.",
    );
    expect(text(decodeCharset(body, null))).toBe(
      "Merci pour l'entretien de cet après-midi, je suis très intéressée par le poste.",
    );
    expect(text(decodeCharset(latin1("I\x92ve attached the plan \x96 thanks"), "us-ascii"))).toBe(
      "I’ve attached the plan – thanks",
    );
    expect(text(decodeCharset(latin1("Caf\xe9"), null))).toBe("Café");
  });

  it("reads UTF-8 declared as a single-byte charset as UTF-8", () => {
    expect(text(decodeCharset(Buffer.from("¿Te viene bien el jueves? — Javier"), "iso-8859-1"))).toBe(
      "¿Te viene bien el jueves? — Javier",
    );
  });

  it("reads text declared as UTF-8 but written in Windows-1252", () => {
    expect(text(decodeCharset(latin1("I\x92m very interested \x96 thanks"), "utf-8"))).toBe(
      "I’m very interested – thanks",
    );
  });

  it("reads the stray Latin-1 byte in otherwise UTF-8 text as Latin-1, and the rest as UTF-8", () => {
    const mixed = Buffer.concat([Buffer.from("Résumé attached — "), latin1("caf\xe9")]);
    expect(text(decodeCharset(mixed, null))).toBe("Résumé attached — café");
  });

  it("detects Cyrillic, and reads 7-bit charsets such as ISO-2022-JP", () => {
    const cp1251 = Buffer.from([
      0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x2c, 0x20, 0xf1, 0xef, 0xe0, 0xf1, 0xe8, 0xe1, 0xee, 0x20, 0xe7,
      0xe0, 0x20, 0xe8, 0xed, 0xf2, 0xe5, 0xf0, 0xe2, 0xfc, 0xfe,
    ]);
    expect(text(decodeCharset(cp1251, null))).toBe("Привет, спасибо за интервью");
    expect(text(decodeCharset(latin1("\x1b$B$3$s$K$A$O\x1b(B"), "iso-2022-jp"))).toBe("こんにちは");
  });

  it("refuses bytes that no charset reads as text, with the reason, rather than storing them", () => {
    const binary = Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 73 + 11) % 256));
    const result = decodeCharset(binary, "x-unknown");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/declared as “x-unknown”.*could not be recognised/);
  });

  it("never returns a replacement character it made itself", () => {
    for (const declared of [null, "utf-8", "us-ascii", "shift_jis", "bogus"]) {
      const result = decodeCharset(latin1("Thanks \x81\x8d\x9d for \xff\xfe today"), declared);
      if (result.ok) expect(result.text).not.toContain("\ufffd");
    }
  });
});

describe("htmlToText", () => {
  it("keeps the body when <head>, <style>, <script>, <title> or a comment is never closed", () => {
    for (const html of [
      "<html><head><meta charset=utf-8><body><p>Hi Sarah,</p><p>Thanks for today.</p>",
      "<html><head><style>p { margin: 0 }\n<body><p>Hi Sarah,</p><p>Thanks for today.</p>",
      "<html><head><script>var a = 1;\n<body><p>Hi Sarah,</p><p>Thanks for today.</p>",
      "<html><head><title>Re: today\n<body><p>Hi Sarah,</p><p>Thanks for today.</p>",
      "<html><!--[if mso]><body><p>Hi Sarah,</p><p>Thanks for today.</p>",
    ]) {
      expect(htmlToText(html)).toBe("Hi Sarah,\n\nThanks for today.");
    }
  });

  it("drops closed style, script and title content and Outlook's <xml> block", () => {
    expect(
      htmlToText(
        "<head><title>Hello</title><style>p{x:1}</style><script>if (a < b) go();</script><xml><o:Settings/></xml></head><body>Hi</body>",
      ),
    ).toBe("Hi");
  });

  it("turns blockquotes into '>' lines and Windows-1252 numeric entities into their characters", () => {
    expect(
      htmlToText(
        "<div>Yes.</div><blockquote><div>Can you start in January?</div></blockquote><p>I&#146;m in.</p>",
      ),
    ).toBe("Yes.\n\n>\n> Can you start in January?\n>\n\nI’m in.");
  });
});

describe("messageText", () => {
  it("shows one representation of multipart/alternative, the plain one", () => {
    const raw = message(
      'Content-Type: multipart/alternative; boundary="b1"',
      "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlain words\r\n--b1\r\nContent-Type: text/html\r\n\r\n<p>HTML words</p>\r\n--b1--\r\n",
    );
    expect(messageText(raw)).toEqual({ ok: true, text: "Plain words" });
  });

  it("reads the HTML part as text when there is no plain one, inside multipart/related", () => {
    const raw = message(
      'Content-Type: multipart/related; boundary="r"',
      "--r\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
        Buffer.from("<p>Gr\u00fc\u00dfe aus M\u00fcnchen</p>").toString("base64") +
        "\r\n--r\r\nContent-Type: image/png\r\nContent-ID: <logo>\r\n\r\niVBORw0KGgo=\r\n--r--\r\n",
    );
    expect(messageText(raw)).toEqual({ ok: true, text: "Grüße aus München" });
  });

  it("skips attachments, including text ones, and decodes quoted-printable soft breaks", () => {
    const raw = message(
      'Content-Type: multipart/mixed; boundary="m"',
      "--m\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nI=E2=80=99m very interested in the r=\r\nole.\r\n" +
        '--m\r\nContent-Type: text/plain; name="cv.txt"\r\nContent-Disposition: attachment; filename="cv.txt"\r\n\r\nCV text\r\n--m--\r\n',
    );
    expect(messageText(raw)).toEqual({ ok: true, text: "I’m very interested in the role." });
  });

  it("reads a charset given by RFC 2231 and by an HTML part's <meta>", () => {
    const plain = message("Content-Type: text/plain; charset*=iso-8859-1''", latin1("Z\xfcrich"));
    expect(messageText(plain)).toEqual({ ok: true, text: "Zürich" });
    const html = message(
      "Content-Type: text/html",
      latin1('<meta charset="windows-1252"><p>Caf\xe9 \x96 ok</p>'),
    );
    expect(messageText(html)).toEqual({ ok: true, text: "Café – ok" });
  });

  it("puts a forward header over a message forwarded inline", () => {
    const raw = message(
      'Content-Type: multipart/mixed; boundary="f"',
      "--f\r\nContent-Type: text/plain\r\n\r\nSee below.\r\n--f\r\nContent-Type: message/rfc822\r\n\r\n" +
        "From: Sarah Chen <sarah@example.com>\r\nSubject: Next steps\r\nDate: Mon, 23 Nov 2026 09:12:00 +0000\r\n\r\nHi there.\r\n--f--\r\n",
    );
    expect(messageText(raw)).toEqual({
      ok: true,
      text: "See below.\n---------- Forwarded message ---------\nFrom: Sarah Chen <sarah@example.com>\nDate: Mon, 23 Nov 2026 09:12:00 +0000\nSubject: Next steps\n\nHi there.",
    });
  });

  it("unfolds format=flowed text part by part", () => {
    const raw = message(
      "Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes",
      "> Any questions?  \r\nYes: how is the  \r\nterritory split?\r\n",
    );
    expect(messageText(raw)).toEqual({
      ok: true,
      text: "> Any questions?\nYes: how is the territory split?\n",
    });
  });

  it("reads a message cut short inside its last part, and a part with a broken type as plain text", () => {
    const cut = message(
      'Content-Type: multipart/mixed; boundary="c"',
      "--c\r\nContent-Type: text/plain\r\n\r\nThe first lines",
    );
    expect(messageText(cut)).toEqual({ ok: true, text: "The first lines" });
    expect(messageText(message("Content-Type: text", "Hello"))).toEqual({ ok: true, text: "Hello" });
  });
});
