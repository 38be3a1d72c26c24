import { describe, expect, it } from "vitest";
import { buildWebhookData, canonicalHeaderKey, checkBearer, MASKED_AUTH } from "./request.ts";

const raw = (...pairs: [string, string][]) => pairs.flat();
const decode = (result: ReturnType<typeof buildWebhookData>) => {
  if (!result.ok) throw new Error(`expected data, got ${result.response.status}`);
  return new TextDecoder().decode(result.data);
};

describe("webhook request → Argo event data", () => {
  it("builds {header, body, metadata} with canonical, sorted header keys and the body verbatim (compacted)", () => {
    const data = decode(
      buildWebhookData(
        { method: "POST", query: "", rawHeaders: raw(["content-type", "application/json"], ["Host", "x"], ["user-agent", "curl/8.5.0"], ["x-github-event", "push"]), body: new TextEncoder().encode('{ "message": "hello" }') },
        { team: "payments" },
      ),
    );
    expect(data).toBe('{"header":{"Content-Type":["application/json"],"User-Agent":["curl/8.5.0"],"X-Github-Event":["push"]},"body":{"message":"hello"},"metadata":{"team":"payments"}}');
  });

  it("matches the §3.4 example byte for byte", () => {
    const data = decode(
      buildWebhookData(
        {
          method: "POST",
          query: "",
          rawHeaders: raw(["Host", "host:12000"], ["User-Agent", "curl/8.5.0"], ["Accept", "*/*"], ["Content-Type", "application/json"], ["Content-Length", "19"]),
          body: new TextEncoder().encode('{"message":"hello"}'),
        },
        { team: "payments" },
      ),
    );
    expect(Buffer.from(data).toString("base64")).toBe(
      "eyJoZWFkZXIiOnsiQWNjZXB0IjpbIiovKiJdLCJDb250ZW50LUxlbmd0aCI6WyIxOSJdLCJDb250ZW50LVR5cGUiOlsiYXBwbGljYXRpb24vanNvbiJdLCJVc2VyLUFnZW50IjpbImN1cmwvOC41LjAiXX0sImJvZHkiOnsibWVzc2FnZSI6ImhlbGxvIn0sIm1ldGFkYXRhIjp7InRlYW0iOiJwYXltZW50cyJ9fQ==",
    );
  });

  it("turns a GET query and a form POST into objects of arrays", () => {
    expect(decode(buildWebhookData({ method: "GET", query: "a=1&a=2&b=x+y", rawHeaders: [], body: new Uint8Array() }, undefined))).toBe(
      '{"header":{},"body":{"a":["1","2"],"b":["x y"]}}',
    );
    const form = buildWebhookData(
      { method: "POST", query: "", rawHeaders: raw(["Content-Type", "application/x-www-form-urlencoded"]), body: new TextEncoder().encode("k=v") },
      undefined,
    );
    expect(decode(form)).toContain('"body":{"k":["v"]}');
  });

  it("rejects empty and non-JSON bodies and other methods with 400", () => {
    for (const body of ["", "not json"]) {
      const result = buildWebhookData({ method: "POST", query: "", rawHeaders: [], body: new TextEncoder().encode(body) }, undefined);
      expect(result.ok ? 200 : result.response.status).toBe(400);
    }
    const put = buildWebhookData({ method: "PUT", query: "", rawHeaders: [], body: new TextEncoder().encode("{}") }, undefined);
    expect(put.ok ? 200 : put.response.status).toBe(400);
  });

  it("masks Authorization in the data", () => {
    const data = decode(buildWebhookData({ method: "POST", query: "", rawHeaders: raw(["Authorization", "Bearer s3cret"]), body: new TextEncoder().encode("{}") }, undefined));
    expect(data).toContain(MASKED_AUTH);
    expect(data).not.toContain("s3cret");
  });

  it("checks bearer tokens with Argo's messages", () => {
    expect(checkBearer([], "t")?.body).toBe("Invalid Authorization Header");
    expect(checkBearer(raw(["Authorization", "Bearer x"]), "t")?.body).toBe("Invalid Auth token");
    expect(checkBearer(raw(["authorization", "Bearer t"]), "t")).toBeUndefined();
  });

  it("canonicalises header keys like Go", () => {
    expect(canonicalHeaderKey("x-request-id")).toBe("X-Request-Id");
    expect(canonicalHeaderKey("CONTENT-TYPE")).toBe("Content-Type");
    expect(canonicalHeaderKey("bad key")).toBe("bad key");
  });
});
