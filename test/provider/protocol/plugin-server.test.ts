import type { Client } from '@grpc/grpc-js';
import { credentials, makeGenericClientConstructor, Metadata, status } from '@grpc/grpc-js';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { generateServerCertificate } from '../../../src/provider/protocol/certificate';
import {
  brokerDefinition,
  controllerDefinition,
  providerClientDefinition,
  stdioDefinition,
} from '../../helpers/grpc-client-definitions';
import type { LogLevel } from '../../../src/provider/protocol/logger';
import { createLogger } from '../../../src/provider/protocol/logger';
import type { PluginServer } from '../../../src/provider/protocol/plugin-server';
import { startPluginServer } from '../../../src/provider/protocol/plugin-server';
import type { ProviderHandlers } from '../../../src/provider/protocol/tfplugin6';
import { DiagnosticSeverity } from '../../../src/provider/protocol/tfplugin6';

type ServiceClient = InstanceType<ReturnType<typeof makeGenericClientConstructor>>;

interface Harness {
  server: PluginServer;
  provider: ServiceClient;
  controller: ServiceClient;
  stdio: ServiceClient;
  broker: ServiceClient;
  logs: { level: LogLevel; message: string; line: string }[];
  shutdownRequests: number;
  close(): Promise<void>;
}

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

async function start(
  handlers: ProviderHandlers,
  options: { tls: boolean } = { tls: true },
): Promise<Harness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'plugin-server-test-'));
  const clientCertificate = generateServerCertificate();
  const logs: Harness['logs'] = [];
  const harness = { shutdownRequests: 0 } as Harness;
  const server = await startPluginServer({
    handlers,
    logger: createLogger({
      level: 'trace',
      write: (line) => {
        const record = JSON.parse(line) as { '@level': LogLevel; '@message': string };
        logs.push({ level: record['@level'], message: record['@message'], line });
      },
    }),
    listen: { socketPath: path.join(dir, 'plugin.sock') },
    clientCertificatePem: options.tls ? clientCertificate.certificatePem : undefined,
    onShutdownRequested: () => harness.shutdownRequests++,
  });

  const channelCredentials = options.tls
    ? credentials.createSsl(
        Buffer.from(new X509Certificate(Buffer.from(server.certificateDer ?? new Uint8Array())).toString()),
        Buffer.from(clientCertificate.privateKeyPem),
        Buffer.from(clientCertificate.certificatePem),
      )
    : credentials.createInsecure();
  const channelOptions = {
    'grpc.ssl_target_name_override': 'localhost',
    'grpc.default_authority': 'localhost',
  };
  const target = `unix:${server.address}`;
  const client = (
    definition: Parameters<typeof makeGenericClientConstructor>[0],
    name: string,
  ): ServiceClient => {
    const Constructor = makeGenericClientConstructor(definition, name);
    return new Constructor(target, channelCredentials, channelOptions);
  };
  const clients = [
    client(providerClientDefinition(), 'tfplugin6.Provider'),
    client(controllerDefinition, 'plugin.GRPCController'),
    client(stdioDefinition, 'plugin.GRPCStdio'),
    client(brokerDefinition, 'plugin.GRPCBroker'),
  ] as const;
  Object.assign(harness, {
    server,
    provider: clients[0],
    controller: clients[1],
    stdio: clients[2],
    broker: clients[3],
    logs,
    close: async () => {
      for (const c of clients) (c as Client).close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
  return harness;
}

function unary<Res>(client: ServiceClient, method: string, request: unknown): Promise<Res> {
  return new Promise((resolve, reject) => {
    const fn = client[method] as (
      req: unknown,
      callback: (error: (Error & { code?: number }) | null, response: Res) => void,
    ) => unknown;
    fn.call(client, request, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

describe('plugin server', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('serves a handler over mutual TLS, with every field decoded and encoded', async () => {
    harness = await start({
      getProviderSchema: async () => ({
        provider: { block: {} },
        resourceSchemas: {
          thing: {
            version: 2,
            block: { attributes: [{ name: 'id', type: utf8('"string"'), computed: true }] },
          },
        },
        serverCapabilities: { getProviderSchemaOptional: true, planDestroy: true },
      }),
    });
    const response = await unary<Record<string, unknown>>(harness.provider, 'GetProviderSchema', {});
    expect(response).toMatchObject({
      provider: { block: { attributes: [] } },
      serverCapabilities: { getProviderSchemaOptional: true, planDestroy: true, moveResourceState: false },
    });
    const schemas = response['resourceSchemas'] as Record<
      string,
      { version: number; block: { attributes: unknown[] } }
    >;
    expect(schemas['thing']?.version).toBe(2);
    expect(schemas['thing']?.block.attributes).toEqual([
      expect.objectContaining({ name: 'id', type: utf8('"string"'), computed: true }),
    ]);
  });

  it('refuses a client without a certificate', async () => {
    harness = await start({ getProviderSchema: async () => ({}) });
    const Constructor = makeGenericClientConstructor(providerClientDefinition(), 'tfplugin6.Provider');
    const serverPem = new X509Certificate(
      Buffer.from(harness.server.certificateDer ?? new Uint8Array()),
    ).toString();
    const anonymous = new Constructor(
      `unix:${harness.server.address}`,
      credentials.createSsl(Buffer.from(serverPem)),
      {
        'grpc.ssl_target_name_override': 'localhost',
        'grpc.default_authority': 'localhost',
      },
    );
    try {
      await expect(unary(anonymous, 'GetProviderSchema', {})).rejects.toMatchObject({
        code: status.UNAVAILABLE,
      });
    } finally {
      anonymous.close();
    }
  });

  it('serves plaintext when no client certificate is given', async () => {
    harness = await start({ validateProviderConfig: async () => ({}) }, { tls: false });
    expect(harness.server.certificateDer).toBeUndefined();
    await expect(unary(harness.provider, 'ValidateProviderConfig', { config: {} })).resolves.toEqual({
      diagnostics: [],
    });
  });

  it('answers UNIMPLEMENTED for a method the handlers lack', async () => {
    harness = await start({});
    await expect(unary(harness.provider, 'ReadResource', { typeName: 'x' })).rejects.toMatchObject({
      code: status.UNIMPLEMENTED,
    });
  });

  it('turns a throwing handler into an ERROR diagnostic, stack only in the log', async () => {
    harness = await start({
      validateResourceConfig: async () => {
        throw new Error('the API refused: quota exceeded');
      },
    });
    const response = await unary<{ diagnostics: { severity: number; summary: string; detail: string }[] }>(
      harness.provider,
      'ValidateResourceConfig',
      { typeName: 'thing', config: { msgpack: new Uint8Array([0x80]) } },
    );
    expect(response.diagnostics).toHaveLength(1);
    const [diagnostic] = response.diagnostics;
    expect(diagnostic?.severity).toBe(DiagnosticSeverity.ERROR);
    expect(diagnostic?.summary).toBe('Provider error in ValidateResourceConfig');
    expect(diagnostic?.detail).toBe(
      'The provider failed while handling the request: the API refused: quota exceeded',
    );
    expect(diagnostic?.detail).not.toContain('    at ');
    const logged = harness.logs.find((log) => log.level === 'error');
    expect(logged?.message).toBe('ValidateResourceConfig failed while handling the request');
    expect(logged?.line).toContain('    at ');
  });

  it('reports an answer that cannot be encoded as a diagnostic, not a gRPC error', async () => {
    harness = await start({
      planResourceChange: async () => ({ plannedPrivate: 'not bytes' as unknown as Uint8Array }),
    });
    const response = await unary<{ diagnostics: { summary: string; detail: string }[] }>(
      harness.provider,
      'PlanResourceChange',
      { typeName: 'thing' },
    );
    expect(response.diagnostics[0]?.detail).toMatch(/^The provider failed while encoding the response: /);
  });

  it('reports a malformed request as a diagnostic', async () => {
    const received: unknown[] = [];
    harness = await start({
      configureProvider: async (request) => {
        received.push(request);
        return {};
      },
    });
    const raw = await new Promise<Buffer>((resolve, reject) => {
      (harness!.provider as Client).makeUnaryRequest(
        '/tfplugin6.Provider/ConfigureProvider',
        (bytes: Buffer) => bytes,
        (bytes: Buffer) => bytes,
        Buffer.from([0x12, 0x05, 0x0a]), // config claims 5 bytes, has 1
        new Metadata(),
        (error, value) => (error || value === undefined ? reject(error) : resolve(value)),
      );
    });
    expect(received).toEqual([]);
    expect(raw.toString('latin1')).toContain('The provider failed while decoding the request');
  });

  it('answers a throwing CallFunction with a FunctionError', async () => {
    harness = await start({
      callFunction: async () => {
        throw new Error('division by zero');
      },
    });
    const response = await unary<{ error: { text: string } }>(harness.provider, 'CallFunction', {
      name: 'div',
      arguments: [],
    });
    expect(response.error.text).toBe(
      'Provider error in CallFunction: The provider failed while handling the request: division by zero',
    );
  });

  it('aborts in-flight calls on StopProvider, and answers success without a stop handler', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    harness = await start({
      applyResourceChange: async (_request, { signal }) => {
        started();
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        return {
          diagnostics: [{ severity: DiagnosticSeverity.ERROR, summary: `stopped: ${String(signal.reason)}` }],
        };
      },
    });
    const apply = unary<{ diagnostics: { summary: string }[] }>(harness.provider, 'ApplyResourceChange', {
      typeName: 'thing',
    });
    await running;
    await expect(unary(harness.provider, 'StopProvider', {})).resolves.toEqual({ error: '' });
    await expect(apply).resolves.toMatchObject({
      diagnostics: [{ summary: 'stopped: Error: Terraform asked the provider to stop' }],
    });
  });

  it('passes the stop handler error text through', async () => {
    harness = await start({ stop: async () => 'could not cancel the import' });
    await expect(unary(harness.provider, 'StopProvider', {})).resolves.toEqual({
      error: 'could not cancel the import',
    });
  });

  it('aborts the signal of a call Terraform cancels', async () => {
    let aborted!: () => void;
    const wasAborted = new Promise<void>((resolve) => (aborted = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    harness = await start({
      readResource: async (_request, { signal }) => {
        signal.addEventListener('abort', () => aborted(), { once: true });
        started();
        await wasAborted;
        return {};
      },
    });
    const fn = harness.provider['ReadResource'] as (req: unknown, cb: () => void) => { cancel(): void };
    const call = fn.call(harness.provider, { typeName: 'thing' }, () => undefined);
    await running;
    call.cancel();
    await expect(wasAborted).resolves.toBeUndefined();
  });

  it('answers Shutdown, then asks its owner to exit; held go-plugin streams end cleanly on close', async () => {
    harness = await start({});
    const stdio = (harness.stdio['StreamStdio'] as (req: unknown) => NodeJS.EventEmitter).call(
      harness.stdio,
      {},
    );
    const broker = (harness.broker['StartStream'] as () => NodeJS.EventEmitter & { end(): void }).call(
      harness.broker,
    );
    const stdioStatus = new Promise((resolve) => stdio.on('status', resolve));
    const brokerStatus = new Promise((resolve) => broker.on('status', resolve));
    stdio.on('data', () => undefined);
    broker.on('data', () => undefined);
    broker.on('error', () => undefined);
    stdio.on('error', () => undefined);

    await expect(unary(harness.controller, 'Shutdown', {})).resolves.toEqual({});
    await new Promise((resolve) => setImmediate(resolve));
    expect(harness.shutdownRequests).toBe(1);

    const started = Date.now();
    await harness.server.close();
    expect(Date.now() - started).toBeLessThan(400);
    await expect(stdioStatus).resolves.toMatchObject({ code: status.OK });
    await expect(brokerStatus).resolves.toMatchObject({ code: status.OK });
  });
});
