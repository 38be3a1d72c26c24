/**
 * CLI: `signalbox attach add|list|get|rm|events|inject|replay` — read-only attachments to existing Argo Events buses.
 * Publishing (`inject`, `replay`) needs `--yes`, or typing the attachment's name at the prompt of a terminal.
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { api, type ClientOptions } from "./client.ts";
import { clientOptions, output, print } from "./shared.ts";
import { subscribe } from "./sse.ts";

interface Attachment {
  name: string;
  kind: string;
  endpoint: string;
  target: string;
  auth: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
}

interface Message {
  position: string;
  subject?: string;
  key?: string | null;
  storedAt: string;
  headers: Record<string, string>;
  size: number;
  event: {
    id: string;
    source: string;
    subject: string;
    type: string;
    time: string;
    data: unknown;
    extensions: Record<string, string>;
  } | null;
}

interface Published {
  id: string;
  position: string;
  address: string;
  duplicate: boolean;
  replayOf?: string;
}

const path = (name: string, rest = "") => `/api/v1/attachments/${encodeURIComponent(name)}${rest}`;

function messageLine(m: Message): string {
  const where = m.subject ?? m.key ?? "";
  if (!m.event) return `${m.position}\t${m.storedAt}\t${where}\t(not a CloudEvent, ${m.size} bytes)`;
  const replay = m.event.extensions.replayof ? ` (replay of ${m.event.extensions.replayof})` : "";
  return `${m.position}\t${m.storedAt}\t${where}\t${m.event.id}${replay}\t${JSON.stringify(m.event.data).slice(0, 120)}`;
}

/** `ns/name#key` or `name#key` (namespace default) → a secret reference. */
function secretRef(value: string): { secretKeyRef: { namespace: string; name: string; key: string } } {
  const match = /^(?:([a-z0-9-]+)\/)?([^#/]+)#(.+)$/.exec(value);
  if (!match) throw new Error(`"${value}" is not a secret reference: use [namespace/]name#key`);
  return { secretKeyRef: { namespace: match[1] ?? "default", name: match[2] ?? "", key: match[3] ?? "" } };
}

/** Ask for the attachment's name on a terminal, unless `--yes`; resolves to the `confirm` value. */
async function confirmation(request: {
  client: ClientOptions;
  name: string;
  yes: boolean | undefined;
  what: string;
}): Promise<string> {
  const { client, name, yes, what } = request;
  if (yes) return name;
  if (!process.stdin.isTTY)
    throw new Error(`refusing to ${what} on the attached Argo bus "${name}" without confirmation: pass --yes`);
  const attachment = await api<Attachment>(client, "GET", path(name));
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    process.stderr.write(
      `This will ${what} on the Argo Events bus "${name}" (${attachment.kind} ${attachment.endpoint}, ${attachment.target}) — other people's sensors will see it.\n`,
    );
    const typed = (await prompt.question(`Type the attachment's name (${name}) to confirm: `)).trim();
    if (typed !== name) throw new Error("not confirmed: nothing was published");
    return typed;
  } finally {
    prompt.close();
  }
}

async function follow(client: ClientOptions, name: string, format: string): Promise<void> {
  const abort = new AbortController();
  process.once("SIGINT", () => abort.abort());
  process.once("SIGTERM", () => abort.abort());
  await subscribe(
    client,
    "attach.tail",
    { name },
    (raw) => {
      const item = raw as { type: string; item?: Message; count?: number; kind?: string; target?: string };
      if (item.type === "hello") {
        process.stderr.write(
          `following ${item.kind ?? ""} ${item.target ?? ""} of attachment ${name} (read-only; Ctrl-C to stop)\n`,
        );
        return;
      }
      if (format === "json") process.stdout.write(`${JSON.stringify(item)}\n`);
      else if (item.type === "event" && item.item) process.stdout.write(`${messageLine(item.item)}\n`);
      else if (item.type === "dropped")
        process.stdout.write(`dropped ${item.count ?? 0} messages (this client read too slowly)\n`);
    },
    abort.signal,
  ).catch((error: unknown) => {
    if (!abort.signal.aborted) throw error;
  });
}

/** Register `signalbox attach …`. */
export function registerAttachCommands(program: Command): void {
  const attach = program
    .command("attach")
    .description("read-only attachments to existing Argo Events buses (JetStream streams, Kafka topics)");

  attach
    .command("add")
    .description("attach to an existing Argo bus (checks the stream/topic exists; creates nothing on it)")
    .argument("<name>", "a name for the attachment (a DNS label)")
    .requiredOption("--kind <kind>", "jetstream or kafka")
    .option("--url <url>", "jetstream: NATS servers (nats://host:4222,…)")
    .option("--brokers <list>", "kafka: brokers (host:port,…)")
    .option("--stream <name>", "jetstream: the stream (default: default)")
    .option("--topic <name>", "kafka: the event topic (Argo's default: <namespace>-<eventbus name>)")
    .option("--partitioner <p>", "kafka: hash (sarama's, Argo's default) or murmur2")
    .option("--user <user>", "NATS user or Kafka SASL user (stored sealed)")
    .option("--password <password>", "its password (stored sealed); see --password-stdin")
    .option("--password-stdin", "read the password from stdin")
    .option("--user-secret <ref>", "the user from a stored Secret: [namespace/]name#key")
    .option("--password-secret <ref>", "the password from a stored Secret: [namespace/]name#key")
    .option("--sasl-mechanism <m>", "kafka: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512")
    .option("--tls", "use TLS with the system roots")
    .option("--tls-ca-file <file>", "CA certificate (PEM)")
    .option("--tls-cert-file <file>", "client certificate (PEM)")
    .option("--tls-key-file <file>", "client key (PEM)")
    .option("--tls-insecure", "accept any server certificate (test clusters only)")
    .option("--no-verify", "save without connecting first")
    .addOption(output())
    .action(
      async (
        name: string,
        options: {
          kind: string;
          url?: string;
          brokers?: string;
          stream?: string;
          topic?: string;
          partitioner?: string;
          user?: string;
          password?: string;
          passwordStdin?: boolean;
          userSecret?: string;
          passwordSecret?: string;
          saslMechanism?: string;
          tls?: boolean;
          tlsCaFile?: string;
          tlsCertFile?: string;
          tlsKeyFile?: string;
          tlsInsecure?: boolean;
          verify: boolean;
          output: string;
        },
        command: Command,
      ) => {
        const password = options.passwordStdin ? readFileSync(0, "utf8").replace(/\r?\n$/, "") : options.password;
        const username = options.userSecret ? secretRef(options.userSecret) : options.user;
        const secretPassword = options.passwordSecret ? secretRef(options.passwordSecret) : password;
        const tlsFiles = options.tlsCaFile || options.tlsCertFile || options.tlsKeyFile || options.tlsInsecure;
        const tls = tlsFiles
          ? {
              ...(options.tlsCaFile ? { caCert: readFileSync(options.tlsCaFile, "utf8") } : {}),
              ...(options.tlsCertFile ? { clientCert: readFileSync(options.tlsCertFile, "utf8") } : {}),
              ...(options.tlsKeyFile ? { clientKey: readFileSync(options.tlsKeyFile, "utf8") } : {}),
              ...(options.tlsInsecure ? { insecureSkipVerify: true } : {}),
            }
          : options.tls
            ? true
            : undefined;
        const auth = {
          ...(username !== undefined ? { username } : {}),
          ...(secretPassword !== undefined ? { password: secretPassword } : {}),
          ...(options.saslMechanism ? { mechanism: options.saslMechanism.toUpperCase() } : {}),
          ...(tls !== undefined ? { tls } : {}),
        };
        const body = {
          name,
          kind: options.kind,
          ...(options.url ? { url: options.url } : {}),
          ...(options.brokers ? { brokers: options.brokers } : {}),
          ...(options.stream ? { streamName: options.stream } : {}),
          ...(options.topic ? { topic: options.topic } : {}),
          ...(options.partitioner ? { partitioner: options.partitioner } : {}),
          ...(Object.keys(auth).length > 0 ? { auth } : {}),
          verify: options.verify,
        };
        const result = await api<Attachment>(clientOptions(command), "POST", "/api/v1/attachments", { json: body });
        print(
          result,
          options.output,
          () => `attached ${result.name}: ${result.kind} ${result.endpoint} ${result.target} (read-only)`,
        );
      },
    );

  attach
    .command("list")
    .description("list attachments")
    .addOption(output())
    .action(async (options: { output: string }, command: Command) => {
      const items = await api<Attachment[]>(clientOptions(command), "GET", "/api/v1/attachments");
      print(items, options.output, () =>
        items.map((a) => `${a.name}\t${a.kind}\t${a.endpoint}\t${a.target}\t${a.createdBy}\t${a.createdAt}`).join("\n"),
      );
    });

  attach
    .command("get")
    .description("one attachment and what its bus holds now")
    .argument("<name>")
    .addOption(output())
    .action(async (name: string, options: { output: string }, command: Command) => {
      const result = await api<
        Attachment & { reachable: boolean; error?: string; bus: Record<string, unknown> | null }
      >(clientOptions(command), "GET", path(name));
      print(result, options.output === "table" ? "yaml" : options.output);
    });

  attach
    .command("rm")
    .alias("delete")
    .description("detach (nothing on the bus is touched)")
    .argument("<name>")
    .action(async (name: string, _options: unknown, command: Command) => {
      await api(clientOptions(command), "DELETE", path(name));
      process.stdout.write(`detached ${name}\n`);
    });

  attach
    .command("events")
    .description("messages of the attached bus, newest first, decoded (--follow: new ones as they arrive)")
    .argument("<name>")
    .option("--limit <n>", "how many", "20")
    .option("--cursor <cursor>", "the nextCursor of a previous page")
    .option("-f, --follow", "stream new messages as they arrive")
    .addOption(output())
    .action(
      async (
        name: string,
        options: { limit: string; cursor?: string; follow?: boolean; output: string },
        command: Command,
      ) => {
        const client = clientOptions(command);
        if (options.follow) return follow(client, name, options.output);
        const query = new URLSearchParams({ limit: options.limit });
        if (options.cursor) query.set("cursor", options.cursor);
        const page = await api<{ items: Message[]; nextCursor: string | null }>(
          client,
          "GET",
          path(name, `/events?${query.toString()}`),
        );
        print(page, options.output, () =>
          [...page.items.map(messageLine), ...(page.nextCursor ? [`(more: --cursor ${page.nextCursor})`] : [])].join(
            "\n",
          ),
        );
      },
    );

  attach
    .command("inject")
    .description("publish a new CloudEvent onto the attached Argo bus in Argo's wire format (asks for confirmation)")
    .argument("<name>")
    .requiredOption("--source <name>", "EventSource name")
    .requiredOption("--subject <name>", "event name")
    .option("--type <type>", "CloudEvent type", "webhook")
    .requiredOption("--data <json>", "payload (JSON)")
    .option("-y, --yes", "confirm without asking")
    .addOption(output())
    .action(
      async (
        name: string,
        options: { source: string; subject: string; type: string; data: string; yes?: boolean; output: string },
        command: Command,
      ) => {
        const client = clientOptions(command);
        const data = JSON.parse(options.data) as unknown;
        const confirm = await confirmation({ client, name, yes: options.yes, what: "publish a new event" });
        const result = await api<Published>(client, "POST", path(name, "/inject"), {
          json: { confirm, source: options.source, subject: options.subject, type: options.type, data },
        });
        print(
          result,
          options.output,
          () =>
            `published ${result.id} to ${result.address} at ${result.position}${result.duplicate ? " (duplicate: the stream kept the first)" : ""}`,
        );
      },
    );

  attach
    .command("replay")
    .description("publish one message of the attached Argo bus again (new id, replayof=<id>; asks for confirmation)")
    .argument("<name>")
    .option("--position <p>", "its position (stream sequence, or partition:offset)")
    .option("--event-id <id>", "its CloudEvent id (searched among the newest 10,000 messages)")
    .option("-y, --yes", "confirm without asking")
    .addOption(output())
    .action(
      async (
        name: string,
        options: { position?: string; eventId?: string; yes?: boolean; output: string },
        command: Command,
      ) => {
        const client = clientOptions(command);
        if ((options.position === undefined) === (options.eventId === undefined))
          throw new Error("give --position or --event-id");
        const confirm = await confirmation({ client, name, yes: options.yes, what: "publish an event again" });
        const result = await api<Published>(client, "POST", path(name, "/replay"), {
          json: {
            confirm,
            ...(options.position ? { position: options.position } : {}),
            ...(options.eventId ? { eventId: options.eventId } : {}),
          },
        });
        print(
          result,
          options.output,
          () => `replayed ${result.replayOf ?? ""} as ${result.id} to ${result.address} at ${result.position}`,
        );
      },
    );
}
