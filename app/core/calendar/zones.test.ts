import { describe, expect, it } from "vitest";
import { ianaZoneOf, offsetMinutes, zoneMatchingOffsets } from "./zones";

describe("ianaZoneOf", () => {
  it.each([
    ["America/New_York", "America/New_York"],
    ['"Europe/London"', "Europe/London"],
    ["Etc/UTC", "UTC"],
    ["tzone://Microsoft/Utc", "UTC"],
    // Windows ids (CLDR windowsZones, through windows-iana)
    ["Eastern Standard Time", "America/New_York"],
    ["Pacific Standard Time", "America/Los_Angeles"],
    ["W. Europe Standard Time", "Europe/Berlin"],
    ["Romance Standard Time", "Europe/Paris"],
    ["GMT Standard Time", "Europe/London"],
    ["India Standard Time", "Asia/Calcutta"],
    ["AUS Eastern Standard Time", "Australia/Sydney"],
    ["eastern standard time", "America/New_York"],
    // Windows display names, current and legacy
    ["(UTC-05:00) Eastern Time (US & Canada)", "America/New_York"],
    ['"(UTC-05:00) Eastern Time (US & Canada)"', "America/New_York"],
    ["(UTC-05:00) Eastern Time (US and Canada)", "America/New_York"],
    ["(GMT-05:00) Eastern Time (US & Canada)", "America/New_York"],
    ["(UTC-08:00) Pacific Time (US & Canada)", "America/Los_Angeles"],
    ["(GMT-06:00) Central Time (US & Canada)", "America/Chicago"],
    ["(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin"],
    ["(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London", "Europe/London"],
    ["(UTC) Dublin, Edinburgh, Lisbon, London", "Europe/London"],
    ["(UTC+02:00) Athens, Bucharest, Istanbul", "Europe/Bucharest"],
    ["(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi", "Asia/Calcutta"],
    ["(UTC-03:00) City of Buenos Aires", "America/Buenos_Aires"],
    ["(GMT+10:00) Canberra, Melbourne, Sydney", "Australia/Sydney"],
  ])("%s → %s", (name, zone) => {
    expect(ianaZoneOf(name)).toBe(zone);
  });

  it.each(["Customized Time Zone", "tzone://Microsoft/Custom", "Nonsense Zone", "", "(UTC+03:00) Atlantis"])(
    "does not guess %j",
    (name) => {
      expect(ianaZoneOf(name)).toBeNull();
    },
  );
});

describe("zoneMatchingOffsets", () => {
  it("prefers the caller's zones, then the main zone of each Windows zone", () => {
    const eastern = { standard: -300, daylight: -240 };
    expect(zoneMatchingOffsets(eastern, 2026)).toBe("America/New_York");
    expect(zoneMatchingOffsets(eastern, 2026, ["America/Toronto"])).toBe("America/Toronto");
    expect(zoneMatchingOffsets(eastern, 2026, ["Europe/London"])).toBe("America/New_York");
    expect(zoneMatchingOffsets({ standard: 60, daylight: 120 }, 2026)).toBe("Europe/Berlin");
    // Southern hemisphere: summer time in January.
    expect(zoneMatchingOffsets({ standard: 600, daylight: 660 }, 2026)).toBe("Australia/Sydney");
    expect(zoneMatchingOffsets({ standard: 420, daylight: null }, 2026)).toBe("Asia/Bangkok");
    expect(zoneMatchingOffsets({ standard: 17, daylight: null }, 2026)).toBeNull();
  });

  it("reads TZOFFSETTO values", () => {
    expect([
      offsetMinutes("-0500"),
      offsetMinutes("+0530"),
      offsetMinutes("+05:45"),
      offsetMinutes("x"),
    ]).toEqual([-300, 330, 345, null]);
  });
});
