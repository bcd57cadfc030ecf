// The fields of an interview and of a follow-up, shared by the forms that log them (the candidate
// page) and the pages that correct them, so that both read and validate the same way.
import { CHANNEL_LABELS, CHANNELS } from "~/core/channels";
import { INTERVIEW_FORMAT_LABELS, INTERVIEW_FORMATS } from "~/core/interview-formats";
import { STAGE_LABELS, STAGES, stageAfterInterview, type Stage } from "~/core/stages";
import { Field, SelectField, TextAreaField } from "./form-fields";
import { FoldChoice } from "./fold-choice";

/** A form's value as typed (after a refused post) or as stored, by field name. */
export type ValueOf = (name: string) => string | undefined;
export type FieldErrors = Record<string, string[] | undefined>;

/** The hidden idempotency key of one rendered form (app/data/form-submissions.server.ts). */
export function FormKeyInput({ formKey }: { formKey: string }) {
  return <input type="hidden" name="formKey" value={formKey} />;
}

export function InterviewFields({
  value,
  errors,
  timeZones,
  defaultTimeZone,
}: {
  value: ValueOf;
  errors: FieldErrors;
  timeZones: string[];
  defaultTimeZone: string;
}) {
  return (
    <>
      <Field
        label="Interviewer"
        name="interviewerName"
        defaultValue={value("interviewerName")}
        errors={errors.interviewerName}
      />
      <Field
        label="Interviewer email (optional)"
        name="interviewerEmail"
        type="email"
        defaultValue={value("interviewerEmail")}
        errors={errors.interviewerEmail}
      />
      <Field
        label="Started"
        name="startsAt"
        type="datetime-local"
        defaultValue={value("startsAt")}
        errors={errors.startsAt}
      />
      <Field
        label="Ended"
        name="endsAt"
        type="datetime-local"
        defaultValue={value("endsAt")}
        errors={errors.endsAt}
      />
      <FoldChoice
        name="startsAt"
        value={value("startsAt")}
        timeZone={value("timeZone")}
        chosen={value("startsAtFold")}
      />
      <FoldChoice
        name="endsAt"
        value={value("endsAt")}
        timeZone={value("timeZone")}
        chosen={value("endsAtFold")}
      />
      <SelectField
        label="Time zone of those times"
        name="timeZone"
        options={timeZones.map((z) => ({ value: z, label: z }))}
        defaultValue={value("timeZone") ?? defaultTimeZone}
        errors={errors.timeZone}
      />
      <div className="grid grid-cols-2 gap-3">
        <SelectField
          label="Format"
          name="format"
          options={INTERVIEW_FORMATS.map((f) => ({ value: f, label: INTERVIEW_FORMAT_LABELS[f] }))}
          defaultValue={value("format") ?? "video"}
          errors={errors.format}
        />
        <Field
          label="Round"
          name="round"
          type="number"
          min={1}
          defaultValue={value("round") ?? "1"}
          errors={errors.round}
        />
      </div>
      <TextAreaField
        className="sm:col-span-2"
        label="Notes: what was discussed"
        name="notes"
        rows={3}
        hint="The scorer compares follow-ups with these notes to judge how specific they are."
        defaultValue={value("notes")}
        errors={errors.notes}
      />
    </>
  );
}

/**
 * "Move to stage", on the form that logs an interview: the application's stage after it. It offers
 * the next stage when the application has not reached the interview stage yet (stageAfterInterview),
 * and otherwise leaves it where it is; any stage can be chosen.
 */
export function MoveToStageField({
  current,
  value,
  errors,
}: {
  current: Stage;
  value: string | undefined;
  errors: string[] | undefined;
}) {
  return (
    <SelectField
      label="Move to stage"
      name="moveToStage"
      options={[
        { value: "", label: `Leave at ${STAGE_LABELS[current]}` },
        ...STAGES.filter((s) => s !== current).map((s) => ({ value: s, label: STAGE_LABELS[s] })),
      ]}
      defaultValue={value ?? stageAfterInterview(current) ?? ""}
      hint={`The application is at ${STAGE_LABELS[current]} now.`}
      errors={errors}
    />
  );
}

/** A follow-up's fields in a three-column grid; `withUpload` adds the .eml upload of the logging form. */
export function FollowUpFields({
  value,
  errors,
  timeZone,
  endsLocal,
  withUpload = false,
}: {
  value: ValueOf;
  errors: FieldErrors;
  timeZone: string;
  endsLocal: string;
  withUpload?: boolean;
}) {
  return (
    <>
      {withUpload ? (
        <Field
          className="sm:col-span-3"
          label="Upload the message as an .eml file"
          name="eml"
          type="file"
          accept=".eml,message/rfc822"
          hint="Sender, time and text are read from the file. Or fill in the fields below by hand."
          errors={errors.eml}
        />
      ) : null}
      <Field
        label={`Received (${timeZone})`}
        name="receivedAt"
        type="datetime-local"
        min={endsLocal}
        defaultValue={value("receivedAt")}
        errors={errors.receivedAt}
      />
      <FoldChoice
        name="receivedAt"
        value={value("receivedAt")}
        timeZone={timeZone}
        chosen={value("receivedAtFold")}
      />
      <SelectField
        label="Channel"
        name="channel"
        options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
        defaultValue={value("channel") ?? "email"}
        errors={errors.channel}
      />
      <Field label="Sender (optional)" name="sender" defaultValue={value("sender")} errors={errors.sender} />
      <Field
        className="sm:col-span-3"
        label="Subject (optional)"
        name="subject"
        defaultValue={value("subject")}
        errors={errors.subject}
      />
      <TextAreaField
        className="sm:col-span-3"
        label="Message"
        name="body"
        rows={6}
        defaultValue={value("body")}
        errors={errors.body}
      />
    </>
  );
}
