/**
 * Every console page: the session is checked against the API first (no valid token → the sign-in page, saying
 * why; API down → a page that says where the console looked for it), then the tRPC provider and the header.
 */
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "../../components/AppHeader.tsx";
import { currentSession } from "../../server/session.ts";
import { TRPCReactProvider } from "../../trpc/client.tsx";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  if (session.outcome === "refused") redirect(`/signin?reason=${session.hadToken ? "expired" : "required"}`);
  if (session.outcome === "unreachable") {
    return (
      <main className="centered">
        <div className="card" role="alert" data-testid="api-unreachable">
          <h1>The API is not reachable</h1>
          <p>
            The console looked for the Signalbox API at <code>{session.apiUrl}</code> and got: {session.message}.
          </p>
          <p className="muted">
            Start it with <code>npm start</code> (or <code>npx signalbox serve</code>), or point the console elsewhere
            with <code>SIGNALBOX_API_URL</code> when starting the web process. Then reload this page.
          </p>
        </div>
      </main>
    );
  }
  return (
    <TRPCReactProvider>
      <div className="app">
        <AppHeader whoami={session.whoami} />
        {children}
      </div>
    </TRPCReactProvider>
  );
}
