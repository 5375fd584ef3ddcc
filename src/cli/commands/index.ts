import type { CommandTableEntry } from '../command';
import { apiKeyCommands } from './api-key';
import { imageCommands, planCommands, regionCommands } from './catalog';
import { discoverCommand } from './discover';
import { domainCommands, recordCommands } from './domain';
import { firewallCommands } from './firewall';
import { importCommand } from './import';
import { localCommands } from './local';
import { profileCommands } from './profile';
import { providerCommands } from './provider';
import { quickstartCommand } from './quickstart';
import { serverCommands } from './server';
import { snapshotCommands } from './snapshot';
import { sshKeyCommands } from './ssh-key';
import { volumeCommands } from './volume';
import { webhookCommands } from './webhook';

/** Every lyctl command, in the order `lyctl --help` lists them. A new command file adds its entry here. */
export const COMMANDS: readonly CommandTableEntry[] = [
  quickstartCommand,
  localCommands,
  providerCommands,
  profileCommands,
  serverCommands,
  volumeCommands,
  firewallCommands,
  sshKeyCommands,
  snapshotCommands,
  domainCommands,
  recordCommands,
  apiKeyCommands,
  webhookCommands,
  discoverCommand,
  importCommand,
  regionCommands,
  planCommands,
  imageCommands,
];
