"use client";
/**
 * The console's tRPC client: `createTRPCContext<AppRouter>()` → `useTRPC()`. Subscriptions go over SSE
 * (`httpSubscriptionLink`, the browser's EventSource), everything else over batched HTTP; both at `/trpc` on this
 * origin, where a route handler forwards them to the API with the session's token.
 */
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { AppRouter } from "@signalbox/server/router";
import { useState, type ReactNode } from "react";
import { makeQueryClient } from "./queryClient.ts";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  // A fresh client per server render; one shared client in the browser so a re-suspending tree keeps its cache.
  if (typeof window === "undefined") return makeQueryClient();
  return (browserQueryClient ??= makeQueryClient());
}

function trpcUrl(): string {
  return typeof window === "undefined" ? "http://localhost/trpc" : `${window.location.origin}/trpc`;
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: trpcUrl() }),
          false: httpBatchLink({ url: trpcUrl(), maxURLLength: 4_000 }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
