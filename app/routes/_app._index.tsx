import { redirect } from "@remix-run/node";

// The start page after sign-in. It becomes the analytics dashboard when that lands.
export const loader = () => redirect("/candidates");
