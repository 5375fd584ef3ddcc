import type { CommandTableEntry } from '../command';
import { localCommands } from './local';
import { providerCommands } from './provider';
import { quickstartCommand } from './quickstart';
import { sshKeyCommands } from './ssh-key';

/** Every lyctl command, in the order `lyctl --help` lists them. A new command file adds its entry here. */
export const COMMANDS: readonly CommandTableEntry[] = [
  quickstartCommand,
  localCommands,
  providerCommands,
  sshKeyCommands,
];
