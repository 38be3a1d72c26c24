import { Suspense } from "react";
import { WithResources } from "../../../trpc/server.tsx";
import { namespaceParam } from "../../../lib/namespaces.ts";
import { apiHost } from "../../../server/config.ts";
import { EventsWorkspace } from "../_components/EventsWorkspace.tsx";

export const dynamic = "force-dynamic";

export const metadata = { title: "Events" };

/**
 * `/events`: the events of one namespace (`?ns=`), searched by the filters in the URL (`source`, `subject`, `type`,
 * `sensor`, `trigger`, `outcome`, `from`, `to`, `match`), with one event open (`id`).
 */
export default async function EventsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const namespace = namespaceParam((await searchParams).ns);
  return (
    <WithResources>
      <Suspense>
        <EventsWorkspace key={namespace} namespace={namespace} webhookHost={apiHost()} />
      </Suspense>
    </WithResources>
  );
}
