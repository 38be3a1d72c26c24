/**
 * API token management: create (the secret is shown once; only its SHA-256 is stored), list, revoke. Expiry and
 * last use are kept on the row; the verifier's cache is cleared on revoke so a revoked token stops at once.
 */
import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { hashToken, newToken, type Role } from "../auth.ts";
import type { AppContext } from "../engine.ts";
import type { tokenCreateInput, tokenItem } from "../schemas.ts";

type TokenItem = z.infer<typeof tokenItem>;
type TokenRow = Awaited<ReturnType<AppContext["db"]["apiToken"]["findMany"]>>[number];

const units: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function toItem(row: TokenRow): TokenItem {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Every token (revoked ones too), newest first. */
export async function listTokens(app: AppContext): Promise<TokenItem[]> {
  const rows = await app.db.apiToken.findMany({ orderBy: { createdAt: "desc" } });
  return rows.map(toItem);
}

/** Create a token; the only time its secret is returned. */
export async function createToken(app: AppContext, input: z.infer<typeof tokenCreateInput>, actor: string): Promise<TokenItem & { token: string }> {
  const token = newToken();
  let expiresAt: Date | null = null;
  if (input.expiresIn) {
    const match = /^(\d+)(s|m|h|d)$/.exec(input.expiresIn);
    expiresAt = new Date(Date.now() + Number(match?.[1] ?? 0) * (units[match?.[2] ?? "s"] ?? 1000));
  }
  const row = await app.db.apiToken.create({
    data: { id: `tok_${randomBytes(6).toString("hex")}`, name: input.name, hash: hashToken(token), role: input.role, expiresAt },
  });
  await app.db.auditEntry.create({ data: { actor, action: "token.create", target: row.id, detail: `${input.name} (${input.role})` } });
  return { ...toItem(row), token };
}

/** Revoke a token (idempotent). */
export async function revokeToken(app: AppContext, id: string, actor: string): Promise<TokenItem> {
  const row = await app.db.apiToken.findUnique({ where: { id } });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `token ${id} not found` });
  if (!row.revokedAt && row.role === "admin") {
    // Never lock everyone out: some admin token must stay usable.
    const others = await app.db.apiToken.count({ where: { role: "admin", revokedAt: null, id: { not: id }, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } });
    if (others === 0) throw new TRPCError({ code: "CONFLICT", message: "this is the last usable admin token: create another admin token before revoking it" });
  }
  const revoked = row.revokedAt ? row : await app.db.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
  app.tokens.forget();
  if (!row.revokedAt) await app.db.auditEntry.create({ data: { actor, action: "token.revoke", target: id, detail: row.name } });
  return toItem(revoked);
}
