-- Durable state of sources (calendar catch-up).
CREATE TABLE "SourceState" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
