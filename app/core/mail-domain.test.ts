import { describe, expect, it } from "vitest";
import { isReceivableDomain } from "./mail-domain";

describe("isReceivableDomain", () => {
  it("refuses IP literals, localhost and names without a dot", () => {
    for (const d of ["127.0.0.1", "localhost", "app.localhost", "[::1]", "::1", "10.0.0.5", "intranet", ""])
      expect(isReceivableDomain(d), d).toBe(false);
  });

  it("accepts a domain name, with or without its final dot", () => {
    for (const d of ["mail.example.com", "followthrough.example.org.", "hire.acme.co.uk", "Mail.Example.COM"])
      expect(isReceivableDomain(d), d).toBe(true);
  });
});
