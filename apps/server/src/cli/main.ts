/**
 * The `signalbox` command line: `serve` runs API + engine; the other commands call a running server's REST API.
 */
import { readFileSync } from "node:fs";
import { Command, Option } from "commander";
import { stringify as toYaml } from "yaml";
import { ConfigError, loadConfig, redactConfig } from "../config.ts";
import { serve, stopOnSignals } from "../serve.ts";
import { api, ApiError, resolveClient, type ClientOptions } from "./client.ts";

const program = new Command("signalbox").description("Argo Events manifests with an API and a console").showHelpAfterError();
const output = new Option("-o, --output <format>", "output format").choices(["json", "yaml", "table"]).default("table");

function clientOptions(command: Command): ClientOptions {
  const options = command.optsWithGlobals<{ server?: string; token?: string; dataDir?: string }>();
  return { server: options.server, token: options.token, dataDir: options.dataDir };
}

function print(value: unknown, format: string, table?: () => string): void {
  if (format === "json") process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  else if (format === "yaml") process.stdout.write(toYaml(value));
  else process.stdout.write(`${table ? table() : toYaml(value)}\n`);
}

program
  .option("--server <url>", "API URL (default: SIGNALBOX_SERVER, <data-dir>/api.url, http://127.0.0.1:4000)")
  .option("--token <token>", "API token (default: SIGNALBOX_TOKEN or <data-dir>/admin.token)")
  .option("--data-dir <dir>", "data directory (default: SIGNALBOX_DATA_DIR or ./.signalbox)");

program
  .command("serve")
  .description("run the API and the engine")
  .option("--port <port>", "API port (SIGNALBOX_PORT, default 4000)")
  .option("--host <host>", "interface to bind (SIGNALBOX_HOST, default 127.0.0.1)")
  .option("--demo", "apply the demo flow on a fresh data dir")
  .action(async (options: { port?: string; host?: string; demo?: boolean }, command: Command) => {
    const { dataDir } = command.optsWithGlobals<{ dataDir?: string }>();
    const running = await serve({ ...options, ...(dataDir ? { dataDir } : {}) });
    stopOnSignals(running.stop, (message) => process.stderr.write(`${message}\n`));
  });

program
  .command("apply")
  .description("apply manifests from a file (YAML or JSON; - for stdin)")
  .requiredOption("-f, --filename <file>", "manifest file")
  .addOption(output)
  .action(async (options: { filename: string; output: string }, command: Command) => {
    const text = readFileSync(options.filename === "-" ? 0 : options.filename, "utf8");
    const result = await api<{ applied: { kind: string; namespace: string; name: string; action: string }[]; warnings: { resource: string; path: string; message: string }[] }>(
      clientOptions(command), "POST", "/api/v1/manifests", { text },
    );
    print(result, options.output, () =>
      [
        ...result.applied.map((a) => `${a.kind.toLowerCase()}/${a.name} (${a.namespace}) ${a.action}`),
        ...result.warnings.map((w) => `warning: ${w.resource} ${w.path}: ${w.message}`),
      ].join("\n"),
    );
  });

program
  .command("get")
  .description("get resources: signalbox get <eventsources|sensors|eventbuses> [name]")
  .argument("<plural>")
  .argument("[name]")
  .option("-n, --namespace <ns>", "namespace", "default")
  .addOption(output)
  .action(async (plural: string, name: string | undefined, options: { namespace: string; output: string }, command: Command) => {
    const path = `/api/v1/namespaces/${options.namespace}/${plural}${name ? `/${name}` : ""}`;
    const result = await api<unknown>(clientOptions(command), "GET", path);
    const items = (Array.isArray(result) ? result : [result]) as { name: string; status: { summary: string } }[];
    print(result, options.output, () => items.map((item) => `${item.name}\t${item.status.summary}`).join("\n"));
  });

program
  .command("delete")
  .description("delete a resource: signalbox delete <plural> <name>")
  .argument("<plural>")
  .argument("<name>")
  .option("-n, --namespace <ns>", "namespace", "default")
  .action(async (plural: string, name: string, options: { namespace: string }, command: Command) => {
    await api(clientOptions(command), "DELETE", `/api/v1/namespaces/${options.namespace}/${plural}/${name}`);
    process.stdout.write(`${plural}/${name} deleted\n`);
  });

program
  .command("events")
  .description("list stored events, newest first")
  .option("-n, --namespace <ns>", "namespace")
  .option("--source <name>", "EventSource name")
  .option("--subject <name>", "event name")
  .option("--limit <n>", "how many", "20")
  .addOption(output)
  .action(async (options: { namespace?: string; source?: string; subject?: string; limit: string; output: string }, command: Command) => {
    const query = new URLSearchParams({ limit: options.limit });
    if (options.namespace) query.set("namespace", options.namespace);
    if (options.source) query.set("source", options.source);
    if (options.subject) query.set("subject", options.subject);
    const result = await api<{ items: { id: string; time: string; source: string; subject: string; data: unknown }[] }>(clientOptions(command), "GET", `/api/v1/events?${query}`);
    print(result, options.output, () => result.items.map((e) => `${e.time}  ${e.source}/${e.subject}  ${e.id}  ${JSON.stringify(e.data).slice(0, 120)}`).join("\n"));
  });

program
  .command("replay")
  .description("replay a stored event to the sensors it reached")
  .argument("<eventId>")
  .action(async (eventId: string, _options: unknown, command: Command) => {
    const result = await api<{ replayId: string }>(clientOptions(command), "POST", `/api/v1/events/${eventId}/replay`);
    process.stdout.write(`replayed as ${result.replayId}\n`);
  });

program
  .command("inject")
  .description("inject an event onto the bus")
  .requiredOption("--source <name>", "EventSource name")
  .requiredOption("--subject <name>", "event name")
  .option("-n, --namespace <ns>", "namespace", "default")
  .option("--type <type>", "CloudEvent type", "webhook")
  .requiredOption("--data <json>", "payload (JSON)")
  .action(async (options: { source: string; subject: string; namespace: string; type: string; data: string }, command: Command) => {
    const result = await api<{ id: string }>(clientOptions(command), "POST", "/api/v1/events", {
      json: { namespace: options.namespace, source: options.source, subject: options.subject, type: options.type, data: JSON.parse(options.data) as unknown },
    });
    process.stdout.write(`injected ${result.id}\n`);
  });

program
  .command("config")
  .description("print the effective configuration (secrets redacted)")
  .option("--port <port>")
  .option("--host <host>")
  .action((options: { port?: string; host?: string }, command: Command) => {
    const { dataDir } = command.optsWithGlobals<{ dataDir?: string }>();
    process.stdout.write(toYaml(redactConfig(loadConfig({ port: options.port, host: options.host, dataDir }))));
  });

program
  .command("signin-url")
  .description("print the console sign-in link for the admin token of the data dir")
  .action((_options: unknown, command: Command) => {
    const { token } = resolveClient(clientOptions(command));
    const config = loadConfig({ dataDir: command.optsWithGlobals<{ dataDir?: string }>().dataDir });
    process.stdout.write(`${config.webUrl ?? `http://127.0.0.1:${config.webPort}`}/signin#token=${token ?? ""}\n`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ApiError) {
    process.stderr.write(`error: ${error.message}${error.details.map((d) => `\n  ${d.path}: ${d.message}`).join("")}\n`);
  } else if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
