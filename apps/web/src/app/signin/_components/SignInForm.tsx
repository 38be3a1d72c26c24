"use client";
/**
 * Reads `#token=…` from the URL fragment (which never reaches a server or its logs), removes it from the address
 * bar, and posts it to `/auth/signin`, which checks it with the API and sets the httpOnly cookie. Without a
 * fragment, a token can be pasted; the form also works without JavaScript.
 */
import { useEffect, useState, type FormEvent } from "react";

type State = { phase: "idle" } | { phase: "checking" } | { phase: "error"; message: string };

async function signIn(token: string): Promise<string | undefined> {
  const response = await fetch("/auth/signin", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }),
  }).catch(() => undefined);
  if (!response) return "The console did not answer. Is it still running?";
  if (response.ok) return undefined;
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? `Sign-in failed (${response.status}).`;
}

export function SignInForm({ notice, initialError }: { notice: string | undefined; initialError: string | undefined }) {
  const [state, setState] = useState<State>(
    initialError ? { phase: "error", message: initialError } : { phase: "idle" },
  );

  const submit = async (token: string) => {
    setState({ phase: "checking" });
    const error = await signIn(token);
    if (error) setState({ phase: "error", message: error });
    else window.location.replace("/");
  };

  useEffect(() => {
    const consumeHash = () => {
      const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
      if (!match?.[1]) return;
      // Drop the token from the address bar and history before anything else.
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
      void submit(decodeURIComponent(match[1]));
    };
    consumeHash();
    // A sign-in link opened in a tab already on /signin only changes the fragment: no new page load.
    window.addEventListener("hashchange", consumeHash);
    return () => window.removeEventListener("hashchange", consumeHash);
  }, []);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const token = new FormData(event.currentTarget).get("token");
    if (typeof token === "string" && token.trim()) void submit(token.trim());
    else setState({ phase: "error", message: "Paste an API token to sign in." });
  };

  return (
    <form className="signin" action="/auth/signin" method="post" onSubmit={onSubmit} data-testid="signin-form">
      <h1>Sign in</h1>
      {notice ? (
        <p className="notice" data-testid="signin-notice">
          {notice}
        </p>
      ) : null}
      <label className="field">
        <span>API token</span>
        <input
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="sbx_…"
          data-testid="signin-token"
          disabled={state.phase === "checking"}
          aria-invalid={state.phase === "error"}
          aria-describedby="signin-help"
        />
      </label>
      {state.phase === "error" ? (
        <p className="error-text" role="alert" data-testid="signin-error">
          {state.message}
        </p>
      ) : null}
      <button
        type="submit"
        className="button button--primary"
        data-testid="signin-submit"
        disabled={state.phase === "checking"}
      >
        {state.phase === "checking" ? "Checking…" : "Sign in"}
      </button>
      <p className="muted small" id="signin-help">
        The API prints a sign-in link when it first starts. The admin token is in{" "}
        <code>&lt;data-dir&gt;/admin.token</code>; <code>npx signalbox signin-url</code> prints the link again.
      </p>
    </form>
  );
}
