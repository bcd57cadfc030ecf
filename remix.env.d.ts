/// <reference types="@remix-run/dev" />

import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

declare module "@remix-run/server-runtime" {
  /** What server.ts hands every loader and action (getLoadContext). */
  interface AppLoadContext {
    /** The client's address: the socket's, or X-Forwarded-For's behind TRUST_PROXY=1. */
    clientAddress?: string;
    /** This response's Content-Security-Policy nonce, for the scripts Remix writes into the page. */
    cspNonce?: string;
  }
}
