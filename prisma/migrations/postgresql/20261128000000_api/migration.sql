-- The API: per-event outcomes for search, bulk replay jobs, a jsonb copy of decoded payloads for search, and
-- indexes for search and audit (forward-only).

CREATE TABLE "EventOutcome" (
    "id" SERIAL NOT NULL,
    "namespace" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "sensor" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "runId" TEXT,
    "at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "EventOutcome_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "EventOutcome_namespace_eventId_sensor_trigger_key" ON "EventOutcome"("namespace", "eventId", "sensor", "trigger");

CREATE INDEX "EventOutcome_runId_idx" ON "EventOutcome"("runId");

CREATE INDEX "EventOutcome_namespace_sensor_trigger_outcome_idx" ON "EventOutcome"("namespace", "sensor", "trigger", "outcome");

CREATE TABLE "ReplayJob" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "ReplayJob_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ReplayJob_status_idx" ON "ReplayJob"("status");

CREATE INDEX "Event_namespace_replayOf_idx" ON "Event"("namespace", "replayOf");

CREATE INDEX "Event_namespace_type_idx" ON "Event"("namespace", "type");

CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- The decoded payload as jsonb when it is JSON (NULL otherwise), for `match` searches. Not in the Prisma schema:
-- the database computes it, the server only reads it in raw search queries.
CREATE FUNCTION "signalbox_try_jsonb"(input TEXT) RETURNS JSONB
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    RETURN input::jsonb;
EXCEPTION WHEN others THEN
    RETURN NULL;
END;
$$;

ALTER TABLE "Event" ADD COLUMN "dataJson" JSONB GENERATED ALWAYS AS ("signalbox_try_jsonb"("data")) STORED;
