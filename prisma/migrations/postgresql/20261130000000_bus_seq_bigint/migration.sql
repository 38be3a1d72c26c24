-- A bus sequence can exceed 32 bits: JetStream sequences are 64-bit, and a Kafka bus numbers offset × partitions +
-- partition. An INTEGER column made the history write fail (and retry forever) for such events.
ALTER TABLE "Event" ALTER COLUMN "busSeq" SET DATA TYPE BIGINT;
