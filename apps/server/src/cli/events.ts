/** CLI: events (search, `--follow`), replay (one, to a sensor/trigger, or in bulk), replays, inject, test. */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { api, type ClientOptions } from "./client.ts";
import { clientOptions, collect, output, print } from "./shared.ts";
import { subscribe } from "./sse.ts";

interface FilterOptions {
  namespace?: string;
  source?: string;
  subject?: string;
  type?: string;
  sensor?: string;
  trigger?: string;
  outcome?: string;
  from?: string;
  to?: string;
  match?: string[];
}

function filterOptions(command: Command): Command {
  return command
    .option("-n, --namespace <ns>", "namespace")
    .option("--source <name>", "EventSource name")
    .option("--subject <name>", "event name")
    .option("--type <type>", "CloudEvent type")
    .option("--sensor <name>", "events that reached this sensor")
    .option("--trigger <name>", "…and this trigger of it")
    .option("--outcome <outcome>", "fired, filtered, failed, pending or interrupted")
    .option("--from <time>", "stored at or after (RFC 3339 UTC)")
    .option("--to <time>", "stored before (RFC 3339 UTC)")
    .option("--match <path=value>", "decoded payload field equals value (repeatable): body.customer=ann", collect);
}

function filterQuery(options: FilterOptions): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of ["namespace", "source", "subject", "type", "sensor", "trigger", "outcome", "from", "to"] as const) {
    const value = options[key];
    if (value) query.set(key, value);
  }
  for (const match of options.match ?? []) query.append("match", match);
  return query;
}

function filterObject(options: FilterOptions): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const key of ["namespace", "source", "subject", "type", "sensor", "trigger", "outcome", "from", "to"] as const) {
    if (options[key]) filter[key] = options[key];
  }
  if (options.match && options.match.length > 0) filter.match = options.match;
  return filter;
}

interface EventLine {
  id: string;
  time: string;
  source: string;
  subject: string;
  namespace: string;
  data: unknown;
  replayof?: string;
}

const eventLine = (e: EventLine) => `${e.time}  ${e.namespace}/${e.source}/${e.subject}  ${e.id}${e.replayof ? ` (replay of ${e.replayof})` : ""}  ${JSON.stringify(e.data).slice(0, 120)}`;

async function follow(client: ClientOptions, options: FilterOptions & { output: string }): Promise<void> {
  const input: Record<string, unknown> = {};
  for (const key of ["namespace", "source", "subject", "type", "sensor", "trigger"] as const) if (options[key]) input[key] = options[key];
  if (options.match && options.match.length > 0) input.match = options.match;
  const abort = new AbortController();
  process.once("SIGINT", () => abort.abort());
  process.once("SIGTERM", () => abort.abort());
  await subscribe(
    client,
    "events.live",
    input,
    (item) => {
      const value = item as { type: string; event?: EventLine; run?: { runId: string; namespace: string; sensor: string; trigger: string; status: string; finishedAt: string; events: Record<string, string> }; count?: number };
      if (value.type === "hello") {
        process.stderr.write("following live events and runs (Ctrl-C to stop)\n");
        return;
      }
      if (options.output === "json") process.stdout.write(`${JSON.stringify(value)}\n`);
      else if (value.type === "event" && value.event) process.stdout.write(`event  ${eventLine(value.event)}\n`);
      else if (value.type === "run" && value.run) {
        const r = value.run;
        process.stdout.write(`run    ${r.finishedAt}  ${r.namespace}/${r.sensor}/${r.trigger}  ${r.status}  ${r.runId}  events ${Object.values(r.events).join(",")}\n`);
      } else if (value.type === "dropped") process.stdout.write(`dropped ${value.count ?? 0} items (this client read too slowly)\n`);
    },
    abort.signal,
  ).catch((error: unknown) => {
    if (!abort.signal.aborted) throw error;
  });
}

/** Register the commands. */
export function registerEventCommands(program: Command): void {
  filterOptions(program.command("events").description("search stored events, newest first (--follow: stream new events and runs)"))
    .option("--limit <n>", "how many", "20")
    .option("--cursor <cursor>", "the nextCursor of a previous page")
    .option("-f, --follow", "stream new events and run outcomes as they happen")
    .addOption(output())
    .action(async (options: FilterOptions & { limit: string; cursor?: string; follow?: boolean; output: string }, command: Command) => {
      if (options.follow) return follow(clientOptions(command), options);
      const query = filterQuery(options);
      query.set("limit", options.limit);
      if (options.cursor) query.set("cursor", options.cursor);
      const result = await api<{ items: EventLine[]; nextCursor: string | null }>(clientOptions(command), "GET", `/api/v1/events?${query}`);
      print(result, options.output, () => [...result.items.map(eventLine), ...(result.nextCursor ? [`(more: --cursor ${result.nextCursor})`] : [])].join("\n"));
    });

  filterOptions(
    program
      .command("replay")
      .description("replay one event (to its sensors, or --sensor/--trigger), or with filters and no id: every matching stored event (bulk)")
      .argument("[eventId]"),
  )
    .option("--rate <n>", "bulk: replays per second at most", "50")
    .option("--estimate", "bulk: only count what would be replayed")
    .option("--wait", "bulk: wait until the job finished, printing progress")
    .addOption(output())
    .action(async (eventId: string | undefined, options: FilterOptions & { rate: string; estimate?: boolean; wait?: boolean; output: string }, command: Command) => {
      const client = clientOptions(command);
      if (eventId) {
        const query = options.namespace ? `?namespace=${encodeURIComponent(options.namespace)}` : "";
        const body = options.sensor ? { sensor: options.sensor, ...(options.trigger ? { trigger: options.trigger } : {}) } : {};
        const result = await api<{ replayId: string; targets?: { trigger: string; dependency: string }[] }>(client, "POST", `/api/v1/events/${encodeURIComponent(eventId)}/replay${query}`, { json: body });
        print(result, options.output, () => `replayed as ${result.replayId}${result.targets ? ` to ${result.targets.map((t) => `${options.sensor ?? ""}/${t.trigger} (${t.dependency})`).join(", ")}` : ""}`);
        return;
      }
      const { sensor, trigger, ...rest } = options;
      // In bulk, --sensor/--trigger choose the target; the filter is the rest.
      const filter = filterObject(rest);
      if (options.estimate) {
        const result = await api<{ count: number }>(client, "GET", `/api/v1/replays/estimate?${filterQuery(rest)}`);
        print(result, options.output, () => `${result.count} events would be replayed`);
        return;
      }
      let job = await api<{ id: string; status: string; total: number; processed: number; replayed: number; failed: number }>(client, "POST", "/api/v1/replays", {
        json: { filter, ratePerSecond: Number(options.rate), ...(sensor ? { target: { sensor, ...(trigger ? { trigger } : {}) } } : {}) },
      });
      if (options.output === "table") process.stdout.write(`bulk replay ${job.id}: ${job.total} events\n`);
      while (options.wait && (job.status === "pending" || job.status === "running")) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        job = await api(client, "GET", `/api/v1/replays/${job.id}`);
        if (options.output === "table") process.stdout.write(`${job.status} ${job.processed}/${job.total} replayed ${job.replayed} failed ${job.failed}\n`);
      }
      if (options.output !== "table") print(job, options.output);
    });

  const replays = program.command("replays").description("bulk replays: list, get, cancel");
  replays
    .command("list")
    .addOption(output())
    .action(async (options: { output: string }, command: Command) => {
      const jobs = await api<{ id: string; status: string; total: number; processed: number; createdBy: string; createdAt: string }[]>(clientOptions(command), "GET", "/api/v1/replays");
      print(jobs, options.output, () => jobs.map((j) => `${j.id}\t${j.status}\t${j.processed}/${j.total}\t${j.createdBy}\t${j.createdAt}`).join("\n"));
    });
  replays
    .command("get")
    .argument("<id>")
    .addOption(output())
    .action(async (id: string, options: { output: string }, command: Command) => {
      print(await api(clientOptions(command), "GET", `/api/v1/replays/${encodeURIComponent(id)}`), options.output);
    });
  replays
    .command("cancel")
    .argument("<id>")
    .action(async (id: string, _options: unknown, command: Command) => {
      const job = await api<{ status: string }>(clientOptions(command), "POST", `/api/v1/replays/${encodeURIComponent(id)}/cancel`);
      process.stdout.write(`${id} ${job.status}\n`);
    });

  program
    .command("inject")
    .description("inject an event onto the bus, or into one sensor (--sensor, --trigger)")
    .requiredOption("--source <name>", "EventSource name")
    .requiredOption("--subject <name>", "event name")
    .option("-n, --namespace <ns>", "namespace", "default")
    .option("--type <type>", "CloudEvent type", "webhook")
    .option("--sensor <name>", "deliver to this sensor only, bypassing the bus")
    .option("--trigger <name>", "…and only this trigger of it")
    .requiredOption("--data <json>", "payload (JSON)")
    .action(async (options: { source: string; subject: string; namespace: string; type: string; data: string; sensor?: string; trigger?: string }, command: Command) => {
      const result = await api<{ id: string }>(clientOptions(command), "POST", "/api/v1/events", {
        json: {
          namespace: options.namespace,
          source: options.source,
          subject: options.subject,
          type: options.type,
          data: JSON.parse(options.data) as unknown,
          ...(options.sensor ? { sensor: options.sensor } : {}),
          ...(options.trigger ? { trigger: options.trigger } : {}),
        },
      });
      process.stdout.write(`injected ${result.id}\n`);
    });

  filterOptions(
    program
      .command("test")
      .description("test a sensor without deploying it: -f draft.yaml or --name applied, on --event JSON and/or stored events matching the filters")
      .option("-f, --filename <file>", "a draft Sensor (YAML/JSON; - for stdin)")
      .option("--name <sensor>", "an applied Sensor")
      .option("--only-trigger <name>", "test this trigger only")
      .option("--event <json>", "a sample payload (with --event-source and --event-subject)")
      .option("--event-source <name>", "EventSource of the sample")
      .option("--event-subject <name>", "event name of the sample")
      .option("--stored", "run over stored events matching the filters (default when no --event)")
      .option("--limit <n>", "how many stored events (newest, replayed oldest first)", "100"),
  )
    .addOption(output())
    .action(
      async (
        options: FilterOptions & { filename?: string; name?: string; onlyTrigger?: string; event?: string; eventSource?: string; eventSubject?: string; stored?: boolean; limit: string; output: string },
        command: Command,
      ) => {
        const input: Record<string, unknown> = { namespace: options.namespace ?? "default" };
        if (options.filename) input.manifest = readFileSync(options.filename === "-" ? 0 : options.filename, "utf8");
        if (options.name) input.name = options.name;
        if (options.onlyTrigger) input.trigger = options.onlyTrigger;
        if (options.event) input.event = { source: options.eventSource, subject: options.eventSubject, data: JSON.parse(options.event) as unknown };
        if (options.stored || !options.event) input.events = { ...filterObject(options), limit: Number(options.limit) };
        const result = await api<{
          sensor: string;
          events: number;
          explains: { eventId: string; trigger: string; dependency: string; outcome: string }[];
          firings: { trigger: string; firedBy: string; events: Record<string, string>; request?: { kind: string; method?: string; url?: string; body?: string }; error?: string }[];
          triggerErrors: { trigger: string; error: string }[];
          unmatched: string[];
        }>(clientOptions(command), "POST", "/api/v1/sensors/test", { json: input });
        print(result, options.output, () =>
          [
            `sensor ${result.sensor}: ${result.events} events, ${result.firings.length} firings (nothing was sent)`,
            ...result.explains.map((e) => `explain  ${e.eventId}  ${e.trigger}/${e.dependency}  ${e.outcome}`),
            ...result.firings.map((f) =>
              f.request
                ? `fire     ${f.trigger}  by ${f.firedBy}  ${f.request.kind === "http" ? `${f.request.method ?? ""} ${f.request.url ?? ""} ${f.request.body ?? ""}` : f.request.kind}`
                : `fire     ${f.trigger}  by ${f.firedBy}  error: ${f.error ?? ""}`,
            ),
            ...result.triggerErrors.map((t) => `error    ${t.trigger}: ${t.error}`),
          ].join("\n"),
        );
      },
    );
}
