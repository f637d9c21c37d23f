import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import type { importMachine } from '../../../machines/import.machine.ts';

/** What every import screen receives: the import machine's snapshot, and a way to send it events. */
export type ImportRef = ActorRefFrom<typeof importMachine>;
export type ImportSnapshot = SnapshotFrom<typeof importMachine>;
export type ImportSend = ImportRef['send'];
export interface EcranImport {
  state: ImportSnapshot;
  send: ImportSend;
}
