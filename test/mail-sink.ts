// A real SMTP server on loopback that keeps what it receives, for the tests of outgoing mail (the
// integration tests, and the e2e spec, which reads the mail the app sent). Listens on a free port.
import { SMTPServer } from "smtp-server";
import PostalMime from "postal-mime";

export type SunkMail = {
  to: string[];
  from: string;
  subject: string;
  text: string;
  /** The HTML part, or "" when the message has none. */
  html: string;
  messageId: string;
  /** When the sink had it (Date.now()). */
  receivedAt: number;
  headers: Record<string, string>;
  attachments: {
    filename: string | null;
    mimeType: string;
    size: number;
    /** The Content-ID without its angle brackets (an inline part the HTML shows as cid:…), or null. */
    contentId: string | null;
    disposition: string | null;
    content: Buffer;
  }[];
};

export type MailSink = {
  port: number;
  url: string;
  messages: SunkMail[];
  /** Refuse every message with this SMTP reply (e.g. 451 for "try later", 550 for "never"), or accept (null). */
  refuseWith: (code: number | null) => void;
  close: () => Promise<void>;
};

export async function startMailSink(port = 0): Promise<MailSink> {
  const messages: SunkMail[] = [];
  let refusal: number | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusal === null) return callback();
      const error = Object.assign(new Error(`refused by the test sink (${refusal})`), {
        responseCode: refusal,
      });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        void PostalMime.parse(Buffer.concat(chunks)).then(
          (email) => {
            messages.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              from: email.from?.address ?? "",
              subject: email.subject ?? "",
              text: email.text ?? "",
              html: email.html ?? "",
              messageId: email.messageId ?? "",
              receivedAt: Date.now(),
              headers: Object.fromEntries(email.headers.map((h) => [h.key.toLowerCase(), h.value])),
              attachments: email.attachments.map((a) => {
                const content =
                  typeof a.content === "string"
                    ? Buffer.from(a.content)
                    : a.content instanceof ArrayBuffer
                      ? Buffer.from(a.content)
                      : Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength);
                return {
                  filename: a.filename,
                  mimeType: a.mimeType,
                  size: content.byteLength,
                  contentId: a.contentId?.replace(/^<|>$/g, "") ?? null,
                  disposition: a.disposition ?? null,
                  content,
                };
              }),
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  return {
    port: bound,
    url: `smtp://127.0.0.1:${bound}?ignoreTLS=true`,
    messages,
    refuseWith: (code) => (refusal = code),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
