/**
 * The `signalbox` command line: `serve` runs API + engine; the other commands call a running server's REST API
 * (and, for `events --follow`, its live stream). Every command takes `--server`, `--token`, and most `-o json|yaml|table`.
 */
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { stringify as toYaml } from "yaml";
import { ConfigError, loadConfig, redactConfig } from "../config.ts";
import { api, ApiError, resolveClient, type ClientOptions } from "./client.ts";
import { registerEventCommands } from "./events.ts";
import { registerAdminCommands } from "./admin.ts";
import { clientOptions, output, print } from "./shared.ts";

const program = new Command("signalbox").description("Argo Events manifests with an API and a console").showHelpAfterError();

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
    // The server (engine, database, HTTP) is loaded only by `serve`: the client commands start without it.
    const { serve, stopOnSignals } = await import("../serve.ts");
    const running = await serve({ ...options, ...(dataDir ? { dataDir } : {}) });
    stopOnSignals(running.stop, (message) => process.stderr.write(`${message}\n`));
  });

interface ApplyAnswer {
  applied: { kind: string; namespace: string; name: string; action: string }[];
  warnings: { resource: string; path: string; message: string }[];
}

program
  .command("apply")
  .description("apply manifests from a file (YAML or JSON; - for stdin)")
  .requiredOption("-f, --filename <file>", "manifest file")
  .option("--dry-run", "validate and show what would change, applying nothing")
  .addOption(output())
  .action(async (options: { filename: string; output: string; dryRun?: boolean }, command: Command) => {
    const text = readFileSync(options.filename === "-" ? 0 : options.filename, "utf8");
    if (options.dryRun) {
      const result = await api<ApplyAnswer & { valid: boolean; errors: { code: string; path: string; message: string }[] }>(clientOptions(command), "POST", "/api/v1/manifests/validate", { text });
      print(result, options.output, () =>
        [
          ...result.applied.map((a) => `${a.kind.toLowerCase()}/${a.name} (${a.namespace}) ${a.action} (dry run)`),
          ...result.warnings.map((w) => `warning: ${w.resource} ${w.path}: ${w.message}`),
          ...result.errors.map((e) => `error: ${e.path}: ${e.message}`),
        ].join("\n"),
      );
      if (!result.valid) process.exitCode = 1;
      return;
    }
    const result = await api<ApplyAnswer>(clientOptions(command), "POST", "/api/v1/manifests", { text });
    print(result, options.output, () =>
      [
        ...result.applied.map((a) => `${a.kind.toLowerCase()}/${a.name} (${a.namespace}) ${a.action}`),
        ...result.warnings.map((w) => `warning: ${w.resource} ${w.path}: ${w.message}`),
      ].join("\n"),
    );
  });

program
  .command("get")
  .description("get resources: signalbox get <eventsources|sensors|eventbuses|secrets|configmaps> [name]")
  .argument("<plural>")
  .argument("[name]")
  .option("-n, --namespace <ns>", "namespace", "default")
  .addOption(output())
  .action(async (plural: string, name: string | undefined, options: { namespace: string; output: string }, command: Command) => {
    const path = `/api/v1/namespaces/${encodeURIComponent(options.namespace)}/${encodeURIComponent(plural)}${name ? `/${encodeURIComponent(name)}` : ""}`;
    const result = await api<unknown>(clientOptions(command), "GET", path);
    const items = (Array.isArray(result) ? result : [result]) as { name: string; paused: boolean; status: { summary: string } }[];
    print(result, options.output, () => items.map((item) => `${item.name}\t${item.status.summary}${item.paused ? "\tpaused" : ""}`).join("\n"));
  });

program
  .command("export")
  .description("export resources as YAML (Secret values redacted): signalbox export [plural] [name]")
  .argument("[plural]")
  .argument("[name]")
  .option("-n, --namespace <ns>", "namespace (all when omitted)")
  .action(async (plural: string | undefined, name: string | undefined, options: { namespace?: string }, command: Command) => {
    const kinds: Record<string, string> = { eventbuses: "EventBus", eventsources: "EventSource", sensors: "Sensor", secrets: "Secret", configmaps: "ConfigMap" };
    const query = new URLSearchParams({ format: "yaml" });
    if (options.namespace) query.set("namespace", options.namespace);
    if (plural) query.set("kind", kinds[plural] ?? plural);
    if (name) query.set("name", name);
    const yaml = await api<string>(clientOptions(command), "GET", `/api/v1/export?${query}`);
    process.stdout.write(String(yaml));
  });

program
  .command("delete")
  .description("delete a resource: signalbox delete <plural> <name>")
  .argument("<plural>")
  .argument("<name>")
  .option("-n, --namespace <ns>", "namespace", "default")
  .action(async (plural: string, name: string, options: { namespace: string }, command: Command) => {
    await api(clientOptions(command), "DELETE", `/api/v1/namespaces/${encodeURIComponent(options.namespace)}/${encodeURIComponent(plural)}/${encodeURIComponent(name)}`);
    process.stdout.write(`${plural}/${name} deleted\n`);
  });

for (const verb of ["pause", "resume"] as const) {
  program
    .command(verb)
    .description(`${verb} an EventSource or Sensor: signalbox ${verb} <eventsources|sensors> <name>`)
    .argument("<plural>")
    .argument("<name>")
    .option("-n, --namespace <ns>", "namespace", "default")
    .action(async (plural: string, name: string, options: { namespace: string }, command: Command) => {
      await api(clientOptions(command), "POST", `/api/v1/namespaces/${encodeURIComponent(options.namespace)}/${encodeURIComponent(plural)}/${encodeURIComponent(name)}/${verb}`);
      process.stdout.write(`${plural}/${name} ${verb === "pause" ? "paused" : "resumed"}\n`);
    });
}

program
  .command("history")
  .description("revisions of a resource: signalbox history <plural> <name>")
  .argument("<plural>")
  .argument("<name>")
  .option("-n, --namespace <ns>", "namespace", "default")
  .addOption(output())
  .action(async (plural: string, name: string, options: { namespace: string; output: string }, command: Command) => {
    const result = await api<{ resourceVersion: number; action: string; actor: string; createdAt: string }[]>(
      clientOptions(command),
      "GET",
      `/api/v1/namespaces/${encodeURIComponent(options.namespace)}/${encodeURIComponent(plural)}/${encodeURIComponent(name)}/revisions`,
    );
    print(result, options.output, () => result.map((r) => `${r.resourceVersion}\t${r.action}\t${r.actor}\t${r.createdAt}`).join("\n"));
  });

program
  .command("diff")
  .description("diff two revisions: signalbox diff <plural> <name> --from N [--to M]")
  .argument("<plural>")
  .argument("<name>")
  .requiredOption("--from <version>", "older resourceVersion")
  .option("--to <version>", "newer resourceVersion (default: the newest)")
  .option("-n, --namespace <ns>", "namespace", "default")
  .action(async (plural: string, name: string, options: { namespace: string; from: string; to?: string }, command: Command) => {
    const query = new URLSearchParams({ from: options.from, ...(options.to ? { to: options.to } : {}) });
    const result = await api<{ diff: string }>(clientOptions(command), "GET", `/api/v1/namespaces/${encodeURIComponent(options.namespace)}/${encodeURIComponent(plural)}/${encodeURIComponent(name)}/diff?${query}`);
    process.stdout.write(result.diff === "" ? "no difference\n" : result.diff);
  });

program
  .command("rollback")
  .description("apply an earlier revision again: signalbox rollback <plural> <name> <resourceVersion>")
  .argument("<plural>")
  .argument("<name>")
  .argument("<resourceVersion>")
  .option("-n, --namespace <ns>", "namespace", "default")
  .action(async (plural: string, name: string, version: string, options: { namespace: string }, command: Command) => {
    const result = await api<ApplyAnswer>(clientOptions(command), "POST", `/api/v1/namespaces/${encodeURIComponent(options.namespace)}/${encodeURIComponent(plural)}/${encodeURIComponent(name)}/rollback`, {
      json: { resourceVersion: Number(version) },
    });
    for (const a of result.applied) process.stdout.write(`${a.kind.toLowerCase()}/${a.name} (${a.namespace}) ${a.action}\n`);
  });

registerEventCommands(program);
registerAdminCommands(program);
(await import("./attach.ts")).registerAttachCommands(program);

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
    const { token } = resolveClient(clientOptions(command) satisfies ClientOptions);
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
