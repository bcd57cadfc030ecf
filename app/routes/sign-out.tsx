import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "~/auth/session.server";

export const action = ({ request }: ActionFunctionArgs) => endSession(request);
export const loader = () => redirect("/");
