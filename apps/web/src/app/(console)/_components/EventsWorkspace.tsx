"use client";
/** The `/events` screen: the event list of a namespace, full width, filters mirrored in the URL. */
import { usePathname, useRouter } from "next/navigation";
import { useMemo } from "react";
import { NamespaceSwitcher } from "../../../components/NamespaceSwitcher.tsx";
import { EventList } from "../../../components/events/EventList.tsx";
import { useResources } from "../../../hooks/useResources.ts";
import { webhookTargets } from "../../../lib/curl.ts";

export interface EventsWorkspaceProps {
  namespace: string;
  source: string | undefined;
  subject: string | undefined;
  webhookHost: string;
}

export function EventsWorkspace({ namespace, source, subject, webhookHost }: EventsWorkspaceProps) {
  const { eventSources, namespaces } = useResources(namespace);
  const webhooks = useMemo(() => webhookTargets(eventSources, webhookHost), [eventSources, webhookHost]);
  const router = useRouter();
  const pathname = usePathname();
  return (
    <main className="workspace">
      <div className="toolbar">
        <NamespaceSwitcher namespace={namespace} namespaces={namespaces} />
        <span className="spacer" />
      </div>
      <div className="single">
        <EventList
          namespace={namespace}
          source={source}
          subject={subject}
          webhooks={webhooks}
          onClearFilter={source ? () => router.push(`${pathname}?ns=${encodeURIComponent(namespace)}`) : undefined}
        />
      </div>
    </main>
  );
}
