/**
 * Seeding many events fast, through the server: POSTs to a webhook EventSource (the production ingest path, which
 * answers once the event is durably on the bus), many in flight at once. The API then stores them from the bus.
 */
import { request as httpRequest, Agent } from "node:http";

/** POST `count` JSON bodies to `url`, `concurrency` at a time; resolves with the achieved rate (events/s). */
export async function seedWebhook(
  url: string,
  count: number,
  body: (index: number) => unknown,
  concurrency = 48,
): Promise<{ seconds: number; perSecond: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const started = performance.now();
  let next = 0;
  const post = (index: number) =>
    new Promise<void>((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify(body(index)));
      const request = httpRequest(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          headers: { "content-type": "application/json", "content-length": payload.length },
        },
        (response) => {
          response.resume();
          response.on("end", () =>
            response.statusCode === 200 ? resolve() : reject(new Error(`webhook answered ${response.statusCode}`)),
          );
        },
      );
      request.on("error", reject);
      request.end(payload);
    });
  const worker = async () => {
    while (next < count) {
      const index = next++;
      for (let attempt = 0; ; attempt++) {
        try {
          await post(index);
          break;
        } catch (error) {
          // 429/503 under load: back off and send it again.
          if (attempt > 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
        }
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  return { seconds, perSecond: count / seconds };
}
