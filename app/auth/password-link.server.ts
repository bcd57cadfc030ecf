// The two links that let someone choose a password without signing in: an invitation and a password
// reset. Both are single-use tokens; both answer 410 for a link that never existed, was used or expired,
// and both spend the link, apply the password rules and sign the browser in the same way.
import { data } from "@remix-run/node";
import { startSession } from "~/auth/session.server";
import { weakPasswordReason } from "~/auth/password.server";
import { isTokenShaped } from "~/auth/tokens.server";
import { fieldErrors } from "~/core/schemas";
import { NewPasswordSchema } from "~/core/users";
import type { Db } from "../../db/schema";
import { getDb } from "../../db/connection.server";

type PasswordLink<T> = {
  find: (db: Db, token: string) => Promise<T | null>;
  /** Sets the password and spends the link; the user's id, or null when the link was spent meanwhile. */
  spend: (db: Db, token: string, password: string) => Promise<number | null>;
  /** The one answer for every link that cannot be used, saying what to do instead. */
  gone: string;
};

export async function linkOr410<T>(link: PasswordLink<T>, token: string | undefined): Promise<T> {
  const found = isTokenShaped(token) ? await link.find(getDb(), token) : null;
  if (!found) throw new Response(link.gone, { status: 410 });
  return found;
}

export async function setPasswordFromLink<T>(
  link: PasswordLink<T>,
  request: Request,
  token: string | undefined,
) {
  await linkOr410(link, token);
  const form = Object.fromEntries([...(await request.formData())].map(([k, v]) => [k, String(v)]));
  const parsed = NewPasswordSchema.safeParse(form);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const weak = await weakPasswordReason(parsed.data.password);
  if (weak) return data({ errors: { password: [weak] } as Record<string, string[]> }, { status: 400 });
  const userId = await link.spend(getDb(), token!, parsed.data.password);
  if (!userId) throw new Response(link.gone, { status: 410 });
  return startSession(userId, "/", request);
}
