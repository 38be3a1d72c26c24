// Prisma CLI configuration. The schema engine binary cannot be downloaded here (no internet) and is not needed:
// `generate`/`validate`/`format` work without it, and migrations are SQL files the server applies itself.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";

export default {
  schema: process.env.SIGNALBOX_PRISMA_SCHEMA ?? "prisma/generated/sqlite/schema.prisma",
};
