/** What the CLI's commands share: client options from global flags, `-o`, printing. */
import { Option, type Command } from "commander";
import { stringify as toYaml } from "yaml";
import type { ClientOptions } from "./client.ts";

/** `-o json|yaml|table` (default table). */
export function output(): Option {
  return new Option("-o, --output <format>", "output format").choices(["json", "yaml", "table"]).default("table");
}

/** `--server`, `--token`, `--data-dir` wherever they were given. */
export function clientOptions(command: Command): ClientOptions {
  const options = command.optsWithGlobals<{ server?: string; token?: string; dataDir?: string }>();
  return { server: options.server, token: options.token, dataDir: options.dataDir };
}

/** Print as JSON, YAML, or the command's table. */
export function print(value: unknown, format: string, table?: () => string): void {
  if (format === "json") process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  else if (format === "yaml") process.stdout.write(toYaml(value));
  else process.stdout.write(`${table ? table() : toYaml(value)}\n`);
}

/** Collect a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
