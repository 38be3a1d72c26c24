import { describe, expect, it } from "vitest";
import { ValidationError } from "../../errors.ts";
import { rangeSplit } from "./assigners.ts";
import { kafkaClientConfig, parseBrokers, resolveSettings } from "./options.ts";

describe("Kafka bus options", () => {
  it("reads Argo's comma-separated url", () => {
    expect(parseBrokers(" k1:9092, k2:9092 ,,")).toEqual(["k1:9092", "k2:9092"]);
  });

  it("defaults the topic to <namespace>-<bus>, groups to <topic>-<durable> and the partitioner to Argo's random", () => {
    const settings = resolveSettings({ brokers: "k:9092", namespace: "argo", busName: "default" });
    expect(settings.topic).toBe("argo-default");
    expect(settings.groupPrefix).toBe("argo-default-");
    expect(settings.partitions).toBe(3);
    expect(settings.partitioner).toBe("random");
    expect(settings.consumer.sessionTimeout).toBe(10_000);
    expect(settings.rebalanceStrategy).toBe("range");
    expect(resolveSettings({ brokers: "k:9092", topic: "t", consumerGroup: { groupName: "g" } }).groupPrefix).toBe(
      "g-",
    );
  });

  it("takes Argo's partitioner names, falling back to hash for manual and unknown ones", () => {
    const partitioner = (value: string) =>
      resolveSettings({ brokers: "k:9092", topic: "t", partitioner: value }).partitioner;
    expect(["hash", "murmur2", "roundrobin", "random"].map(partitioner)).toEqual([
      "hash",
      "murmur2",
      "roundrobin",
      "random",
    ]);
    expect(partitioner("manual")).toBe("hash");
    expect(partitioner("sticky")).toBe("hash");
  });

  it("lists every problem at once", () => {
    try {
      resolveSettings({ brokers: "", partitions: 0 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(["brokers", "topic", "partitions"]);
    }
  });

  it("maps SASL mechanisms as Argo does (unknown → PLAIN) and refuses the ones kafkajs lacks", () => {
    const config = (mechanism: string) => {
      const options = { brokers: "k:9092", topic: "t", sasl: { mechanism, user: "u", password: "p" } };
      return kafkaClientConfig(options, resolveSettings(options)).sasl;
    };
    expect(config("SCRAM-SHA-512")).toEqual({ mechanism: "scram-sha-512", username: "u", password: "p" });
    expect(config("SCRAM-SHA-256")).toMatchObject({ mechanism: "scram-sha-256" });
    expect(config("PLAIN")).toMatchObject({ mechanism: "plain" });
    expect(config("whatever")).toMatchObject({ mechanism: "plain" });
    expect(() => config("GSSAPI")).toThrow(ValidationError);
  });

  it("turns TLS contents into node TLS options", () => {
    const options = {
      brokers: "k:9092",
      topic: "t",
      tls: { caCert: "CA", clientCert: "C", clientKey: "K", insecureSkipVerify: true },
    };
    expect(kafkaClientConfig(options, resolveSettings(options)).ssl).toEqual({
      ca: ["CA"],
      cert: "C",
      key: "K",
      rejectUnauthorized: false,
    });
  });

  it("splits partitions into contiguous ranges like Kafka's range assignor", () => {
    expect([...rangeSplit([0, 1, 2, 3, 4], ["m1", "m2"])]).toEqual([
      ["m1", [0, 1, 2]],
      ["m2", [3, 4]],
    ]);
    expect(rangeSplit([0], ["m1", "m2"]).get("m2")).toEqual([]);
  });
});
