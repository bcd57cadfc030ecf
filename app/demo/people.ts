// People in generated workspaces: names and the e-mail addresses made from them.
import type { Rng } from "./random";
import * as text from "./text";

export interface Person {
  name: string;
  first: string;
  email: string;
}

/** Lower-case ASCII words joined by hyphens, for a generated organization's mail domain. */
export function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Lower-case ASCII letters only, for the local part of an address. */
export function mailPart(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

/** A person with an address at `domain` not in `taken` (which this adds it to). */
export function randomPerson(r: Rng, domain: string, taken: Set<string>): Person {
  for (;;) {
    const first = r.pick(text.FIRST_NAMES);
    const last = r.pick(text.LAST_NAMES);
    const email = `${mailPart(first)}.${mailPart(last)}@${domain}`;
    if (taken.has(email)) continue;
    taken.add(email);
    return { name: `${first} ${last}`, first, email };
  }
}

export function firstName(name: string): string {
  return name.split(" ")[0];
}
