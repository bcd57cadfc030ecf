// Connecting a mailbox over IMAP: the form's rules, shared by the settings page, its action and the
// command line (`npm run mailbox -- connect`).
import { z } from "zod";

export const MAILBOX_AUTHS = ["password", "xoauth2"] as const;
export type MailboxAuthKind = (typeof MAILBOX_AUTHS)[number];

export const MAILBOX_AUTH_LABELS: Record<MailboxAuthKind, string> = {
  password: "Password or app password",
  xoauth2: "OAuth2 access token (XOAUTH2)",
};

/** Where the common providers' IMAP servers are, for the hints and the README. */
export const MAILBOX_PROVIDERS = [
  { name: "Gmail / Google Workspace", host: "imap.gmail.com", port: 993, tls: true },
  { name: "Microsoft 365 / Outlook", host: "outlook.office365.com", port: 993, tls: true },
] as const;

// A host name or an IPv4/IPv6 address: letters, digits, dots, hyphens, colons; no scheme, path or port.
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\[?[0-9A-Fa-f:.]+\]?$/;

export const MailboxSchema = z.object({
  host: z
    .string()
    .trim()
    .min(1, "Enter the IMAP server's name, like imap.gmail.com.")
    .max(253, "A server name has at most 253 characters.")
    .regex(HOST, "Enter only the server's name, like imap.gmail.com (no https:// and no port)."),
  port: z.coerce
    .number({ message: "Enter the port: 993 with TLS, 143 without." })
    .int("Enter the port: 993 with TLS, 143 without.")
    .min(1, "Enter a port from 1 to 65535.")
    .max(65535, "Enter a port from 1 to 65535."),
  tls: z
    .enum(["on", "off"], { message: "Choose whether the connection uses TLS." })
    .transform((v) => v === "on"),
  username: z.string().trim().min(1, "Enter the user name, usually the full email address.").max(320),
  auth: z.enum(MAILBOX_AUTHS, { message: "Choose how to sign in." }),
  secret: z
    .string()
    .min(1, "Enter the password, app password or access token.")
    .max(4096, "That is longer than any password or token (4,096 characters at most)."),
});

export type MailboxInput = z.infer<typeof MailboxSchema>;
