import { describe, expect, it } from "vitest";
import { afterFailure } from "./mail-schedule";
import {
  isPrivateAddress,
  parseEventList,
  responseExcerpt,
  WEBHOOK_RETRIES,
  WebhookEndpointSchema,
  webhookUrlProblem,
} from "./webhooks";

describe("private addresses", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fd12:3456::1",
    "fc00::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.1.2.3",
    "64:ff9b::a9fe:a9fe",
    "ff02::1",
    "2001:db8::1",
    "[::1]",
    "fe80::1%eth0",
    "not-an-address",
  ])("%s is private", (ip) => expect(isPrivateAddress(ip)).toBe(true));

  it.each([
    "93.184.216.34",
    "8.8.8.8",
    "172.32.0.1",
    "100.128.0.1",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
  ])("%s is public", (ip) => expect(isPrivateAddress(ip)).toBe(false));
});

describe("a webhook URL", () => {
  it("is https or http, without credentials or fragment", () => {
    expect(webhookUrlProblem("https://hooks.example.com/in", false)).toBeNull();
    expect(webhookUrlProblem("http://hooks.example.com:8080/in?x=1", false)).toBeNull();
    expect(webhookUrlProblem("https://[2606:4700:4700::1111]/in", false)).toBeNull();
    expect(webhookUrlProblem("ftp://hooks.example.com/in", false)).toMatch(/Only https/);
    expect(webhookUrlProblem("hooks.example.com/in", false)).toMatch(/full URL/);
    expect(webhookUrlProblem("https://user:pw@hooks.example.com/", false)).toMatch(/password/);
    expect(webhookUrlProblem("https://hooks.example.com/#x", false)).toMatch(/fragment/);
  });

  it("names no private address unless they are allowed", () => {
    for (const url of [
      "http://127.0.0.1:9000/",
      "http://localhost/",
      "http://[::1]/",
      "http://169.254.169.254/latest/meta-data",
      "http://10.0.0.5/",
      "http://printer.local/",
      "http://intranet/",
    ]) {
      expect(webhookUrlProblem(url, false), url).toMatch(/private address/);
      expect(webhookUrlProblem(url, true), url).toBeNull();
    }
  });
});

describe("the endpoint form", () => {
  it("takes one or several events and a checkbox", () => {
    expect(
      WebhookEndpointSchema.parse({
        url: " https://x.example/ ",
        events: "follow_up.received",
        enabled: "on",
      }),
    ).toEqual({ url: "https://x.example/", events: ["follow_up.received"], enabled: true });
    expect(
      WebhookEndpointSchema.parse({
        url: "https://x.example/",
        events: ["follow_up.scored", "interview.window_closed"],
      }).enabled,
    ).toBe(false);
  });

  it("needs an event, and only known ones", () => {
    const none = WebhookEndpointSchema.safeParse({ url: "https://x.example/" });
    expect(none.success).toBe(false);
    expect(none.error?.issues[0]?.message).toBe("Choose at least one event.");
    expect(WebhookEndpointSchema.safeParse({ url: "https://x.example/", events: "nope" }).success).toBe(
      false,
    );
  });

  it("reads stored lists leniently", () => {
    expect(parseEventList('["follow_up.scored","gone.event"]')).toEqual(["follow_up.scored"]);
    expect(parseEventList("not json")).toEqual([]);
  });
});

describe("deliveries", () => {
  it("are retried with growing waits, then fail", () => {
    const now = new Date("2026-12-05T10:00:00Z");
    expect(afterFailure(1, false, now, WEBHOOK_RETRIES)).toEqual({
      status: "queued",
      nextAttemptAt: "2026-12-05T10:01:00.000Z",
    });
    expect(afterFailure(9, false, now, WEBHOOK_RETRIES)).toEqual({
      status: "queued",
      nextAttemptAt: "2026-12-05T14:00:00.000Z",
    });
    expect(afterFailure(10, false, now, WEBHOOK_RETRIES)).toEqual({ status: "failed" });
  });

  it("keep the start of an answer on one line", () => {
    expect(responseExcerpt("  ok \n")).toBe("ok");
    expect(responseExcerpt("")).toBeNull();
    const long = responseExcerpt("x".repeat(500))!;
    expect(long).toHaveLength(200);
    expect(long.endsWith("…")).toBe(true);
  });
});
