import { describe, expect, it } from "vitest";
import { hostAllowed, hostName, sameOriginAllowed } from "./browserSafety.ts";

const config = { host: "127.0.0.1", allowedHosts: undefined, webUrl: "http://127.0.0.1:3000" };

describe("Host allowlist", () => {
  it("answers loopback names, IP literals and the configured host, with or without a port", () => {
    for (const host of ["localhost", "localhost:4000", "127.0.0.1:4000", "[::1]:4000", "::1", "10.0.0.5", "app.localhost:80"]) {
      expect(hostAllowed(host, config), host).toBe(true);
    }
    expect(hostAllowed("signalbox.internal:4000", { ...config, host: "signalbox.internal" })).toBe(true);
  });

  it("refuses other names (DNS rebinding) unless SIGNALBOX_ALLOWED_HOSTS lists them or is *", () => {
    expect(hostAllowed("attacker.example", config)).toBe(false);
    expect(hostAllowed(undefined, config)).toBe(false);
    expect(hostAllowed("api.example.com:443", { ...config, allowedHosts: "api.example.com, other" })).toBe(true);
    expect(hostAllowed("anything", { ...config, allowedHosts: "*" })).toBe(true);
    expect(hostName("[2001:db8::1]:8080")).toBe("2001:db8::1");
  });
});

describe("same-origin check of state-changing requests", () => {
  const allowed = (headers: Record<string, string>) => sameOriginAllowed({ host: "127.0.0.1:4000", ...headers }, config);

  it("lets non-browsers, same-origin pages, the console and its proxy through", () => {
    expect(allowed({})).toBe(true);
    expect(allowed({ "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:3000" })).toBe(true);
    expect(allowed({ origin: "http://127.0.0.1:4000" })).toBe(true);
    expect(allowed({ origin: "http://127.0.0.1:3000" })).toBe(true);
    expect(allowed({ "x-signalbox-proxy": "1", origin: "http://elsewhere.example" })).toBe(true);
  });

  it("refuses cross-site browser requests", () => {
    expect(allowed({ origin: "http://attacker.example" })).toBe(false);
    expect(allowed({ origin: "null" })).toBe(false);
    expect(allowed({ "sec-fetch-site": "cross-site" })).toBe(false);
    expect(allowed({ "sec-fetch-site": "same-site", origin: "http://other.localhost:4000" })).toBe(false);
  });
});
