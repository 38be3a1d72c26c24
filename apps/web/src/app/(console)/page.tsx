import { WithResources } from "../../trpc/server.tsx";
import { namespaceParam } from "../../lib/namespaces.ts";
import { apiHost } from "../../server/config.ts";
import { FlowWorkspace } from "./_components/FlowWorkspace.tsx";

export const dynamic = "force-dynamic";

export const metadata = { title: "Flow" };

/** `/`: the flow graph of one namespace (`?ns=`) with its events beside it. */
export default async function FlowPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const namespace = namespaceParam(params.ns);
  const node = typeof params.node === "string" ? params.node : undefined;
  return (
    <WithResources>
      <FlowWorkspace key={namespace} namespace={namespace} webhookHost={apiHost()} initialNode={node} />
    </WithResources>
  );
}
