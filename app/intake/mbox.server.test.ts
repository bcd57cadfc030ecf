import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { MboxError, readMbox } from "./mbox.server";

async function split(text: string | Buffer, chunkSize = 0, options = {}) {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, "latin1");
  const chunks = chunkSize
    ? Array.from({ length: Math.ceil(bytes.length / chunkSize) }, (_, i) =>
        bytes.subarray(i * chunkSize, (i + 1) * chunkSize),
      )
    : [bytes];
  const out = [];
  for await (const m of readMbox(Readable.from(chunks), options)) out.push(m);
  return out;
}
const texts = async (text: string, chunkSize = 0) =>
  (await split(text, chunkSize)).map((m) => m.bytes.toString("latin1"));

const MAILBOX = [
  "From ada@example.test Tue Nov 24 17:05:00 2026",
  "From: Ada <ada@example.test>",
  "Subject: One",
  "",
  "First body.",
  ">From the start of the quarter I led the team.",
  ">>From a line that was already quoted.",
  "> From a quote, not escaped.",
  "",
  "From grace@example.test Wed Nov 25 09:00:00 2026",
  "From: Grace <grace@example.test>",
  "Subject: Two",
  "",
  "Second body.",
  "",
].join("\n");

describe("readMbox", () => {
  it("splits at the From separator lines and unescapes >From lines (mboxrd and mboxo)", async () => {
    const messages = await texts(MAILBOX);
    expect(messages).toEqual([
      "From: Ada <ada@example.test>\nSubject: One\n\nFirst body.\nFrom the start of the quarter I led the team.\n>From a line that was already quoted.\n> From a quote, not escaped.\n",
      "From: Grace <grace@example.test>\nSubject: Two\n\nSecond body.\n",
    ]);
    expect((await split(MAILBOX)).map((m) => m.index)).toEqual([1, 2]);
  });

  it("reads the same whatever the chunks the stream arrives in", async () => {
    const whole = await texts(MAILBOX);
    for (const size of [1, 2, 3, 7, 64]) expect(await texts(MAILBOX, size)).toEqual(whole);
  });

  it("keeps a last message that ends without a newline", async () => {
    const messages = await texts("From a@b Tue Nov 24 17:05:00 2026\nSubject: x\n\nno newline at the end");
    expect(messages).toEqual(["Subject: x\n\nno newline at the end"]);
  });

  it("keeps CRLF line endings and splits CRLF mailboxes", async () => {
    const crlf = MAILBOX.replace(/\n/g, "\r\n");
    const messages = await texts(crlf, 5);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toBe(
      "From: Ada <ada@example.test>\r\nSubject: One\r\n\r\nFirst body.\r\nFrom the start of the quarter I led the team.\r\n>From a line that was already quoted.\r\n> From a quote, not escaped.\r\n",
    );
    expect(messages[1]).toBe("From: Grace <grace@example.test>\r\nSubject: Two\r\n\r\nSecond body.\r\n");
  });

  it("leaves a From line that follows text, or carries no date, inside the message", async () => {
    const text = [
      "From a@b Tue Nov 24 17:05:00 2026",
      "Subject: x",
      "",
      "Thanks,",
      "From Ada",
      "",
      "From here on I will write weekly.",
      "",
      "From 9:30 to 11:00 on Monday I am free.",
      "",
    ].join("\n");
    expect(await texts(text)).toEqual([
      "Subject: x\n\nThanks,\nFrom Ada\n\nFrom here on I will write weekly.\n\nFrom 9:30 to 11:00 on Monday I am free.\n",
    ]);
  });

  it("refuses a file that is not a mailbox, and an empty one", async () => {
    await expect(split("Subject: hello\n\nnot an mbox\n")).rejects.toBeInstanceOf(MboxError);
    await expect(split("")).rejects.toThrow("empty");
    await expect(split(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).rejects.toThrow(
      "not an mbox",
    );
  });

  it("keeps 8-bit bytes as they are", async () => {
    const bytes = Buffer.concat([
      Buffer.from("From a@b Tue Nov 24 17:05:00 2026\nSubject: x\n\n"),
      Buffer.from([0xe9, 0xf1, 0x0a]),
    ]);
    const [message] = await split(bytes);
    expect([...message.bytes.subarray(-3)]).toEqual([0xe9, 0xf1, 0x0a]);
  });

  it("says a message is too large without keeping its bytes, and goes on to the next", async () => {
    const big = `From a@b Tue Nov 24 17:05:00 2026\nSubject: big\n\n${"x".repeat(300 * 1024)}\n\nFrom c@d Tue Nov 24 18:00:00 2026\nSubject: small\n\nok\n`;
    const messages = await split(big, 4096, { maxMessageBytes: 100 * 1024 });
    expect(messages.map((m) => [m.index, m.tooLarge, m.bytes.length])).toEqual([
      [1, true, 0],
      [2, false, "Subject: small\n\nok\n".length],
    ]);
    expect(messages[0].size).toBeGreaterThan(300 * 1024);
  });
});
