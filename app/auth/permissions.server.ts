// What each role may do: the one table every loader and action consults.
import type { Role } from "../core/roles";
import type { SessionUser } from "./session.server";

// Reading is further scoped by data/scope.server.ts: hiring managers to the positions they manage,
// client viewers to their client's positions.
export const PERMISSIONS = {
  "candidates:read": ["admin", "recruiter", "hiring_manager", "client_viewer"],
  "candidates:write": ["admin", "recruiter", "hiring_manager"],
  "candidates:delete": ["admin", "recruiter"],
  "positions:read": ["admin", "recruiter", "hiring_manager", "client_viewer"],
  "positions:write": ["admin", "recruiter"],
  "clients:write": ["admin", "recruiter"],
  "applications:write": ["admin", "recruiter", "hiring_manager"],
  "interviews:write": ["admin", "recruiter", "hiring_manager"],
  "follow-ups:write": ["admin", "recruiter", "hiring_manager"],
  "analytics:read": ["admin", "recruiter", "hiring_manager", "client_viewer"],
  "settings:write": ["admin"],
  // Imports and the mail-in inbox write across the whole organization, so only roles that see all of it.
  "intake:write": ["admin", "recruiter"],
  "organization:export": ["admin"],
  // Roles and client reporting (issue 6).
  "users:manage": ["admin"],
  "account:write": ["admin", "recruiter", "hiring_manager", "client_viewer"],
  /** A client report: agency staff for any client, a client viewer for their own client. */
  "reports:read": ["admin", "recruiter", "client_viewer"],
  "reports:share": ["admin", "recruiter"],
  "audit:read": ["admin"],
  /** The organization's API tokens (issue 22); a user's own are under account:write. */
  "api-tokens:manage": ["admin"],
  /** The outbox (issue 20): every mail of the organization, and retrying failed ones. */
  "mail:manage": ["admin"],
  /** A client's scheduled report by mail and its contacts. */
  "reports:schedule": ["admin", "recruiter"],
  /** Interview notes are the team's working notes (they may name other clients or candidates): not for client viewers. */
  "interview-notes:read": ["admin", "recruiter", "hiring_manager"],
  /**
   * Self-identified demographics and the adverse-impact report (issue 21): admins only, so that those
   * who screen and decide never see them (docs/decisions/0017-demographics-admin-only.md).
   */
  "compliance:read": ["admin"],
  "compliance:write": ["admin"],
  // Issue 21: people review scores; candidates' data can be exported and erased; retention and notices.
  "scores:review": ["admin", "recruiter", "hiring_manager"],
  "candidates:export-data": ["admin", "recruiter"],
  /** Mailboxes watched over IMAP (issue 20): their messages become follow-ups across the organization. */
  "mailboxes:manage": ["admin", "recruiter"],
  /** Outgoing webhooks (issue 22): where the organization's events are sent, and their deliveries. */
  "webhooks:manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(user: Pick<SessionUser, "role">, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(user.role);
}

/** Throws a 403 response when the user's role lacks the permission. */
export function requirePermission(user: Pick<SessionUser, "role">, permission: Permission): void {
  if (!can(user, permission)) {
    throw new Response("You do not have permission to do that.", { status: 403 });
  }
}
