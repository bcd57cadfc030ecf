// The mail-in address: an SMTP receiver that accepts mail for followup+<token>@<domain>, where the
// token is one interview's mail_token. A recruiter forwards or BCCs a candidate's message there and it
// is logged as that interview's follow-up (app/intake/inbound.server.ts). Unknown or malformed
// recipients are refused during the SMTP conversation (550), messages over 10 MB are refused (552),
// and everything accepted is kept raw in inbound_messages whether or not it could be logged.
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import type { Db } from "../../db/schema";
import { MAX_EML_BYTES } from "./eml.server";
import { MAIL_TOKEN, interviewForToken, receiveMail } from "./inbound.server";
import { isReceivableDomain } from "../core/mail-domain";

export const DEFAULT_SMTP_PORT = 2525;

/** The domain of the mail-in addresses: MAIL_DOMAIN, else the host the app is reached at. */
export function mailInDomain(requestUrl: string): string {
  return process.env.MAIL_DOMAIN?.trim() || new URL(requestUrl).hostname;
}

export function mailInAddress(token: string, domain: string): string {
  return `followup+${token}@${domain}`;
}

/**
 * The running receiver, kept on globalThis: server.ts starts it from its own copy of this module, while
 * the routes read it from the Remix build's copy.
 */
const RECEIVER = Symbol.for("followthrough.mail-in.receiver");
type ReceiverSlot = { [RECEIVER]?: { host: string; port: number } | null };

export interface MailInState {
  /** The receiver is up in this process. */
  listening: boolean;
  host: string | null;
  /** The port it listens on; else the one SMTP_PORT asks for (0: turned off). */
  port: number;
  domain: string;
  /** MAIL_DOMAIN is set (else the domain is the host the app is reached at). */
  domainFromEnv: boolean;
  domainReceivable: boolean;
  /** Listening, on a domain mail from outside can reach: only then are addresses offered. */
  canReceive: boolean;
}

/**
 * With several web processes (server.ts), the receiver runs in the primary, which answers no pages:
 * it names its address in this variable, which the web processes it then forks inherit.
 */
const SHARED_RECEIVER = "FOLLOWTHROUGH_MAIL_IN_RECEIVER";

/** Tells the processes forked from now on that this process's receiver listens, and where. */
export function shareMailInReceiver(): void {
  const running = (globalThis as ReceiverSlot)[RECEIVER];
  if (running) process.env[SHARED_RECEIVER] = `${running.host} ${running.port}`;
  else delete process.env[SHARED_RECEIVER];
}

function sharedReceiver(): { host: string; port: number } | null {
  const [host, port] = (process.env[SHARED_RECEIVER] ?? "").split(" ");
  return host && Number(port) > 0 ? { host, port: Number(port) } : null;
}

/** What the receiver (of this process, or of the primary that forked it) is doing, and whether its addresses can receive mail. */
export function mailInState(requestUrl: string): MailInState {
  const running = (globalThis as ReceiverSlot)[RECEIVER] ?? sharedReceiver();
  const configured =
    process.env.SMTP_PORT === undefined ? DEFAULT_SMTP_PORT : Number(process.env.SMTP_PORT) || 0;
  const domain = mailInDomain(requestUrl);
  const domainReceivable = isReceivableDomain(domain);
  return {
    listening: Boolean(running),
    host: running?.host ?? null,
    port: running?.port ?? configured,
    domain,
    domainFromEnv: Boolean(process.env.MAIL_DOMAIN?.trim()),
    domainReceivable,
    canReceive: Boolean(running) && domainReceivable,
  };
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

export interface SmtpReceiverOptions {
  port?: number;
  host?: string;
  /** Called after each message has been stored (and logged, when it could be): for tests and logs. */
  onReceived?: (outcome: Awaited<ReturnType<typeof receiveMail>>) => void;
}

/**
 * Starts the receiver on SMTP_PORT (default 2525) and HOST; SMTP_PORT=0 turns it off (returns null).
 * Resolves once it is listening.
 */
export async function startSmtpReceiver(
  db: Db,
  options: SmtpReceiverOptions = {},
): Promise<SMTPServer | null> {
  const port =
    options.port ?? (process.env.SMTP_PORT === undefined ? DEFAULT_SMTP_PORT : Number(process.env.SMTP_PORT));
  if (!Number.isInteger(port) || port <= 0) return null;
  const host = options.host ?? process.env.HOST ?? "localhost";

  const config: SMTPServerOptions = {
    // A receiving MX on the inside of a mail relay: no sign-in, no TLS of its own.
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: MAX_EML_BYTES,
    banner: "Followthrough mail-in",
    logger: false,
    async onRcptTo(address, _session, callback) {
      const token = MAIL_TOKEN.exec(address.address)?.[1];
      if (!token)
        return callback(
          smtpError(
            `5.1.1 <${address.address}>: not a Followthrough mail-in address (followup+TOKEN@…)`,
            550,
          ),
        );
      try {
        if (!(await interviewForToken(db, token)))
          return callback(smtpError(`5.1.1 <${address.address}>: no such interview`, 550));
        callback();
      } catch {
        callback(smtpError("4.3.0 Temporary failure, try again later", 451));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_EML_BYTES) chunks.push(chunk);
      });
      stream.on("error", (error) => callback(error));
      stream.on("end", () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded || size > MAX_EML_BYTES) {
          return callback(smtpError("5.3.4 Message too big: the limit is 10 MB", 552));
        }
        const raw = Buffer.concat(chunks);
        const tokens = [
          ...new Set(
            session.envelope.rcptTo
              .map((r) => MAIL_TOKEN.exec(r.address)?.[1])
              .filter((t): t is string => Boolean(t)),
          ),
        ];
        (async () => {
          for (const token of tokens) {
            const began = Date.now();
            const outcome = await receiveMail(db, token, raw);
            // One line per message stored: ids, size, outcome and time; never addresses, subject or body.
            console.log(
              outcome.status === "matched"
                ? `mail-in message ${outcome.messageId} (${raw.length} bytes) matched: interview ${outcome.interviewId}, follow-up ${outcome.followUpId} in ${Date.now() - began} ms`
                : outcome.status === "unmatched"
                  ? `mail-in message ${outcome.messageId} (${raw.length} bytes) unmatched: kept in the Inbox in ${Date.now() - began} ms`
                  : `mail-in message (${raw.length} bytes) refused: unknown recipient in ${Date.now() - began} ms`,
            );
            options.onReceived?.(outcome);
          }
        })().then(
          () => callback(),
          (error: unknown) => {
            console.error("mail-in: could not store a message", error);
            callback(smtpError("4.3.0 Temporary failure, try again later", 451));
          },
        );
      });
    },
  };
  const server = new SMTPServer(config);
  server.on("error", (error) => console.error("mail-in:", error.message));
  try {
    await new Promise<void>((resolve, reject) => {
      server.server.once("error", reject);
      server.listen(port, host, () => {
        server.server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    // A taken port must not take the web app down with it.
    console.error(
      `Mail-in (SMTP) could not listen on ${host}:${port} (${(error as Error).message}); the app runs without it. Set SMTP_PORT to another port, or 0.`,
    );
    return null;
  }
  const address = server.server.address();
  (globalThis as ReceiverSlot)[RECEIVER] = {
    host,
    port: address && typeof address === "object" ? address.port : port,
  };
  server.server.once("close", () => {
    (globalThis as ReceiverSlot)[RECEIVER] = null;
  });
  console.log(`Mail-in (SMTP) is listening on ${host}:${port}`);
  return server;
}
