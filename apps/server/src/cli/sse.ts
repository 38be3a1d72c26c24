/**
 * Reading a tRPC subscription over SSE (`GET /trpc/<path>?input=…`) with plain fetch: `data:` lines carry each
 * yielded value as JSON; `connected`, `ping`, `return` and `serialized-error` events are tRPC's own.
 */
import { resolveClient, type ClientOptions } from "./client.ts";

/** Call `onItem` for every value the subscription yields, until it ends, fails, or `signal` aborts. */
export async function subscribe(options: ClientOptions, path: string, input: unknown, onItem: (item: unknown) => void, signal?: AbortSignal): Promise<void> {
  const { server, token } = resolveClient(options);
  const url = `${server}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(url, { headers: { accept: "text/event-stream", ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(signal ? { signal } : {}) });
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => "");
    throw new Error(`subscription ${path} failed: ${response.status} ${text.slice(0, 500)}`);
  }
  const decoder = new TextDecoder();
  let buffer = "";
  let event = "message";
  let data: string[] = [];
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let newline = buffer.indexOf("\n");
      while (newline !== -1) {
        const line = buffer.slice(0, newline).replace(/\r$/, "");
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf("\n");
        if (line === "") {
          if (data.length > 0) {
            const payload = data.join("\n");
            if (event === "serialized-error") throw new Error(`subscription ${path} failed: ${payload}`);
            if (event === "message") onItem(JSON.parse(payload) as unknown);
          }
          if (event === "return") return;
          event = "message";
          data = [];
        } else if (line.startsWith("event:")) {
          event = line.slice(6).trim();
        } else if (line.startsWith("data:")) {
          data.push(line.slice(5).replace(/^ /, ""));
        }
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
