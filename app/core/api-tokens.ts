// The API token form (issue 22): a name, a scope and how long the token lives. Shared by the
// organization's tokens page (/settings/tokens) and a user's own (/account/tokens).
import { z } from "zod";

export const TOKEN_LIFETIMES = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never expires" },
] as const;

export const TOKEN_SCOPE_LABELS = {
  read: "Read: list and fetch only",
  write: "Write: read, and add or change rows",
} as const;

export const NewTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the token after what will use it.")
    .max(100, "Keep the name under 100 characters."),
  scope: z.enum(["read", "write"], { message: "Choose read or write." }),
  lifetime: z.enum(["30", "90", "365", "never"], { message: "Choose how long the token lives." }),
});

/** The expiry instant for a lifetime chosen now, or null for a token that never expires. */
export function tokenExpiry(
  lifetime: z.output<typeof NewTokenSchema>["lifetime"],
  now: number,
): string | null {
  return lifetime === "never" ? null : new Date(now + Number(lifetime) * 86_400_000).toISOString();
}
