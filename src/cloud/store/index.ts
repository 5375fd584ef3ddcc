import type { Database } from 'better-sqlite3';
import { ApiKeyStore } from './api-keys';
import { BlockStore } from './blocks';
import { openDatabase } from './database';
import { DnsRecordStore } from './dns-records';
import { DomainStore } from './domains';
import { EventStore } from './events';
import { FirewallStore } from './firewalls';
import { IdempotencyKeyStore } from './idempotency-keys';
import { InstanceStore } from './instances';
import { SnapshotStore } from './snapshots';
import { SshKeyStore } from './ssh-keys';
import { WebhookDeliveryStore } from './webhook-deliveries';
import { WebhookStore } from './webhooks';
import { WebhookSecretVault } from '../webhooks/secret-vault';

/** The cloud's state: one store per resource kind over one database. */
export class Store {
  readonly apiKeys: ApiKeyStore;
  readonly sshKeys: SshKeyStore;
  readonly events: EventStore;
  readonly idempotencyKeys: IdempotencyKeyStore;
  readonly firewalls: FirewallStore;
  readonly blocks: BlockStore;
  readonly instances: InstanceStore;
  readonly snapshots: SnapshotStore;
  readonly domains: DomainStore;
  readonly dnsRecords: DnsRecordStore;
  readonly webhooks: WebhookStore;
  readonly webhookDeliveries: WebhookDeliveryStore;

  private constructor(
    readonly db: Database,
    vault: WebhookSecretVault,
  ) {
    this.apiKeys = new ApiKeyStore(db);
    this.sshKeys = new SshKeyStore(db);
    this.events = new EventStore(db);
    this.idempotencyKeys = new IdempotencyKeyStore(db);
    this.firewalls = new FirewallStore(db);
    this.blocks = new BlockStore(db, this.events);
    this.instances = new InstanceStore(db, this.events, this.blocks);
    this.snapshots = new SnapshotStore(db, this.events);
    this.domains = new DomainStore(db);
    this.dnsRecords = new DnsRecordStore(db);
    this.webhooks = new WebhookStore(db, vault);
    this.webhookDeliveries = new WebhookDeliveryStore(db, this.events, vault);
    this.webhooks.sealLegacySecrets();
  }

  /**
   * Runs `work` in one write transaction (nested calls join the outer one): a change and the events it
   * emits commit together or not at all.
   */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** `<dataDir>/cloud.db`, or in memory when no directory is given. */
  static open(dataDir?: string): Store {
    const db = openDatabase(dataDir);
    try {
      return new Store(db, WebhookSecretVault.open(dataDir));
    } catch (error) {
      db.close();
      throw error;
    }
  }

  close(): void {
    this.db.close();
  }
}
