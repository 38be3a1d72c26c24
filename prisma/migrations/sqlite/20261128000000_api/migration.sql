-- The API: per-event outcomes for search, bulk replay jobs, and indexes for search and audit (forward-only).

CREATE TABLE "EventOutcome" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "namespace" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "sensor" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "runId" TEXT,
    "at" DATETIME NOT NULL
);

CREATE UNIQUE INDEX "EventOutcome_namespace_eventId_sensor_trigger_key" ON "EventOutcome"("namespace", "eventId", "sensor", "trigger");

CREATE INDEX "EventOutcome_runId_idx" ON "EventOutcome"("runId");

CREATE INDEX "EventOutcome_namespace_sensor_trigger_outcome_idx" ON "EventOutcome"("namespace", "sensor", "trigger", "outcome");

CREATE TABLE "ReplayJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "filter" TEXT NOT NULL,
    "target" TEXT,
    "ratePerSecond" INTEGER NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "replayed" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "maxSeq" INTEGER NOT NULL,
    "cursorSeq" INTEGER NOT NULL DEFAULT 0,
    "instanceId" TEXT,
    "error" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME
);

CREATE INDEX "ReplayJob_status_idx" ON "ReplayJob"("status");

CREATE INDEX "Event_namespace_replayOf_idx" ON "Event"("namespace", "replayOf");

CREATE INDEX "Event_namespace_type_idx" ON "Event"("namespace", "type");

CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");
