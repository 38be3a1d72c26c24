/**
 * Server side of the tRPC client: pages prefetch what they show first (EventSources and Sensors) while rendering, so
 * the browser receives them with the HTML instead of asking after hydration. The server calls the API directly
 * (not through the console's proxy), with the session's token. Server-only.
 */
import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { AppRouter } from "@signalbox/server/router";
import { cookies } from "next/headers";
import { cache, type ReactNode } from "react";
import { apiUrl, TOKEN_COOKIE } from "../server/config.ts";
import { makeQueryClient } from "./queryClient.ts";

/**
 * One QueryClient per request. No retries here: a page waits for its prefetch, and the browser retries anyway.
 */
export const getQueryClient = cache(() => {
  const client = makeQueryClient();
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } });
  return client;
});

const serverTrpc = cache(async () => {
  const token = (await cookies()).get(TOKEN_COOKIE)?.value;
  const client = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${apiUrl()}/trpc`, headers: token ? { authorization: `Bearer ${token}` } : {} })],
  });
  return createTRPCOptionsProxy<AppRouter>({ client, queryClient: getQueryClient });
});

/**
 * Render `children` with the namespace's resources already in the query cache. A failed prefetch is not an error
 * here: the browser asks again and shows what went wrong.
 */
export async function WithResources({ children }: { children: ReactNode }) {
  const trpc = await serverTrpc();
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.sources.list.queryOptions({})),
    queryClient.prefetchQuery(trpc.sensors.list.queryOptions({})),
  ]);
  return <HydrationBoundary state={dehydrate(queryClient)}>{children}</HydrationBoundary>;
}
