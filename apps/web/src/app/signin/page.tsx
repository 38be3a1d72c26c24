import { SignInForm } from "./_components/SignInForm.tsx";

export const dynamic = "force-dynamic";

export const metadata = { title: "Sign in" };

const reasons: Record<string, string> = {
  required: "Sign in to use the console.",
  expired:
    "Your session is no longer valid (the token was revoked, expired, or the API's data was reset). Sign in again.",
  "signed-out": "You have signed out.",
};

const errors: Record<string, string> = {
  refused: "The API refused this token.",
  missing: "Paste an API token to sign in.",
  unreachable: "The console cannot reach the API. Is it running?",
  "cross-origin": "Sign-in requests must come from this console.",
};

/** `/signin`: a `#token=` link signs in at once; otherwise paste a token. */
export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const pick = (value: string | string[] | undefined, table: Record<string, string>) =>
    table[(Array.isArray(value) ? value[0] : value) ?? ""];
  return (
    <main className="centered">
      <div className="card card--signin">
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true" />
          Signalbox
        </div>
        <SignInForm notice={pick(params.reason, reasons)} initialError={pick(params.error, errors)} />
      </div>
    </main>
  );
}
