import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, redactConfig } from "./config.ts";

function dataDirWith(yaml?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "sb-config-"));
  mkdirSync(dir, { recursive: true });
  if (yaml !== undefined) writeFileSync(join(dir, "signalbox.yaml"), yaml);
  return dir;
}

describe("configuration", () => {
  it("uses defaults bound to loopback with auth on", () => {
    const config = loadConfig({}, {}, dataDirWith());
    expect(config).toMatchObject({ host: "127.0.0.1", port: 4000, webPort: 3000, auth: "on", logLevel: "info" });
  });

  it("takes flags over environment over the data dir's file", () => {
    const dir = dataDirWith("port: 4100\nlogLevel: debug\nwebPort: 3100\n");
    const config = loadConfig({ port: "4300" }, { SIGNALBOX_DATA_DIR: dir, SIGNALBOX_PORT: "4200", SIGNALBOX_WEB_PORT: "3200" });
    expect(config.port).toBe(4300);
    expect(config.webPort).toBe(3200);
    expect(config.logLevel).toBe("debug");
  });

  it("names the bad setting", () => {
    expect(() => loadConfig({}, { SIGNALBOX_PORT: "eighty", SIGNALBOX_DATA_DIR: dataDirWith() })).toThrow(/SIGNALBOX_PORT/);
    expect(() => loadConfig({}, { SIGNALBOX_LOG_LEVEL: "loud", SIGNALBOX_DATA_DIR: dataDirWith() })).toThrow(/SIGNALBOX_LOG_LEVEL/);
    expect(() => loadConfig({}, { SIGNALBOX_DATA_DIR: dataDirWith("colour: blue\n") })).toThrow(/unknown settings colour/);
  });

  it("refuses auth off unless bound to loopback", () => {
    const dir = dataDirWith();
    expect(loadConfig({}, { SIGNALBOX_AUTH: "off", SIGNALBOX_DATA_DIR: dir }).auth).toBe("off");
    expect(() => loadConfig({ host: "0.0.0.0" }, { SIGNALBOX_AUTH: "off", SIGNALBOX_DATA_DIR: dir })).toThrow(ConfigError);
  });

  it("redacts secrets when printed", () => {
    const config = loadConfig({}, { SIGNALBOX_SECRET_KEY: "k".repeat(40), SIGNALBOX_DATABASE_URL: "postgresql://u:hunter2@db:5432/x", SIGNALBOX_DATA_DIR: dataDirWith() });
    const printed = JSON.stringify(redactConfig(config));
    expect(printed).not.toContain("hunter2");
    expect(printed).not.toContain("kkkk");
  });
});
