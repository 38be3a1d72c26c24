// Small real-protocol readiness probes over loopback (no client libraries needed).
import http from "node:http";
import net from "node:net";

/** GET http://127.0.0.1:<port><path>; resolves { status, body }. */
export function httpGet(port, pathname, timeoutMs = 2_000) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: "127.0.0.1", port, path: pathname, timeout: timeoutMs },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode, body }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
  });
}

/**
 * Connects to 127.0.0.1:<port>, writes `payload` (if any) and feeds what arrives to `accept(buffer)` until it
 * returns true (ready) or false (a wrong answer); rejects on a socket error, close or timeout.
 */
export function tcpExchange(port, payload, accept, timeoutMs = 2_000) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    let received = Buffer.alloc(0);
    const finish = (err, value) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(value);
    };
    const timer = setTimeout(() => finish(new Error("timeout")), timeoutMs);
    socket.on("connect", () => payload && socket.write(payload));
    socket.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      const verdict = accept(received);
      if (verdict === true) finish(null, true);
      else if (verdict === false)
        finish(
          new Error(
            `unexpected answer: ${JSON.stringify(received.toString("latin1").slice(0, 80))}`,
          ),
        );
    });
    socket.on("error", (err) => finish(err));
    socket.on("close", () => finish(new Error("connection closed")));
  });
}
