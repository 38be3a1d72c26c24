import { describe, expect, it } from "vitest";
import { previewTrigger, resolveEach, sampleData, sampleFromJson, sampleFromStored } from "./preview.ts";

const webhookData = {
  header: { "Content-Type": ["application/json"] },
  body: { customer: "ann", order: { id: 7, items: [{ sku: "k1", qty: 2 }] }, note: null },
};

const stored = {
  id: "0123456789abcdef0123456789abcdef",
  source: "shop",
  subject: "order",
  type: "webhook",
  time: "2026-11-27T10:00:00.123Z",
  specversion: "1.0",
  datacontenttype: "application/json",
  data_base64: Buffer.from(JSON.stringify(webhookData)).toString("base64"),
  extensions: {},
};

describe("previewTrigger", () => {
  it("computes the HTTP request with the engine's mapping: raw JSON, templates, defaults", async () => {
    const result = await previewTrigger({
      namespace: "default",
      sensorName: "orders",
      dependency: "paid",
      sample: sampleFromStored(stored),
      trigger: {
        template: {
          name: "notify",
          http: {
            url: "http://127.0.0.1:9/hook",
            method: "POST",
            headers: { "X-Static": "1" },
            dynamicHeaders: [{ src: { dependencyName: "paid", dataKey: "body.customer" }, dest: "X-Customer" }],
            payload: [
              { src: { dependencyName: "paid", dataKey: "body.order.items", useRawData: true }, dest: "items" },
              { src: { dependencyName: "paid", dataTemplate: "{{ .Input.body.customer | upper }}" }, dest: "who" },
              { src: { dependencyName: "paid", dataKey: "body.coupon", value: "none" }, dest: "coupon" },
            ],
          },
        },
      },
    });
    expect(result).toMatchObject({
      ok: true,
      action: {
        kind: "http",
        method: "POST",
        url: "http://127.0.0.1:9/hook",
        headers: { "X-Static": "1", "X-Customer": "ann" },
        body: '{"items":[{"sku":"k1","qty":2}],"who":"ANN","coupon":"none"}',
      },
    });
  });

  it("makes the first parameter with an empty dest the whole body", async () => {
    const result = await previewTrigger({
      namespace: "default",
      sensorName: "orders",
      dependency: "paid",
      sample: sampleFromStored(stored),
      trigger: {
        template: {
          name: "whole",
          http: { url: "http://x", payload: [{ src: { dependencyName: "paid", dataKey: "body.order" }, dest: "" }] },
        },
      },
    });
    expect(result.ok && result.action.kind === "http" ? result.action.body : undefined).toBe(
      '{"id":7,"items":[{"sku":"k1","qty":2}]}',
    );
  });

  it("shows secure headers as redacted and says what is wrong with an invalid trigger", async () => {
    const sample = sampleFromStored(stored);
    const secure = await previewTrigger({
      namespace: "default",
      sensorName: "s",
      dependency: "paid",
      sample,
      trigger: {
        template: {
          name: "t",
          http: { url: "http://x", secureHeaders: [{ name: "Authorization", valueFrom: { secretKeyRef: { name: "a", key: "b" } } }] },
        },
      },
    });
    expect(secure.ok && secure.action.kind === "http" ? secure.action.headers : undefined).toEqual({ Authorization: "*****" });
    const invalid = await previewTrigger({ namespace: "d", sensorName: "s", dependency: "paid", sample, trigger: { template: { name: "t" } } });
    expect(invalid.ok).toBe(false);
  });
});

describe("resolveEach", () => {
  it("resolves every parameter on its own, with errors for those that do not resolve", () => {
    const sample = sampleFromStored(stored);
    expect(
      resolveEach(
        [
          { src: { dependencyName: "paid", dataKey: "body.order.id" }, dest: "id" },
          { src: { dependencyName: "paid", dataKey: "body.missing" }, dest: "m" },
          { src: { dependencyName: "other", dataKey: "x" }, dest: "o" },
        ],
        "paid",
        sample,
      ),
    ).toEqual([
      { outcome: "value", text: "7", type: "Number" },
      { outcome: "error", message: "unable to resolve 'paid' parameter value" },
      { outcome: "skipped" },
    ]);
  });
});

describe("samples", () => {
  it("decodes stored and pasted samples", () => {
    expect(sampleData(sampleFromStored(stored))).toEqual(webhookData);
    const pasted = sampleFromJson('{"body":{"a":1}}', { source: "s", subject: "e" });
    expect("error" in pasted ? pasted.error : sampleData(pasted)).toEqual({ body: { a: 1 } });
    const broken = sampleFromJson("{nope", { source: "s", subject: "e" });
    expect("error" in broken ? broken.error : "").toMatch(/^not JSON/);
  });
});
