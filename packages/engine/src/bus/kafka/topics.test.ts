import { describe, expect, it } from "vitest";
import { ValidationError } from "../../errors.ts";
import {
  assertTopicName,
  kafkaActionTopic,
  kafkaEventTopic,
  kafkaKeyValueTopic,
  kafkaMessageKey,
  kafkaSensorConsumerGroup,
  kafkaTriggerTopic,
} from "./topics.ts";

describe("Kafka topic names (Argo §2.3)", () => {
  it("defaults the event topic to <namespace>-<bus> and prefers spec.kafka.topic", () => {
    expect(kafkaEventTopic({ namespace: "argo-events", name: "default" })).toBe("argo-events-default");
    expect(kafkaEventTopic({ namespace: "argo-events", name: "default", topic: "my-events" })).toBe("my-events");
  });

  it("names a sensor's trigger and action topics after the event topic", () => {
    expect(kafkaTriggerTopic("argo-events-default", "webhook")).toBe("argo-events-default-webhook-trigger");
    expect(kafkaActionTopic("argo-events-default", "webhook")).toBe("argo-events-default-webhook-action");
  });

  it("names the default sensor group, the record key and the key/value topic", () => {
    expect(kafkaSensorConsumerGroup("argo-events", "webhook")).toBe("argo-events-webhook");
    expect(kafkaMessageKey("webhook", "example")).toBe("webhook.example");
    expect(kafkaKeyValueTopic("argo-events-default", "webhook")).toBe("argo-events-default-webhook-kv");
  });

  it("rejects names Kafka would refuse", () => {
    expect(assertTopicName("ns-default.v1_x")).toBe("ns-default.v1_x");
    expect(() => assertTopicName("has space")).toThrow(ValidationError);
    expect(() => assertTopicName("x".repeat(250))).toThrow(ValidationError);
    expect(() => assertTopicName("..")).toThrow(ValidationError);
  });
});
