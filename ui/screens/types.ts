import type { SnapshotFrom, ActorRefFrom } from 'xstate';
import type { portalMachine } from '../../machines/portal.machine.ts';
import type { declarationMachine } from '../../machines/declaration.machine.ts';

/** What every screen receives: the portal's snapshot, and a way to send it events. */
export type PortalSnapshot = SnapshotFrom<typeof portalMachine>;
export type PortalSend = ActorRefFrom<typeof portalMachine>['send'];
export type DeclarationRef = ActorRefFrom<typeof declarationMachine>;
export type DeclarationSnapshot = SnapshotFrom<typeof declarationMachine>;
