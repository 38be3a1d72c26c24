import type { Whoami } from "../server/session.ts";
import { LiveIndicator } from "./LiveIndicator.tsx";
import { NavLinks } from "./NavLinks.tsx";

/** Brand, navigation, live status and the signed-in token. */
export function AppHeader({ whoami }: { whoami: Whoami }) {
  return (
    <header className="app-header">
      <a className="brand" href="/">
        <span className="brand__mark" aria-hidden="true" />
        Signalbox
      </a>
      <NavLinks />
      <span className="spacer" />
      <LiveIndicator />
      <span className="who" data-testid="whoami" title={`token ${whoami.name}, role ${whoami.role}`}>
        {whoami.auth === "off" ? "auth off" : `${whoami.name} · ${whoami.role}`}
      </span>
      {whoami.auth === "on" ? (
        <form action="/auth/signout" method="post">
          <button type="submit" className="button button--quiet" data-testid="signout">
            Sign out
          </button>
        </form>
      ) : null}
    </header>
  );
}
