// Whether mail from outside can reach addresses at a domain: the mail-in address is offered only then.

/** False for an IP literal, localhost or a name without a dot: no public MX can point there. */
export function isReceivableDomain(domain: string): boolean {
  const d = domain.trim().toLowerCase().replace(/\.$/, "");
  if (!d || !d.includes(".")) return false;
  if (d === "localhost" || d.endsWith(".localhost")) return false;
  if (/^\[.*\]$/.test(d) || /^[\d.]+$/.test(d) || d.includes(":")) return false;
  return true;
}
