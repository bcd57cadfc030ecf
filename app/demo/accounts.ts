// The demo workspace's sign-in accounts: plain data, with no database or Node dependency, so that the
// demo loader, the sign-in page's list, the seed script and the e2e tests share one list.
import type { Role } from "../../db/schema";

export interface DemoAccount {
  email: string;
  password: string;
  role: Role;
  name: string;
}

/**
 * The demo's sign-in accounts. The first hiring manager manages every position of the first client,
 * the second one the second client's; the client viewer sees the first client.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: "admin@demo.followthrough.test",
    password: "demo-admin-pass",
    role: "admin",
    name: "Dana Whitfield",
  },
  {
    email: "recruiter@demo.followthrough.test",
    password: "demo-recruiter-pass",
    role: "recruiter",
    name: "Riley Chen",
  },
  {
    email: "manager@demo.followthrough.test",
    password: "demo-manager-pass",
    role: "hiring_manager",
    name: "Sarah Lindqvist",
  },
  {
    email: "manager2@demo.followthrough.test",
    password: "demo-manager2-pass",
    role: "hiring_manager",
    name: "Marco Alvarez",
  },
  {
    email: "client@demo.followthrough.test",
    password: "demo-client-pass",
    role: "client_viewer",
    name: "Priya Nair",
  },
];
