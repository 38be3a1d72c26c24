import { memo, useMemo } from "react";
import { jsonTokens } from "../../lib/jsonTokens.ts";

/** Pretty-printed JSON with light colouring; its text is exactly `JSON.stringify(value, null, 2)`. */
function JsonViewImpl({ value, testId }: { value: unknown; testId?: string }) {
  const tokens = useMemo(() => jsonTokens(value), [value]);
  return (
    <pre className="json" data-testid={testId} tabIndex={0}>
      {tokens.map((token, index) =>
        token.kind === "punct" ? (
          token.text
        ) : (
          <span key={index} className={`json-${token.kind}`}>
            {token.text}
          </span>
        ),
      )}
    </pre>
  );
}

export const JsonView = memo(JsonViewImpl);
