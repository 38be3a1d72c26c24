/**
 * API tokens: random secrets of which only a SHA-256 is stored. The bootstrap admin token is written once to
 * `<data-dir>/admin.token` (mode 0600) and printed as a sign-in URL.
 */
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Db } from "./db/client.ts";

/** Roles, least to most powerful. */
export const roles = ["viewer", "editor", "admin"] as const;
export type Role = (typeof roles)[number];

/** Who is calling. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}

/** The principal used when auth is off (loopback only). */
export const anonymousAdmin: Principal = { tokenId: "auth-off", name: "auth-off", role: "admin" };

/** SHA-256 hex of a token. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new random token. */
export function newToken(): string {
  return `sbx_${randomBytes(32).toString("base64url")}`;
}

/** Whether `role` may do what `needed` allows. */
export function allows(role: Role, needed: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(needed);
}

/** Checks tokens against the database, with a short cache so each request does not hit it. */
export class TokenVerifier {
  private readonly cache = new Map<string, { principal: Principal | undefined; until: number }>();

  constructor(private readonly db: Db) {}

  /** Drop cached verdicts (after a revoke). */
  forget(): void {
    this.cache.clear();
  }

  async verify(token: string | undefined): Promise<Principal | undefined> {
    if (!token) return undefined;
    const hash = hashToken(token);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return cached.principal;
    const row = await this.db.apiToken.findUnique({ where: { hash } });
    const valid = row && !row.revokedAt && (!row.expiresAt || row.expiresAt.getTime() > now);
    const principal = valid ? { tokenId: row.id, name: row.name, role: row.role as Role } : undefined;
    this.cache.set(hash, { principal, until: now + 5_000 });
    if (valid) void this.db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
    return principal;
  }
}

/** Make sure the bootstrap admin token exists (file and database). Returns it. */
export async function ensureAdminToken(db: Db, file: string): Promise<{ token: string; created: boolean }> {
  let token: string;
  let created = false;
  if (existsSync(file)) token = readFileSync(file, "utf8").trim();
  else {
    token = newToken();
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    created = true;
  }
  const hash = hashToken(token);
  const existing = await db.apiToken.findUnique({ where: { hash } });
  if (!existing) {
    await db.apiToken.create({ data: { id: `tok_${randomBytes(6).toString("hex")}`, name: "bootstrap-admin", hash, role: "admin" } });
  }
  return { token, created };
}

/** Token from `Authorization: Bearer …` or the console's cookie. */
export function tokenFromRequest(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  const value = Array.isArray(auth) ? auth[0] : auth;
  if (value?.startsWith("Bearer ")) return value.slice(7).trim();
  const cookie = Array.isArray(headers.cookie) ? headers.cookie.join("; ") : headers.cookie;
  const match = cookie ? /(?:^|;\s*)signalbox_token=([^;]+)/.exec(cookie) : null;
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}
