/**
 * `signalbox serve`: API + engine in this process, with graceful shutdown. On SIGTERM/SIGINT webhooks answer
 * 503 + Retry-After, pending writes are flushed and the process exits 0 within 10 s.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { errorMessage } from "@signalbox/engine";
import { loadConfig, redactConfig, type Config } from "./config.ts";
import { demoManifests } from "./demo.ts";
import { createApp, type AppContext } from "./engine.ts";
import { buildHttpServer } from "./http.ts";
import { createLogger } from "./logger.ts";
import { applyManifests } from "./services/manifests.ts";

/** Flags of `serve`. */
export interface ServeFlags {
  port?: string;
  host?: string;
  dataDir?: string;
  demo?: boolean;
}

/** Start serving; resolves when listening. */
export async function serve(flags: ServeFlags): Promise<{ app: AppContext; url: string; stop: () => Promise<void> }> {
  const config: Config = loadConfig({ port: flags.port, host: flags.host, dataDir: flags.dataDir });
  const pino = createLogger({ level: config.logLevel, format: config.logFormat });
  pino.info({ config: redactConfig(config) }, "starting Signalbox");
  const firstStart = !existsSync(join(config.dataDir, "admin.token"));
  const app = await createApp(config, pino);
  const server = await buildHttpServer(app);
  await server.listen({ host: config.host, port: config.port });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  writeFileSync(join(config.dataDir, "api.url"), `${url}\n`);
  if (flags.demo && !existsSync(join(config.dataDir, ".demo-applied"))) {
    try {
      await applyManifests(app, demoManifests, "demo");
      writeFileSync(join(config.dataDir, ".demo-applied"), new Date().toISOString());
    } catch (error) {
      pino.warn({ error: errorMessage(error) }, "the demo flow could not be applied");
    }
  }
  pino.info({ url, auth: config.auth }, "Signalbox API listening");
  const webUrl = config.webUrl ?? `http://127.0.0.1:${config.webPort}`;
  if (config.auth === "on") {
    if (firstStart) process.stdout.write(`\nSign in to the console: ${webUrl}/signin#token=${app.adminToken}\n\n`);
    else process.stdout.write(`\nConsole: ${webUrl} (admin token in ${join(config.dataDir, "admin.token")}; \`signalbox signin-url\` prints the sign-in link)\n\n`);
  } else {
    process.stdout.write(`\nConsole: ${webUrl} (auth is off)\n\n`);
  }
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      app.engine.drain();
      app.ready = false;
      await server.close();
      await app.close();
    })();
    return stopping;
  };
  return { app, url, stop };
}

/** Wire SIGTERM/SIGINT to a graceful stop with a hard deadline. */
export function stopOnSignals(stop: () => Promise<void>, log: (message: string) => void): void {
  const onSignal = (signal: string) => {
    log(`${signal} received: draining`);
    const deadline = setTimeout(() => {
      log("shutdown took longer than 9 s: exiting");
      process.exit(1);
    }, 9_000);
    deadline.unref();
    stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        log(`shutdown failed: ${errorMessage(error)}`);
        process.exit(1);
      });
  };
  process.once("SIGTERM", () => onSignal("SIGTERM"));
  process.once("SIGINT", () => onSignal("SIGINT"));
}
