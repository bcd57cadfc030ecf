import { describe, expect, it } from "vitest";
import { notesFromInvite, withoutMeetingBoilerplate } from "./invite-text";

const TEAMS = [
  "________________________________________________________________________________",
  "Microsoft Teams meeting",
  "Join on your computer, mobile app or room device",
  "Click here to join the meeting<https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0>",
  "Meeting ID: 312 456 789 012",
  "Passcode: Ab3dEf",
  "Download Teams<https://www.microsoft.com/microsoft-teams/download-app> | Join on the web<https://www.microsoft.com/microsoft-teams/join-a-meeting>",
  "Or call in (audio only)",
  "+44 20 3443 0000,,123456789# United Kingdom, London",
  "Phone Conference ID: 123 456 789#",
  "Find a local number<https://dialin.teams.microsoft.com/x> | Reset PIN<https://aka.ms/y>",
  "Learn More<https://aka.ms/JoinTeamsMeeting> | Meeting options<https://teams.microsoft.com/meetingOptions/>",
  "________________________________________________________________________________",
].join("\n");

const ZOOM = [
  "Priya Shah is inviting you to a scheduled Zoom meeting.",
  "",
  "Topic: Interview",
  "Time: Nov 10, 2026 10:00 AM Eastern Time (US and Canada)",
  "",
  "Join Zoom Meeting",
  "https://us02web.zoom.us/j/84123456789?pwd=abc",
  "",
  "Meeting ID: 841 2345 6789",
  "Passcode: 418203",
  "---",
  "One tap mobile",
  "+16699006833,,84123456789#,,,,*418203# US (San Jose)",
  "",
  "Dial by your location",
  "• +1 669 900 6833 US (San Jose)",
  "Find your local number: https://us02web.zoom.us/u/kdXyZ",
  "",
  "Join by SIP",
  "84123456789@zoomcrc.com",
  "",
  "Join by H.323",
  "162.255.37.11 (US West)",
].join("\n");

const GOOGLE = [
  "-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-",
  "Do not edit this section of the description.",
  "",
  "This event has a video call.",
  "Join: https://meet.google.com/xqi-tiqs-xrz",
  "(US) +1 929-249-4854 PIN: 637379240#",
  "View more joining options: https://tel.meet/xqi-tiqs-xrz?pin=6779067023105&hs=7",
  "",
  "View your event at https://calendar.google.com/calendar/event?action=VIEW&eid=abc",
  "-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-",
  "Invitation from Google Calendar: https://calendar.google.com/calendar/",
  "",
  "You are receiving this email because you are an attendee on the event.",
  "",
  "Forwarding this invitation could allow any recipient to send a response to the organizer.",
].join("\n");

const WEBEX = [
  "Join Webex meeting",
  "https://acme.webex.com/acme/j.php?MTID=m1234",
  "Meeting number (access code): 2634 123 4567",
  "Meeting password: Xyz123",
  "",
  "Join by phone",
  "+1-408-525-6800 United States Toll",
  "Global call-in numbers",
  "",
  "Join from a video system or application",
  "Dial 26341234567@acme.webex.com",
  "You can also dial 173.243.2.68 and enter your meeting number.",
  "",
  "Can't join the meeting?",
  "If you are a host, click here to view host information.",
].join("\n");

describe("notesFromInvite", () => {
  it.each([
    ["Teams", TEAMS],
    ["Zoom", ZOOM],
    ["Google Meet", GOOGLE],
    ["Webex", WEBEX],
  ])("keeps nothing of a %s invitation alone", (_, text) => {
    expect(withoutMeetingBoilerplate(text)).toBe("");
    expect(notesFromInvite(text, "Interview")).toBe("");
  });

  it("keeps the recruiter's words above or below a join block", () => {
    expect(
      notesFromInvite(`Let's go through the launch checklist and her Kafka migration.\n\n${TEAMS}`),
    ).toBe("Let's go through the launch checklist and her Kafka migration.");
    expect(notesFromInvite(`${ZOOM}\n\nAsk about the notice period and relocation.`)).toBe(
      "Ask about the notice period and relocation.",
    );
    expect(notesFromInvite(`Agenda:\n1. Pricing model\n2. The beta list\n${GOOGLE}`)).toBe(
      "Agenda:\n1. Pricing model\n2. The beta list",
    );
  });

  it("reads an HTML description as text", () => {
    expect(
      notesFromInvite(
        '<p>Walk through the <b>Q3 pipeline</b> &amp; quota ramp.</p><div>______________________</div><div>Microsoft Teams meeting</div><a href="https://teams.microsoft.com/l/meetup-join/x">Click here to join the meeting</a>',
      ),
    ).toBe("Walk through the Q3 pipeline & quota ramp.");
  });

  it("keeps nothing when what is left is the title or a word or two", () => {
    expect(notesFromInvite(`Interview: Ada Lovelace\n${TEAMS}`, "Interview: Ada Lovelace")).toBe("");
    expect(notesFromInvite("Phone screen", "")).toBe("");
    expect(notesFromInvite("", "Interview")).toBe("");
    expect(notesFromInvite("Discuss the Salesforce migration", "Interview")).toBe(
      "Discuss the Salesforce migration",
    );
  });

  it("keeps a sentence that merely mentions a number", () => {
    expect(notesFromInvite("She grew revenue from 1,200,000 to 4,500,000 in two years.")).toBe(
      "She grew revenue from 1,200,000 to 4,500,000 in two years.",
    );
  });
});
