/** CLI: tokens, secrets (list, rotate-key), audit. */
import type { Command } from "commander";
import { api } from "./client.ts";
import { clientOptions, output, print } from "./shared.ts";

interface TokenLine {
  id: string;
  name: string;
  role: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Register the commands. */
export function registerAdminCommands(program: Command): void {
  const tokens = program.command("tokens").description("API tokens (admin): list, create, revoke");
  tokens
    .command("list")
    .addOption(output())
    .action(async (options: { output: string }, command: Command) => {
      const list = await api<TokenLine[]>(clientOptions(command), "GET", "/api/v1/tokens");
      print(list, options.output, () =>
        list.map((t) => `${t.id}\t${t.name}\t${t.role}\t${t.revokedAt ? "revoked" : t.expiresAt && Date.parse(t.expiresAt) < Date.now() ? "expired" : "active"}\tlast used ${t.lastUsedAt ?? "never"}`).join("\n"),
      );
    });
  tokens
    .command("create")
    .argument("<name>")
    .requiredOption("--role <role>", "viewer, editor or admin")
    .option("--expires-in <duration>", "lifetime: 12h, 30d…")
    .addOption(output())
    .action(async (name: string, options: { role: string; expiresIn?: string; output: string }, command: Command) => {
      const token = await api<TokenLine & { token: string }>(clientOptions(command), "POST", "/api/v1/tokens", {
        json: { name, role: options.role, ...(options.expiresIn ? { expiresIn: options.expiresIn } : {}) },
      });
      print(token, options.output, () => `${token.id} (${token.role}) created; its token, shown this once:\n${token.token}`);
    });
  tokens
    .command("revoke")
    .argument("<id>")
    .action(async (id: string, _options: unknown, command: Command) => {
      await api(clientOptions(command), "DELETE", `/api/v1/tokens/${encodeURIComponent(id)}`);
      process.stdout.write(`${id} revoked\n`);
    });

  const secrets = program.command("secrets").description("Secret values: list (never values), rotate-key");
  secrets
    .command("list")
    .option("-n, --namespace <ns>", "namespace")
    .addOption(output())
    .action(async (options: { namespace?: string; output: string }, command: Command) => {
      const list = await api<{ kind: string; namespace: string; name: string; keys: string[]; keyIds: string[] }[]>(
        clientOptions(command),
        "GET",
        `/api/v1/secrets${options.namespace ? `?namespace=${encodeURIComponent(options.namespace)}` : ""}`,
      );
      print(list, options.output, () => list.map((s) => `${s.kind}\t${s.namespace}/${s.name}\t${s.keys.join(",")}\tsealed by ${s.keyIds.join(",")}`).join("\n"));
    });
  secrets
    .command("rotate-key")
    .description("re-seal every stored Secret/ConfigMap value with a new key (admin)")
    .action(async (_options: unknown, command: Command) => {
      const result = await api<{ keyId: string; previousKeyId: string; values: number }>(clientOptions(command), "POST", "/api/v1/secrets/rotate-key");
      process.stdout.write(`sealing key rotated: ${result.previousKeyId} → ${result.keyId}; ${result.values} values re-sealed\n`);
    });

  program
    .command("audit")
    .description("the audit trail, newest first (admin)")
    .option("--actor <name>", "token name")
    .option("--action <action>", "apply, delete, replay, …")
    .option("--limit <n>", "how many", "50")
    .addOption(output())
    .action(async (options: { actor?: string; action?: string; limit: string; output: string }, command: Command) => {
      const query = new URLSearchParams({ limit: options.limit });
      if (options.actor) query.set("actor", options.actor);
      if (options.action) query.set("action", options.action);
      const result = await api<{ items: { at: string; actor: string; action: string; target: string; detail: string | null }[] }>(clientOptions(command), "GET", `/api/v1/audit?${query}`);
      print(result, options.output, () => result.items.map((e) => `${e.at}\t${e.actor}\t${e.action}\t${e.target}${e.detail ? `\t${e.detail}` : ""}`).join("\n"));
    });
}
