// How an interview was held.
// No imports: db/schema.ts takes its column types from this module.

export const INTERVIEW_FORMATS = ["phone", "video", "onsite"] as const;
export type InterviewFormat = (typeof INTERVIEW_FORMATS)[number];

export const INTERVIEW_FORMAT_LABELS: Record<InterviewFormat, string> = {
  phone: "Phone",
  video: "Video",
  onsite: "On site",
};
