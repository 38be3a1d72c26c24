-- SQLite's INTEGER already holds 64 bits: nothing to change. The migration exists so both providers share one
-- history (the PostgreSQL one widens "Event"."busSeq" to BIGINT).
SELECT 1;
