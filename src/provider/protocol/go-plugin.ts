/**
 * The go-plugin services Terraform talks to besides the provider itself (package `plugin` in
 * hashicorp/go-plugin's `internal/plugin/*.proto`). Field numbers are wire facts.
 */
import type { MessageDescriptor } from './codec';
import { defineMessage } from './codec';

/** `plugin.Empty` of GRPCController, and `google.protobuf.Empty` of GRPCStdio: both have no fields. */
export type Empty = Record<string, never>;
export const Empty: MessageDescriptor<Empty> = defineMessage('plugin.Empty', []);

export const StdioChannel = { INVALID: 0, STDOUT: 1, STDERR: 2 } as const;
export type StdioChannel = (typeof StdioChannel)[keyof typeof StdioChannel];

export interface StdioData {
  channel: StdioChannel;
  data?: Uint8Array;
}

export const StdioData: MessageDescriptor<StdioData> = defineMessage('plugin.StdioData', [
  { no: 1, name: 'channel', kind: 'enum' },
  { no: 2, name: 'data', kind: 'bytes' },
]);

export interface ConnInfoKnock {
  knock: boolean;
  ack: boolean;
  error: string;
}

export interface ConnInfo {
  serviceId: number;
  network: string;
  address: string;
  knock?: ConnInfoKnock;
}

const ConnInfoKnock: MessageDescriptor<ConnInfoKnock> = defineMessage('plugin.ConnInfo.Knock', [
  { no: 1, name: 'knock', kind: 'bool' },
  { no: 2, name: 'ack', kind: 'bool' },
  { no: 3, name: 'error', kind: 'string' },
]);

export const ConnInfo: MessageDescriptor<ConnInfo> = defineMessage('plugin.ConnInfo', [
  { no: 1, name: 'serviceId', kind: 'uint32' },
  { no: 2, name: 'network', kind: 'string' },
  { no: 3, name: 'address', kind: 'string' },
  { no: 4, name: 'knock', kind: 'message', type: () => ConnInfoKnock },
]);
