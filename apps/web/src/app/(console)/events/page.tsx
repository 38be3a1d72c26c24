import { namespaceParam } from "../../../lib/namespaces.ts";
import { apiHost } from "../../../server/config.ts";
import { EventsWorkspace } from "../_components/EventsWorkspace.tsx";

export const dynamic = "force-dynamic";

export const metadata = { title: "Events" };

/** `/events`: the event list of one namespace (`?ns=`), optionally one source (`?source=`) and event (`?subject=`). */
export default async function EventsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const text = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  const namespace = namespaceParam(params.ns);
  return (
    <EventsWorkspace
      key={namespace}
      namespace={namespace}
      source={text(params.source)}
      subject={text(params.subject)}
      webhookHost={apiHost()}
    />
  );
}
