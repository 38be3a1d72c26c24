import { describe, expect, it } from "vitest";
import { ValidationError } from "../../errors.ts";
import { parseAccessSecret, parseStreamConfig, STREAM_DEFAULTS } from "./config.ts";

describe("parseStreamConfig", () => {
  it("returns Argo's controller defaults for no or empty YAML", () => {
    expect(parseStreamConfig(undefined)).toEqual(STREAM_DEFAULTS);
    expect(parseStreamConfig("  \n")).toEqual(STREAM_DEFAULTS);
    expect(STREAM_DEFAULTS).toMatchObject({
      maxMsgs: 50_000,
      maxAgeMs: 604_800_000,
      maxBytes: -1,
      replicas: 3,
      duplicatesMs: 300_000,
      retention: "limits",
      discard: "old",
    });
  });

  it("merges Argo's keys over the defaults, accepting numbers as strings and Go durations", () => {
    const settings = parseStreamConfig(
      "maxMsgs: '1000'\nmaxAge: 1h30m\nmaxBytes: 1048576\nreplicas: 1\nduplicates: 2m\nretention: 1\ndiscard: 1\n",
    );
    expect(settings).toEqual({
      maxMsgs: 1000,
      maxAgeMs: 5_400_000,
      maxBytes: 1_048_576,
      replicas: 1,
      duplicatesMs: 120_000,
      retention: "interest",
      discard: "new",
      ignoredKeys: [],
    });
  });

  it("reads a bare integer duration as nanoseconds, like Go's time.Duration", () => {
    expect(parseStreamConfig("duplicates: 5000000000").duplicatesMs).toBe(5_000);
    expect(parseStreamConfig("maxAge: 0").maxAgeMs).toBe(0);
  });

  it("accepts policy names as well as Argo's numbers, and lists keys it ignores", () => {
    const settings = parseStreamConfig("retention: Interest\ndiscard: new\nmaxMsgsPerSubject: 3\n");
    expect(settings).toMatchObject({ retention: "interest", discard: "new", ignoredKeys: ["maxMsgsPerSubject"] });
  });

  it("refuses WorkQueue retention, by number or by name (#3377)", () => {
    expect(() => parseStreamConfig("retention: 2")).toThrow(/#3377/);
    expect(() => parseStreamConfig("retention: workqueue")).toThrow(ValidationError);
  });

  it("reports every bad value with its path", () => {
    try {
      parseStreamConfig("maxMsgs: lots\nmaxAge: forever\nreplicas: 0\ndiscard: 7\n");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual([
        "streamConfig.discard",
        "streamConfig.maxMsgs",
        "streamConfig.maxAge",
        "streamConfig.replicas",
      ]);
    }
  });

  it("rejects YAML that is not a mapping", () => {
    expect(() => parseStreamConfig("- a\n- b\n")).toThrow(/mapping/);
    expect(() => parseStreamConfig("a: [")).toThrow(/YAML/);
  });
});

describe("parseAccessSecret", () => {
  it("reads Argo's client-auth YAML", () => {
    expect(parseAccessSecret("username: argo\npassword: s3cr3t\n")).toEqual({ user: "argo", pass: "s3cr3t" });
  });

  it("names what is missing", () => {
    expect(() => parseAccessSecret("username: argo\n")).toThrow(/accessSecret.password/);
    expect(() => parseAccessSecret("token: x")).toThrow(ValidationError);
  });
});
