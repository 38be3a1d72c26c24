/**
 * One QueryClient per browser tab. Data stays fresh until the API says it changed (`system.changes` invalidates
 * queries), so there is no polling and no refetch on focus; a token the API no longer accepts sends the user to
 * the sign-in page.
 */
import { QueryCache, QueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";

/** True for an error the API answered with UNAUTHORIZED (missing, revoked or expired token). */
export function isUnauthorized(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const data: unknown = error.data;
  return typeof data === "object" && data !== null && "code" in data && data.code === "UNAUTHORIZED";
}

/** Leave for the sign-in page, saying why. */
export function redirectToSignIn(): void {
  if (typeof window !== "undefined" && window.location.pathname !== "/signin")
    window.location.assign("/signin?reason=expired");
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isUnauthorized(error)) redirectToSignIn();
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => !isUnauthorized(error) && failures < 2,
      },
    },
  });
}
