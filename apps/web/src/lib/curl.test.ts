import { describe, expect, it } from "vitest";
import { curlFor, curlForEvent, webhookTargets } from "./curl.ts";

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

describe("curlForEvent", () => {
  const webhooks = [{ eventSource: "shop", eventName: "order", url: "http://127.0.0.1:12000/order", method: "POST" }];

  it("re-sends a webhook event to its webhook with its body and request headers", () => {
    const event = {
      namespace: "default",
      source: "shop",
      subject: "order",
      type: "webhook",
      data: { header: { "Content-Type": ["application/json"], "Content-Length": ["13"], "X-It's": ["a b"] }, body: { customer: "o'neil" } },
    };
    expect(curlForEvent(event, webhooks, "http://127.0.0.1:3000")).toBe(
      `curl -X POST -H 'Content-Type: application/json' -H 'X-It'\\''s: a b' --data-raw '{"customer":"o'\\''neil"}' http://127.0.0.1:12000/order`,
    );
  });

  it("injects other events through the API", () => {
    const event = { namespace: "default", source: "cal", subject: "tick", type: "calendar", data: { eventTime: "x" } };
    expect(curlForEvent(event, webhooks, "http://127.0.0.1:3000/")).toBe(
      `curl -X POST -H "Authorization: Bearer $SIGNALBOX_TOKEN" -H 'Content-Type: application/json' --data-raw '{"namespace":"default","source":"cal","subject":"tick","type":"calendar","data":{"eventTime":"x"}}' http://127.0.0.1:3000/api/v1/events`,
    );
  });
});
