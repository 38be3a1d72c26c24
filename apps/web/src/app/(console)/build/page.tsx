import { WithResources } from "../../../trpc/server.tsx";
import { namespaceParam } from "../../../lib/namespaces.ts";
import { BuilderWorkspace } from "./_components/BuilderWorkspace.tsx";

export const dynamic = "force-dynamic";

export const metadata = { title: "Build" };

/** `/build`: build and edit the flow of one namespace (`?ns=`) on a canvas, with forms and YAML side by side. */
export default async function BuildPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const namespace = namespaceParam((await searchParams).ns);
  return (
    <WithResources>
      <BuilderWorkspace key={namespace} namespace={namespace} />
    </WithResources>
  );
}
