// Security headers on every response, static files and errors included.
//
// The Content-Security-Policy allows scripts only from this origin and inline scripts that carry this
// response's nonce: Remix writes inline scripts into every page (<Scripts/>: the route manifest and
// the module that imports the entry; <ScrollRestoration/>; with single fetch, the streamed data), and
// app/entry.server.tsx and app/root.tsx give each of them the nonce from the load context. Styles
// allow 'unsafe-inline': React renders style attributes (the charts' sizes, progress bars) that a
// stricter policy would drop, and a style cannot run code. No page may be framed by another site.
import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";

export type SecurityLocals = { cspNonce?: string };

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(_req: Request, res: Response<unknown, SecurityLocals>, next: NextFunction) {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.set({
    "Content-Security-Policy": contentSecurityPolicy(nonce),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
  });
  next();
}
