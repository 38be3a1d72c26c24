/** The PostgreSQL client and adapter, imported only for a postgresql URL (see `loadDriver` in client.ts). */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/postgresql/client.ts";

/** A PostgreSQL client for `connectionString`. */
export function openPostgres(connectionString: string): InstanceType<typeof PrismaClient> {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}
