// Who a user is in an organization; what each role may do is app/auth/permissions.server.ts.
// No imports: db/schema.ts takes its column types from this module.

export const ROLES = ["admin", "recruiter", "hiring_manager", "client_viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  recruiter: "Recruiter",
  hiring_manager: "Hiring manager",
  client_viewer: "Client viewer",
};
