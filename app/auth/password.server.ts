import { hash, verify } from "@node-rs/argon2";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let commonPasswords: Promise<Set<string>> | null = null;

/**
 * The 49,000 most common passwords of zxcvbn-ts's list (from leaked password sets), lower-cased, loaded
 * on first use (a few MB, never sent to the browser).
 */
function loadCommonPasswords(): Promise<Set<string>> {
  commonPasswords ??= import("@zxcvbn-ts/language-common").then(
    ({ dictionary }) => new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase())),
  );
  return commonPasswords;
}

/** True when the whole password is one short run of characters said again and again ("aaaa…", "abcabc…"). */
function isRepetition(password: string): boolean {
  for (let unit = 1; unit <= password.length / 2; unit++) {
    if (password.length % unit === 0 && password.slice(0, unit).repeat(password.length / unit) === password)
      return true;
  }
  return false;
}

/**
 * Why a new password (already of the minimum length) is too easy to guess, or null. Attackers try
 * the common passwords first, and the same with digits or symbols added at the end.
 */
export async function weakPasswordReason(password: string): Promise<string | null> {
  const lower = password.toLowerCase();
  if (isRepetition(lower))
    return "This password repeats the same few characters. Choose one that is harder to guess.";
  const common = await loadCommonPasswords();
  const stem = lower.replace(/[\d\W_]+$/, "");
  if (common.has(lower) || (stem.length >= 6 && common.has(stem))) {
    return "This password is on a list of common passwords that attackers try first. Choose another.";
  }
  return null;
}
