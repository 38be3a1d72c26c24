/**
 * Partition assigners for Argo's `consumerGroup.rebalanceStrategy`. kafkajs ships round robin only; `range` (Kafka's
 * and sarama's default) is written here. `sticky` has no kafkajs counterpart and uses round robin.
 */
import { AssignerProtocol, PartitionAssigners, type PartitionAssigner } from "kafkajs";

/**
 * Kafka's range strategy: per topic, members sorted by id each take a contiguous run of partitions; the first
 * `partitions % members` members take one extra.
 */
export const rangeAssigner: PartitionAssigner = ({ cluster }) => ({
  name: "range",
  version: 0,
  assign({ members, topics }) {
    const memberIds = members.map((member) => member.memberId).sort();
    const assignment = new Map<string, Record<string, number[]>>(memberIds.map((id) => [id, {}]));
    for (const topic of topics) {
      const partitions = cluster
        .findTopicPartitionMetadata(topic)
        .map((metadata) => metadata.partitionId)
        .sort((a, b) => a - b);
      for (const [member, range] of rangeSplit(partitions, memberIds)) {
        const entry = assignment.get(member);
        if (entry && range.length > 0) entry[topic] = range;
      }
    }
    return Promise.resolve(
      [...assignment].map(([memberId, topicPartitions]) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 0,
          assignment: topicPartitions,
          userData: Buffer.alloc(0),
        }),
      })),
    );
  },
  protocol({ topics }) {
    return {
      name: "range",
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }),
    };
  },
});

/** Split sorted partitions into contiguous runs, one per sorted member. Pure; exported for tests. */
export function rangeSplit(partitions: readonly number[], members: readonly string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (members.length === 0) return out;
  const base = Math.floor(partitions.length / members.length);
  const extra = partitions.length % members.length;
  let start = 0;
  members.forEach((member, index) => {
    const count = base + (index < extra ? 1 : 0);
    out.set(member, partitions.slice(start, start + count));
    start += count;
  });
  return out;
}

/** The kafkajs assigners of a strategy. */
export function assignersFor(strategy: "range" | "roundrobin"): PartitionAssigner[] {
  return strategy === "range" ? [rangeAssigner] : [PartitionAssigners.roundRobin];
}
