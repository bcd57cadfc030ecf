// The events an outgoing webhook can be sent for (issue 22, item 4), and how the pages name them.
// No imports: db/schema.ts takes its column types from this module.

export const WEBHOOK_EVENTS = [
  "follow_up.received",
  "follow_up.scored",
  "interview.window_closed",
  "application.outcome_changed",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, { label: string; when: string }> = {
  "follow_up.received": {
    label: "Follow-up received",
    when: "a follow-up is logged: by the form, mail-in, a watched mailbox, an upload, an import or the API",
  },
  "follow_up.scored": {
    label: "Follow-up scored",
    when: "a follow-up's score is computed, or changes (an edit, new settings, a new scorer)",
  },
  "interview.window_closed": {
    label: "Window closed",
    when: "an interview's last follow-up window closes with no follow-up",
  },
  "application.outcome_changed": {
    label: "Outcome changed",
    when: "an application's outcome changes: on its page, by a bulk change, through the API or an import",
  },
};
