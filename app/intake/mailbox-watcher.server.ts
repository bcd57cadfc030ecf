// The mailbox watcher: started once per server (server.ts startBackgroundWork), it claims the
// mailboxes no live server watches (a lease in the mailboxes row, moved on by a heartbeat, as a
// running job's is: app/data/jobs.server.ts), and for each one keeps a connection to its INBOX:
// IDLE where the server offers it, polling otherwise; reconnecting with a growing pause after an error
// or a dropped connection.
//
// Nothing is lost or taken twice: messages are read in UID order from the last UID saved, and the UID
// is saved after the messages before it are stored (a restart in between reads them again, and their
// key keeps each once: app/intake/mailbox.server.ts). A new UIDVALIDITY means every UID changed: the
// whole INBOX is read again, and the same keys keep what was taken already from being taken twice.
import { ImapFlow } from "imapflow";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { SERVER_ID } from "../data/jobs.server";
import {
  beatMailbox,
  claimMailboxes,
  MAILBOX_LEASE_MS,
  mailboxForWatcher,
  recordMailboxState,
  releaseMailbox,
  saveMailboxProgress,
  sendersWithInterviews,
  type WatchedMailbox,
} from "../data/mailboxes.server";
import { connectionProblem, imapOptions, receiveMailboxMessage, type MailboxOutcome } from "./mailbox.server";

export interface WatcherOptions {
  /** Who holds the leases: this server by default; tests run two watchers in one process. */
  owner?: string;
  /** How often unwatched mailboxes are looked for (a new one, or one whose server stopped). */
  scanEveryMs?: number;
  heartbeatEveryMs?: number;
  leaseMs?: number;
  /** How often a server without IDLE is asked for new messages (and IDLE is renewed). */
  pollEveryMs?: number;
  /** The first pause before reconnecting; it doubles with each failure, up to maxBackoffMs. */
  firstBackoffMs?: number;
  maxBackoffMs?: number;
  /** Messages whose envelopes are read at once. */
  batchSize?: number;
  /** Each message handled (for tests and the bench). */
  onMessage?: (mailboxId: number, uid: number, outcome: MailboxOutcome) => void;
  /** Connected, disconnected, claimed, lost: for tests and the log. */
  onState?: (mailboxId: number, state: "claimed" | "connected" | "synced" | "disconnected" | "lost") => void;
  log?: (line: string) => void;
}

type Settings = Required<Omit<WatcherOptions, "onMessage" | "onState" | "log">> &
  Pick<WatcherOptions, "onMessage" | "onState"> & { log: (line: string) => void };

/** The mailbox is no longer this server's (disconnected, or taken over after missed beats). */
class Lost extends Error {}

function oneLine(error: unknown): string {
  const e = error as { message?: string; responseText?: string };
  return (e?.responseText || e?.message || String(error)).split("\n")[0];
}

/** "1:5,7,9:12": consecutive UIDs as ranges, so that a batch's command stays short. */
export function uidSet(uids: number[]): string {
  const parts: string[] = [];
  let start = uids[0];
  let prev = uids[0];
  for (const uid of uids.slice(1).concat(NaN)) {
    if (uid === prev + 1) {
      prev = uid;
      continue;
    }
    parts.push(start === prev ? String(start) : `${start}:${prev}`);
    start = prev = uid;
  }
  return parts.join(",");
}

/** A promise that a wake() ends early. */
class Pause {
  private wakeUp: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  wait(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      this.wakeUp = resolve;
      if (ms !== undefined) this.timer = setTimeout(resolve, ms);
    });
  }
  wake() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const wake = this.wakeUp;
    this.wakeUp = null;
    wake?.();
  }
}

/** One mailbox, held by this server: connect, sync, wait for news, again; until stopped or lost. */
class MailboxWatch {
  private stopped = false;
  private client: ImapFlow | null = null;
  private readonly pause = new Pause();
  private heartbeat: NodeJS.Timeout | null = null;
  private pending = true;
  readonly done: Promise<void>;

  constructor(
    private readonly db: Kysely<Database>,
    readonly mailboxId: number,
    private readonly settings: Settings,
    private readonly onEnd: (lost: boolean) => void,
  ) {
    this.done = this.run();
  }

  stop() {
    this.stopped = true;
    this.pause.wake();
    this.client?.close();
  }

  private async run(): Promise<void> {
    const { db, mailboxId, settings } = this;
    let lost = false;
    this.heartbeat = setInterval(() => {
      beatMailbox(db, mailboxId, settings.owner)
        .then((mine) => {
          if (!mine && !this.stopped) {
            lost = true;
            this.stop();
          }
        })
        .catch(() => undefined);
    }, settings.heartbeatEveryMs);
    this.heartbeat.unref();
    let failures = 0;
    try {
      while (!this.stopped) {
        const mailbox = await mailboxForWatcher(db, mailboxId).catch((error: unknown) => {
          // A key that changed: the mailbox cannot be signed into until it is connected again.
          void recordMailboxState(db, mailboxId, settings.owner, { connected: false, error: oneLine(error) });
          return undefined;
        });
        if (mailbox === null || (mailbox && mailbox.owner !== settings.owner)) {
          lost = true;
          break;
        }
        if (mailbox) {
          try {
            await this.session(mailbox, () => (failures = 0));
          } catch (error) {
            if (error instanceof Lost) {
              lost = true;
              break;
            }
            if (this.stopped) break;
            const problem =
              (error as { code?: string }).code === "NoConnection" || (error as Error).message === "closed"
                ? "The server closed the connection."
                : connectionProblem(error, { ...mailbox, tls: mailbox.tls === 1 }).message;
            settings.log(`mailbox ${mailboxId}: ${problem}`);
            await recordMailboxState(db, mailboxId, settings.owner, { connected: false, error: problem });
            settings.onState?.(mailboxId, "disconnected");
          }
        }
        if (this.stopped) break;
        const wait = Math.min(settings.maxBackoffMs, settings.firstBackoffMs * 2 ** failures);
        failures += 1;
        await this.pause.wait(wait);
      }
    } finally {
      clearInterval(this.heartbeat);
      if (lost) settings.onState?.(mailboxId, "lost");
      else await releaseMailbox(db, mailboxId, settings.owner).catch(() => undefined);
      this.onEnd(lost);
    }
  }

  /** One connection: sign in, open INBOX, sync, then sync again on each new message until it closes. */
  private async session(mailbox: WatchedMailbox, connected: () => void): Promise<void> {
    const { db, settings } = this;
    const client = new ImapFlow(
      imapOptions(
        { ...mailbox, tls: mailbox.tls === 1 },
        {
          // IDLE soon after each sync, so that a new message is seen within a second or two.
          autoIdleDelay: 500,
          maxIdleTime: settings.pollEveryMs,
          missingIdleCommand: "NOOP",
          connectionTimeout: 30_000,
          greetingTimeout: 30_000,
        },
      ),
    );
    this.client = client;
    let closed = false;
    client.on("error", () => undefined);
    client.on("close", () => {
      closed = true;
      this.pause.wake();
    });
    client.on("exists", () => {
      this.pending = true;
      this.pause.wake();
    });
    try {
      await client.connect();
      if (this.stopped) return;
      await client.mailboxOpen("INBOX", { readOnly: true });
      await recordMailboxState(db, mailbox.id, settings.owner, { connected: true });
      settings.onState?.(mailbox.id, "connected");
      connected();
      const idle = client.capabilities.has("IDLE");
      // Without IDLE, imapflow's NOOP every maxIdleTime brings EXISTS; a sync on the same beat is the sure way.
      const poll = idle
        ? null
        : setInterval(() => ((this.pending = true), this.pause.wake()), settings.pollEveryMs);
      poll?.unref();
      let state = { uidValidity: mailbox.uid_validity, lastUid: mailbox.last_uid };
      this.pending = true;
      try {
        while (!this.stopped && !closed) {
          if (this.pending) {
            this.pending = false;
            state = await this.sync(client, mailbox, state);
            settings.onState?.(mailbox.id, "synced");
          } else await this.pause.wait();
        }
      } finally {
        if (poll) clearInterval(poll);
      }
      if (closed && !this.stopped) throw new Error("closed");
    } finally {
      this.client = null;
      client.close();
    }
  }

  /** Reads every message after the last UID, in batches, saving the UID after each batch. */
  private async sync(
    client: ImapFlow,
    mailbox: WatchedMailbox,
    state: { uidValidity: string | null; lastUid: number },
  ): Promise<{ uidValidity: string; lastUid: number }> {
    const { db, settings } = this;
    const box = client.mailbox;
    if (!box) throw new Error("INBOX is not open");
    const uidValidity = String(box.uidValidity);
    let lastUid = state.lastUid;
    if (state.uidValidity !== uidValidity) {
      if (state.uidValidity !== null)
        settings.log(
          `mailbox ${mailbox.id}: UIDVALIDITY changed from ${state.uidValidity} to ${uidValidity}; reading INBOX again`,
        );
      lastUid = 0;
      if (!(await saveMailboxProgress(db, mailbox.id, settings.owner, { uidValidity, lastUid })))
        throw new Lost();
    }
    const found = (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [];
    // "N:*" names the last message even when its UID is below N.
    const uids = found.filter((uid) => uid > lastUid).sort((a, b) => a - b);
    for (let i = 0; i < uids.length && !this.stopped; i += settings.batchSize) {
      const batch = uids.slice(i, i + settings.batchSize);
      const envelopes: { uid: number; from: string | null; date: string }[] = [];
      for await (const message of client.fetch(
        uidSet(batch),
        { uid: true, envelope: true, internalDate: true },
        { uid: true },
      )) {
        const sent = message.envelope?.date ?? message.internalDate;
        const date = sent instanceof Date && !Number.isNaN(sent.getTime()) ? sent : new Date();
        envelopes.push({
          uid: message.uid,
          from: message.envelope?.from?.[0]?.address?.toLowerCase() ?? null,
          date: date.toISOString(),
        });
      }
      envelopes.sort((a, b) => a.uid - b.uid);
      // Only a candidate's message sent after one of their interviews began is read whole.
      const senders = await sendersWithInterviews(db, mailbox.organization_id, [
        ...new Set(envelopes.map((e) => e.from).filter((f): f is string => Boolean(f))),
      ]);
      const wanted = envelopes.filter((e) => e.from && senders.has(e.from) && e.date > senders.get(e.from)!);
      if (wanted.length) {
        const whole = new Map<number, { source: Buffer; arrivedAt: string }>();
        for await (const message of client.fetch(
          uidSet(wanted.map((e) => e.uid)),
          { uid: true, source: true, internalDate: true },
          { uid: true },
        )) {
          if (!message.source) continue;
          const arrived = message.internalDate instanceof Date ? message.internalDate : new Date();
          whole.set(message.uid, { source: message.source, arrivedAt: arrived.toISOString() });
        }
        for (const envelope of wanted) {
          const message = whole.get(envelope.uid);
          if (!message) continue;
          const outcome = await receiveMailboxMessage(db, mailbox, message.source, message.arrivedAt);
          settings.onMessage?.(mailbox.id, envelope.uid, outcome);
        }
      }
      lastUid = batch[batch.length - 1];
      const lastMessageAt = envelopes.reduce<string | null>(
        (latest, e) => (!latest || e.date > latest ? e.date : latest),
        null,
      );
      if (
        !(await saveMailboxProgress(db, mailbox.id, settings.owner, { uidValidity, lastUid, lastMessageAt }))
      )
        throw new Lost();
    }
    if (uids.length === 0)
      await saveMailboxProgress(db, mailbox.id, settings.owner, { uidValidity, lastUid });
    return { uidValidity, lastUid };
  }
}

export interface MailboxWatcher {
  /** The mailboxes this watcher holds now. */
  watching(): number[];
  /** Looks for unwatched mailboxes at once (after one is connected). */
  scan(): Promise<void>;
  /** Closes every connection and lets every mailbox go, for another server to take. */
  stop(): Promise<void>;
}

/** Starts watching: claims mailboxes now and every scanEveryMs, and keeps each one's connection. */
export function startMailboxWatcher(db: Kysely<Database>, options: WatcherOptions = {}): MailboxWatcher {
  const settings: Settings = {
    owner: SERVER_ID,
    scanEveryMs: 5_000,
    heartbeatEveryMs: 10_000,
    leaseMs: MAILBOX_LEASE_MS,
    pollEveryMs: 60_000,
    firstBackoffMs: 1_000,
    maxBackoffMs: 5 * 60_000,
    batchSize: 500,
    log: (line) => console.log(line),
    ...options,
  } as Settings;
  const watches = new Map<number, MailboxWatch>();
  let stopped = false;
  let scanning: Promise<void> | null = null;

  const scan = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    scanning ??= (async () => {
      try {
        const claimed = await claimMailboxes(db, settings.owner, new Date(), settings.leaseMs);
        for (const id of claimed) {
          if (stopped || watches.has(id)) continue;
          settings.onState?.(id, "claimed");
          watches.set(id, new MailboxWatch(db, id, settings, () => watches.delete(id)));
        }
      } catch (error) {
        settings.log(`mailbox watcher: could not look for mailboxes: ${oneLine(error)}`);
      } finally {
        scanning = null;
      }
    })();
    return scanning;
  };
  void scan();
  const timer = setInterval(() => void scan(), settings.scanEveryMs);
  timer.unref();

  return {
    watching: () => [...watches.keys()],
    scan,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await scanning;
      const all = [...watches.values()];
      for (const watch of all) watch.stop();
      await Promise.all(all.map((w) => w.done));
    },
  };
}

const RUNNING = Symbol.for("followthrough.mailbox-watcher");
type Slot = { [RUNNING]?: MailboxWatcher };

/** server.ts's one call: the watcher of this server, kept where the routes can ask it to look at once. */
export function startMailboxWatching(db: Kysely<Database>): MailboxWatcher {
  const slot = globalThis as Slot;
  slot[RUNNING] ??= startMailboxWatcher(db);
  return slot[RUNNING];
}

/** Asks this process's watcher, when it runs here, to look for new mailboxes now (else its next scan will). */
export function nudgeMailboxWatcher(): void {
  void (globalThis as Slot)[RUNNING]?.scan();
}
