/**
 * The partition assignor of the kafka source's partition mode: kafkajs consumes only through a consumer group, so
 * Argo's single-partition consumer becomes a throwaway group whose (only) member is assigned just that partition.
 */
import { AssignerProtocol, type PartitionAssigner } from "kafkajs";

/** Assigns the one partition of partition mode to the first member of the throwaway group. */
export function singlePartitionAssigner(topic: string, partition: number): PartitionAssigner {
  const name = "signalbox-single-partition";
  return () => ({
    name,
    version: 0,
    assign({ members }) {
      const ids = members.map((member) => member.memberId).sort();
      return Promise.resolve(
        ids.map((memberId, index) => ({
          memberId,
          memberAssignment: AssignerProtocol.MemberAssignment.encode({
            version: 0,
            assignment: index === 0 ? { [topic]: [partition] } : {},
            userData: Buffer.alloc(0),
          }),
        })),
      );
    },
    protocol({ topics }) {
      return {
        name,
        metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }),
      };
    },
  });
}
