// How a follow-up reached the recruiter.
// No imports: db/schema.ts takes its column types from this module.

export const CHANNELS = ["email", "linkedin", "phone", "text", "other"] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  email: "Email",
  linkedin: "LinkedIn",
  phone: "Phone",
  text: "Text message",
  other: "Other",
};
