// A real IMAP server for the mailbox tests and the bench: Debian's dovecot (dovecot-imapd), started on
// loopback with a throwaway configuration, a passwd-file user and a maildir, all in a temporary folder,
// with no system configuration read. Plain authentication without TLS (loopback only).
//
// As root, dovecot refuses to run its login processes as root and refuses mail uid 0: the login and
// internal users are then Debian's dovenull and dovecot, and the mail user is nobody (the folder is
// handed to it). As anyone else, every process runs as the current user.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";

export const DOVECOT_PATH = process.env.DOVECOT_PATH ?? "/usr/sbin/dovecot";
const DOVEADM_PATH = path.join(
  path.dirname(DOVECOT_PATH) === "/usr/sbin" ? "/usr/bin" : path.dirname(DOVECOT_PATH),
  "doveadm",
);

/** Whether dovecot can be started here (tests skip, with a message, when not). */
export const dovecotAvailable = fs.existsSync(DOVECOT_PATH);

export interface DovecotOptions {
  user?: string;
  password?: string;
  /** Leave IDLE out of the capabilities, so that clients must poll. */
  withoutIdle?: boolean;
}

/** A free loopback port, from the system. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function accountOf(uid: number): { user: string; group: string } {
  const user = spawnSync("id", ["-un", String(uid)], { encoding: "utf8" }).stdout.trim();
  const group = spawnSync("id", ["-gn", String(uid)], { encoding: "utf8" }).stdout.trim();
  return { user, group };
}

function uidOf(name: string): number | null {
  const out = spawnSync("id", ["-u", name], { encoding: "utf8" });
  return out.status === 0 ? Number(out.stdout.trim()) : null;
}

export class Dovecot {
  readonly host = "127.0.0.1";
  readonly dir: string;
  readonly user: string;
  readonly password: string;
  port = 0;
  private process: ChildProcess | null = null;
  private readonly config: string;
  private readonly maildir: string;

  constructor(options: DovecotOptions = {}) {
    this.user = options.user ?? "candidate-mail";
    this.password = options.password ?? "imap-test-secret";
    const root = process.getuid?.() === 0;
    // As root the mail user is another user, who must reach the folder: not under the test run's
    // private temporary folder (test/temp-dir.ts), which only its owner may enter.
    this.dir = fs.mkdtempSync(path.join(root ? "/tmp" : os.tmpdir(), "followthrough-dovecot-"));
    // The unprivileged processes must reach the folders inside.
    fs.chmodSync(this.dir, 0o755);
    this.config = path.join(this.dir, "dovecot.conf");
    this.maildir = path.join(this.dir, "mail");
    fs.mkdirSync(path.join(this.dir, "run"));
    fs.mkdirSync(path.join(this.dir, "state"));
    fs.mkdirSync(this.maildir);
    const me = accountOf(process.getuid?.() ?? 0);
    const mailUid = root ? (uidOf("nobody") ?? 65534) : (process.getuid?.() ?? 1000);
    const mailGid = root ? 65534 : (process.getgid?.() ?? 1000);
    if (root) fs.chownSync(this.maildir, mailUid, mailGid);
    const loginUser = root ? "dovenull" : me.user;
    const internalUser = root ? "dovecot" : me.user;
    const internalGroup = root ? "dovecot" : me.group;
    fs.writeFileSync(
      path.join(this.dir, "passwd"),
      `${this.user}:{PLAIN}${this.password}:${mailUid}:${mailGid}::${path.join(this.maildir, this.user)}\n`,
    );
    const lines = [
      "protocols = imap",
      "listen = 127.0.0.1",
      `base_dir = ${path.join(this.dir, "run")}`,
      `state_dir = ${path.join(this.dir, "state")}`,
      `instance_name = followthrough-test-${path.basename(this.dir)}`,
      `default_internal_user = ${internalUser}`,
      `default_internal_group = ${internalGroup}`,
      `default_login_user = ${loginUser}`,
      "first_valid_uid = 1",
      "ssl = no",
      "disable_plaintext_auth = no",
      "auth_mechanisms = plain login",
      "auth_failure_delay = 0",
      `log_path = ${path.join(this.dir, "dovecot.log")}`,
      `mail_location = maildir:${this.maildir}/%u`,
      "mail_fsync = never",
      options.withoutIdle
        ? "imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ UIDPLUS ESEARCH"
        : "",
      "passdb {",
      "  driver = passwd-file",
      `  args = scheme=PLAIN username_format=%u ${path.join(this.dir, "passwd")}`,
      "}",
      "userdb {",
      "  driver = passwd-file",
      `  args = username_format=%u ${path.join(this.dir, "passwd")}`,
      "}",
      "service imap-login {",
      "  inet_listener imap {",
      "    address = 127.0.0.1",
      "    port = PORT",
      "  }",
      "  inet_listener imaps {",
      "    port = 0",
      "  }",
      "  chroot =",
      "}",
      "service anvil {",
      "  chroot =",
      "}",
    ];
    fs.writeFileSync(this.config, lines.join("\n") + "\n");
  }

  /** Starts the server (on the same port as before, when restarted); resolves once it accepts connections. */
  async start(): Promise<void> {
    if (this.process) return;
    if (!this.port) {
      this.port = await freePort();
      fs.writeFileSync(
        this.config,
        fs.readFileSync(this.config, "utf8").replace("port = PORT", `port = ${this.port}`),
      );
    }
    // Its own process group, so that kill() takes its children (the login and imap processes) too.
    const child = spawn(DOVECOT_PATH, ["-c", this.config, "-F"], { stdio: "ignore", detached: true });
    this.process = child;
    child.once("exit", () => {
      if (this.process === child) this.process = null;
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (this.process !== child) throw new Error(`dovecot stopped at start: ${this.log()}`);
      if (await this.accepts()) return;
      if (Date.now() > deadline) throw new Error(`dovecot did not start within 30 s: ${this.log()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private accepts(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = net.connect(this.port, this.host);
      socket.once("data", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
  }

  /** The end of dovecot's log, for error messages. */
  log(): string {
    const file = path.join(this.dir, "dovecot.log");
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").slice(-10).join("\n") : "(no log)";
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.process;
    if (!child?.pid) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
    await exited;
    this.process = null;
    // Children that outlived the master (a SIGKILL reaches the group, but be sure).
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // None left.
    }
  }

  /** Stops the server cleanly (connections are closed by the server). */
  stop(): Promise<void> {
    return this.end("SIGTERM");
  }

  /** Kills the server and all its processes at once: connections drop without a goodbye. */
  kill(): Promise<void> {
    return this.end("SIGKILL");
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** A client signed in as the mailbox's user (the caller logs out). */
  async client(): Promise<ImapFlow> {
    const client = new ImapFlow({
      host: this.host,
      port: this.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: this.user, pass: this.password },
      logger: false,
    });
    await client.connect();
    return client;
  }

  /** Appends messages to a folder (INBOX by default); returns their UIDs. */
  async append(messages: string | string[], folder = "INBOX"): Promise<number[]> {
    const client = await this.client();
    try {
      const uids: number[] = [];
      for (const message of Array.isArray(messages) ? messages : [messages]) {
        const result = await client.append(folder, message);
        if (result && typeof result === "object" && "uid" in result && result.uid)
          uids.push(Number(result.uid));
      }
      return uids;
    } finally {
      await client.logout();
    }
  }

  /**
   * Puts many messages into INBOX at once, as files in the maildir's new/ folder (as a delivery agent
   * does), far faster than one APPEND each; the server takes them in at the next look (a STATUS here).
   */
  async deliver(messages: Iterable<string>): Promise<number> {
    // INBOX's folders exist once the server has opened it.
    await this.uidValidity();
    const inbox = path.join(this.maildir, this.user);
    const owner = fs.statSync(inbox);
    let count = 0;
    for (const message of messages) {
      const file = path.join(inbox, "new", `${Date.now()}.M${count}P${process.pid}.followthrough-test`);
      fs.writeFileSync(file, message);
      if (process.getuid?.() === 0) fs.chownSync(file, owner.uid, owner.gid);
      count += 1;
    }
    await this.uidValidity();
    return count;
  }

  /** Deletes messages from INBOX by UID. */
  async expunge(uids: number[]): Promise<void> {
    const client = await this.client();
    try {
      await client.mailboxOpen("INBOX");
      await client.messageDelete(uids.join(","), { uid: true });
    } finally {
      await client.logout();
    }
  }

  async uidValidity(folder = "INBOX"): Promise<bigint> {
    const client = await this.client();
    try {
      const status = await client.status(folder, { uidValidity: true });
      return BigInt((status && status.uidValidity) || 0);
    } finally {
      await client.logout();
    }
  }

  /**
   * Gives INBOX a new UIDVALIDITY with its messages renumbered from 1, as a server does when it rebuilds
   * a mailbox: the server is stopped, INBOX's UID list and indexes are removed, the server started again
   * and the new UIDVALIDITY made different from the old one for certain.
   */
  async changeUidValidity(): Promise<bigint> {
    const before = await this.uidValidity();
    const wasRunning = Boolean(this.process);
    await this.stop();
    const inbox = path.join(this.maildir, this.user);
    for (const name of fs.readdirSync(inbox)) {
      if (name === "dovecot-uidlist" || name.startsWith("dovecot.index")) fs.rmSync(path.join(inbox, name));
    }
    await this.start();
    const next = before + 1000n;
    const out = spawnSync(
      DOVEADM_PATH,
      ["-c", this.config, "mailbox", "update", "-u", this.user, "--uid-validity", String(next), "INBOX"],
      { encoding: "utf8" },
    );
    if (out.status !== 0) throw new Error(`doveadm could not set UIDVALIDITY: ${out.stderr}`);
    const after = await this.uidValidity();
    if (after === before) throw new Error("UIDVALIDITY did not change");
    if (!wasRunning) await this.stop();
    return after;
  }

  /** Stops the server and removes its folder. */
  async close(): Promise<void> {
    await this.kill();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A started server with a fresh, empty mailbox. */
export async function startDovecot(options: DovecotOptions = {}): Promise<Dovecot> {
  const server = new Dovecot(options);
  await server.start();
  return server;
}

/** A message as a mail client would send it (CRLF line ends). */
export function mailMessage(fields: {
  from: string;
  to?: string;
  subject?: string;
  date: Date | string;
  body: string;
  messageId?: string;
  headers?: Record<string, string>;
}): string {
  const date = typeof fields.date === "string" ? new Date(fields.date) : fields.date;
  const lines = [
    `From: ${fields.from}`,
    `To: ${fields.to ?? "recruiter@agency.test"}`,
    `Subject: ${fields.subject ?? "Thank you"}`,
    `Date: ${date.toUTCString().replace("GMT", "+0000")}`,
    ...(fields.messageId === undefined ? [] : [`Message-ID: ${fields.messageId}`]),
    ...Object.entries(fields.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    ...fields.body.split("\n"),
  ];
  return lines.join("\r\n") + "\r\n";
}
