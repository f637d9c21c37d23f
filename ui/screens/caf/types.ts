import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import type { agentMachine } from '../../../machines/agent.machine.ts';

/** What every agent screen receives: the agent machine's snapshot, and a way to send it events. */
export type AgentRef = ActorRefFrom<typeof agentMachine>;
export type AgentSnapshot = SnapshotFrom<typeof agentMachine>;
export type AgentSend = AgentRef['send'];
export interface EcranAgent {
  state: AgentSnapshot;
  send: AgentSend;
}
