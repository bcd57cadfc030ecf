// The Content-Security-Policy nonce of the page being rendered (http/security-headers.ts), for the
// inline scripts Remix writes. Set on the server only: browsers hide nonces from the page, and the
// scripts are not rendered again in the browser.
import { createContext, useContext } from "react";

const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
