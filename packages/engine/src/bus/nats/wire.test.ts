import { describe, expect, it } from "vitest";
import {
  ARGO_NAMES,
  bucketName,
  decodeKey,
  encodeKey,
  filterSubject,
  fromNatsHeaders,
  matchesAny,
  namespacedNames,
  parseSubject,
  subjectOf,
  toNatsHeaders,
} from "./wire.ts";

describe("subjects", () => {
  it("uses Argo's default.<es>.<event> and parses it back", () => {
    expect(subjectOf(ARGO_NAMES, "webhook", "example")).toBe("default.webhook.example");
    expect(parseSubject(ARGO_NAMES, "default.webhook.example")).toEqual({
      eventSourceName: "webhook",
      eventName: "example",
    });
    expect(parseSubject(ARGO_NAMES, "other.webhook.example")).toBeUndefined();
    expect(parseSubject(ARGO_NAMES, "default.a.b.c")).toBeUndefined();
  });

  it("prefixes native names by namespace and bus without overlapping Argo's default.*.*", () => {
    const names = namespacedNames("team-a");
    expect(names).toEqual({
      streamName: "team-a_default",
      subjectPrefix: "team-a.default",
      kvPrefix: "team-a_default_",
    });
    expect(subjectOf(names, "webhook", "example")).toBe("team-a.default.webhook.example");
    expect(parseSubject(names, "team-a.default.webhook.example")).toEqual({
      eventSourceName: "webhook",
      eventName: "example",
    });
  });

  it("refuses names that cannot be one subject token", () => {
    expect(() => subjectOf(ARGO_NAMES, "web.hook", "example")).toThrow(/subject token/);
    expect(() => subjectOf(ARGO_NAMES, "webhook", "a b")).toThrow(/subject token/);
    expect(() => subjectOf(ARGO_NAMES, "webhook", "*")).toThrow(/subject token/);
  });

  it("turns filters into filter subjects and matches them client-side", () => {
    expect(filterSubject(ARGO_NAMES, { eventSourceName: "*", eventName: "*" })).toBe("default.*.*");
    expect(filterSubject(ARGO_NAMES, { eventSourceName: "a", eventName: "*" })).toBe("default.a.*");
    expect(matchesAny([{ eventSourceName: "a", eventName: "*" }], "a", "x")).toBe(true);
    expect(matchesAny([{ eventSourceName: "a", eventName: "y" }], "a", "x")).toBe(false);
  });
});

describe("headers", () => {
  it("carries transport headers and keeps JetStream's own out of a message's hands", () => {
    const hdrs = toNatsHeaders({ traceparent: "00-abc-def-01", "ce-tenant": "acme", "Nats-Expected-Stream": "x" });
    expect(hdrs?.get("traceparent")).toBe("00-abc-def-01");
    expect(hdrs?.has("Nats-Expected-Stream")).toBe(false);
    hdrs?.set("Nats-Msg-Id", "id-1");
    expect(fromNatsHeaders(hdrs)).toEqual({
      msgId: "id-1",
      headers: { traceparent: "00-abc-def-01", "ce-tenant": "acme" },
    });
    expect(toNatsHeaders({})).toBeUndefined();
  });

  it("refuses a header value that would break the protocol", () => {
    expect(() => toNatsHeaders({ "x-bad": "a\r\nb" })).toThrow(/NATS header/);
  });
});

describe("KV names", () => {
  it("stores Argo's keys as they are", () => {
    for (const key of ["Triggers", "Deps", "my-trigger/Expression", "my-trigger/dep_1", "a=b.c"])
      expect(encodeKey(key)).toBe(key);
  });

  it("encodes other keys reversibly, never onto a key stored as it is", () => {
    for (const key of ["t/dep with space", "t/ünï", ".lead", "trail.", "a..b", "", "_sb64=abc"]) {
      const stored = encodeKey(key);
      expect(stored).toMatch(/^[-/=.\w]+$/);
      expect(stored.startsWith("_sb64=")).toBe(true);
      expect(decodeKey(stored)).toBe(key);
    }
  });

  it("names buckets after the sensor, prefixed, and makes invalid names valid without collisions", () => {
    expect(bucketName(ARGO_NAMES, "my-sensor")).toBe("my-sensor");
    expect(bucketName(namespacedNames("ns"), "my-sensor")).toBe("ns_default_my-sensor");
    const dotted = bucketName(ARGO_NAMES, "a.b");
    expect(dotted).toMatch(/^a_b_[0-9a-f]+$/);
    expect(bucketName(ARGO_NAMES, "a:b")).not.toBe(dotted);
  });
});
