// A time zone control: every IANA zone, grouped by region and labelled by city with its name and
// offset (app/core/time.ts timeZoneGroups, computed by the loader so server and browser render the
// same labels). A native select: typing a city's first letters jumps to it, on every device.
import type { TimeZoneGroup } from "~/core/time";
import { FieldFrame } from "./form-fields";

export function TimeZoneField({
  label,
  name,
  groups,
  defaultValue,
  firstOption,
  errors,
  hint,
  className,
}: {
  label: string;
  name: string;
  groups: TimeZoneGroup[];
  defaultValue: string;
  /** A first choice before the zones, e.g. { value: "", label: "Organization default (Europe/Berlin)" }. */
  firstOption?: { value: string; label: string };
  errors?: string[];
  hint?: string;
  className?: string;
}) {
  return (
    <FieldFrame
      label={label}
      errors={errors}
      hint={hint}
      className={className}
      control={(props) => (
        <select {...props} name={name} defaultValue={defaultValue}>
          {firstOption ? <option value={firstOption.value}>{firstOption.label}</option> : null}
          {groups.map((g) => (
            <optgroup key={g.region} label={g.region}>
              {g.zones.map((z) => (
                <option key={z.value} value={z.value}>
                  {z.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    />
  );
}
