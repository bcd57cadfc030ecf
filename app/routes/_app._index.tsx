import { redirect } from "@remix-run/node";

// The start page after sign-in: the dashboard.
export const loader = () => redirect("/dashboard");
