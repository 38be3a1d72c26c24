import { describe, expect, it } from "vitest";
import { curlFor, webhookTargets } from "./curl.ts";

describe("curl", () => {
  const source = {
    name: "demo",
    manifest: {
      spec: {
        webhook: {
          example: { port: "12000", endpoint: "/example", method: "POST" },
          q: { port: 12001, endpoint: "q", method: "get" },
        },
      },
    },
  };

  it("finds the webhook events of EventSources with their URL", () => {
    expect(
      webhookTargets([source, { name: "cal", manifest: { spec: { calendar: { tick: {} } } } }], "127.0.0.1"),
    ).toEqual([
      { eventSource: "demo", eventName: "example", url: "http://127.0.0.1:12000/example", method: "POST" },
      { eventSource: "demo", eventName: "q", url: "http://127.0.0.1:12001/q", method: "GET" },
    ]);
    expect(webhookTargets([source], "::1")[0]?.url).toBe("http://[::1]:12000/example");
  });

  it("builds a curl command that sends JSON, quoting for the shell", () => {
    const [post, get] = webhookTargets([source], "127.0.0.1");
    expect(curlFor(post!)).toBe(
      `curl -X POST -H 'Content-Type: application/json' -d '{"message":"hello"}' http://127.0.0.1:12000/example`,
    );
    expect(curlFor(post!, { who: "o'brien" })).toBe(
      `curl -X POST -H 'Content-Type: application/json' -d '{"who":"o'\\''brien"}' http://127.0.0.1:12000/example`,
    );
    expect(curlFor(get!)).toBe("curl 'http://127.0.0.1:12001/q?message=hello'");
  });
});
