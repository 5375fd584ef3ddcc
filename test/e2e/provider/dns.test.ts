/**
 * lightyear_dns_domain, lightyear_dns_record and the DNS data sources through the real terraform binary, our
 * provider and the local cloud over HTTP: every attribute set, the spellings users write planning empty after
 * apply and after import, each in-place and replacing change, drift, import with config generation, values
 * unknown until apply, the plan-time errors on their attributes, and destroy leaving the cloud empty.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  createLightyearWorkspace,
  planActions,
  TERRAFORM_BLOCK,
  type LightyearWorkspace,
} from './lightyear-workspace';
import { expectEmptyPlan, mustRun, resourceTest, stateValues, type Workspace } from './resource-test';

const APPLY = ['apply', '-auto-approve', '-no-color', '-input=false'];
const recordImportId = (v: Record<string, unknown>) => `${String(v.domain)}/${String(v.id)}`;

function workspaceOf(lw: LightyearWorkspace): Workspace {
  return { writeFiles: (files) => lw.ws.writeFiles(files), tf: (args, options) => lw.tf(args, options) };
}

async function expectCloudEmpty(lw: LightyearWorkspace): Promise<void> {
  expect(await lw.client.domains.listAll()).toEqual([]);
}

/**
 * Every record type, every optional attribute, in the spellings people write: `@` and `""` for the apex,
 * upper case and trailing dots, long-hand IPv6, zone-file quoted TXT, lower-case types.
 */
function allRecords(o: {
  readonly wwwName: string;
  readonly wwwData: string;
  readonly ttl: number;
  readonly mxPriority: number;
}) {
  return String.raw`${TERRAFORM_BLOCK}
resource "lightyear_dns_domain" "main" {
  domain = "example.com"
}

resource "lightyear_dns_record" "apex" {
  domain = lightyear_dns_domain.main.domain
  type   = "a"
  name   = "@"
  data   = "203.0.113.10"
  ttl    = ${o.ttl}
}

resource "lightyear_dns_record" "apex_v6" {
  domain = "Example.COM."
  type   = "AAAA"
  name   = ""
  data   = "2001:0DB8:0000:0000:0000:0000:0000:0001"
  ttl    = 300
  depends_on = [lightyear_dns_domain.main]
}

resource "lightyear_dns_record" "www" {
  domain = lightyear_dns_domain.main.domain
  type   = "CNAME"
  name   = "${o.wwwName}"
  data   = "${o.wwwData}"
  ttl    = 3600
}

resource "lightyear_dns_record" "mail" {
  domain   = lightyear_dns_domain.main.domain
  type     = "MX"
  name     = "example.com."
  data     = "Mail.Example.com."
  ttl      = 600
  priority = ${o.mxPriority}
}

resource "lightyear_dns_record" "sip" {
  domain   = lightyear_dns_domain.main.domain
  type     = "srv"
  name     = "_SIP._tcp"
  data     = "5  5060 SIP.Example.com."
  ttl      = 300
  priority = 10
}

resource "lightyear_dns_record" "spf" {
  domain = lightyear_dns_domain.main.domain
  type   = "TXT"
  name   = "@"
  data   = "\"v=spf1 mx -all\""
  ttl    = 300
}

resource "lightyear_dns_record" "dkim" {
  domain = lightyear_dns_domain.main.domain
  type   = "TXT"
  name   = "s1._domainkey"
  data   = "\"v=DKIM1; k=rsa; \" \"p=MIIBIjANBg\""
  ttl    = 300
}

resource "lightyear_dns_record" "caa" {
  domain = lightyear_dns_domain.main.domain
  type   = "CAA"
  name   = "@"
  data   = "0 ISSUE letsencrypt.org"
  ttl    = 300
}

resource "lightyear_dns_record" "delegation" {
  domain = lightyear_dns_domain.main.domain
  type   = "NS"
  name   = "Dev.Example.com."
  data   = "NS1.Example.NET."
  ttl    = 86400
}
`;
}

const RECORDS = ['apex', 'apex_v6', 'www', 'mail', 'sip', 'spf', 'dkim', 'caa', 'delegation'];

describe('DNS lifecycle: every record type, every attribute, the spellings users write', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    lw.ws.writeFiles({ 'main.tf': TERRAFORM_BLOCK });
    await mustRun(workspaceOf(lw), ['init', '-no-color', '-input=false']);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('creates, plans empty, imports to the same state and an empty plan, updates, replaces, destroys', async () => {
    const first = { wwwName: 'WWW', wwwData: 'Example.COM.', ttl: 60, mxPriority: 10 };
    await resourceTest(
      workspaceOf(lw),
      [
        {
          config: allRecords(first),
          expectActions: Object.fromEntries([
            ['lightyear_dns_domain.main', ['create']],
            ...RECORDS.map((r) => [`lightyear_dns_record.${r}`, ['create']]),
          ]),
          check: async (state) => {
            // State keeps what the user wrote; the cloud holds the canonical form.
            expect(state['lightyear_dns_domain.main']).toMatchObject({
              id: 'example.com',
              domain: 'example.com',
            });
            expect(state['lightyear_dns_record.apex']).toMatchObject({
              type: 'a',
              name: '@',
              fqdn: 'example.com',
              ttl: 60,
              priority: null,
            });
            expect(state['lightyear_dns_record.apex_v6']).toMatchObject({
              domain: 'Example.COM.',
              data: '2001:0DB8:0000:0000:0000:0000:0000:0001',
              fqdn: 'example.com',
            });
            expect(state['lightyear_dns_record.www']).toMatchObject({ name: 'WWW', fqdn: 'www.example.com' });
            expect(state['lightyear_dns_record.mail']).toMatchObject({ fqdn: 'example.com', priority: 10 });
            expect(state['lightyear_dns_record.sip']).toMatchObject({ fqdn: '_sip._tcp.example.com' });
            expect(state['lightyear_dns_record.delegation']).toMatchObject({ fqdn: 'dev.example.com' });
            const remote = await lw.client.domains.records('example.com').listAll();
            const byId = (id: unknown) => remote.find((r) => r.id === id);
            expect(byId(state['lightyear_dns_record.apex_v6']!.id)).toMatchObject({
              name: '',
              data: '2001:db8::1',
            });
            expect(byId(state['lightyear_dns_record.www']!.id)).toMatchObject({
              name: 'www',
              data: 'example.com',
            });
            expect(byId(state['lightyear_dns_record.mail']!.id)).toMatchObject({
              name: '',
              data: 'mail.example.com',
              priority: 10,
              ttl: 600,
            });
            expect(byId(state['lightyear_dns_record.sip']!.id)).toMatchObject({
              data: '5 5060 sip.example.com',
            });
            // TXT goes without its zone-file quotes; split strings are joined.
            expect(byId(state['lightyear_dns_record.spf']!.id)).toMatchObject({ data: 'v=spf1 mx -all' });
            expect(byId(state['lightyear_dns_record.dkim']!.id)).toMatchObject({
              data: 'v=DKIM1; k=rsa; p=MIIBIjANBg',
            });
            expect(byId(state['lightyear_dns_record.caa']!.id)).toMatchObject({
              data: '0 issue "letsencrypt.org"',
            });
            expect(byId(state['lightyear_dns_record.delegation']!.id)).toMatchObject({
              name: 'dev',
              data: 'ns1.example.net',
            });
            expect(remote).toHaveLength(RECORDS.length);
          },
          importVerify: [
            { address: 'lightyear_dns_domain.main' },
            // Import reads the API's spelling; the configured spellings still plan empty (checked after each).
            { address: 'lightyear_dns_record.apex', ignore: ['type', 'name'], importId: recordImportId },
            {
              address: 'lightyear_dns_record.apex_v6',
              ignore: ['domain', 'data'],
              importId: recordImportId,
            },
            { address: 'lightyear_dns_record.www', ignore: ['name', 'data'], importId: recordImportId },
            { address: 'lightyear_dns_record.mail', ignore: ['name', 'data'], importId: recordImportId },
            {
              address: 'lightyear_dns_record.sip',
              ignore: ['type', 'name', 'data'],
              importId: recordImportId,
            },
            { address: 'lightyear_dns_record.spf', ignore: ['name', 'data'], importId: recordImportId },
            { address: 'lightyear_dns_record.dkim', ignore: ['data'], importId: recordImportId },
            { address: 'lightyear_dns_record.caa', ignore: ['name', 'data'], importId: recordImportId },
            {
              address: 'lightyear_dns_record.delegation',
              ignore: ['name', 'data'],
              importId: recordImportId,
            },
          ],
        },
        {
          // name, data, ttl and priority change in place.
          config: allRecords({ wwwName: 'web', wwwData: 'other.example.net', ttl: 120, mxPriority: 20 }),
          expectActions: {
            'lightyear_dns_record.www': ['update'],
            'lightyear_dns_record.apex': ['update'],
            'lightyear_dns_record.mail': ['update'],
          },
          check: async (state) => {
            expect(state['lightyear_dns_record.www']).toMatchObject({ name: 'web', fqdn: 'web.example.com' });
            const www = await lw.client.domains
              .records('example.com')
              .get(String(state['lightyear_dns_record.www']!.id));
            expect(www).toMatchObject({ name: 'web', data: 'other.example.net' });
            expect(state['lightyear_dns_record.apex']).toMatchObject({ ttl: 120 });
            expect(state['lightyear_dns_record.mail']).toMatchObject({ priority: 20 });
          },
        },
        {
          // A new type replaces the record.
          config: allRecords({ wwwName: 'web', wwwData: 'other.example.net', ttl: 120, mxPriority: 20 })
            .replace('type   = "a"', 'type   = "AAAA"')
            .replace('data   = "203.0.113.10"', 'data   = "2001:db8::10"'),
          expectActions: { 'lightyear_dns_record.apex': ['delete', 'create'] },
        },
        {
          // A new domain replaces the domain, and every record in it with it.
          config: allRecords({ wwwName: 'web', wwwData: 'other.example.net', ttl: 120, mxPriority: 20 })
            .replaceAll('example.com', 'example.org')
            .replaceAll('Example.COM', 'Example.ORG')
            .replaceAll('Example.com', 'Example.org')
            .replace('type   = "a"', 'type   = "AAAA"')
            .replace('data   = "203.0.113.10"', 'data   = "2001:db8::10"'),
          expectActions: Object.fromEntries([
            ['lightyear_dns_domain.main', ['delete', 'create']],
            ...RECORDS.map((r) => [`lightyear_dns_record.${r}`, ['delete', 'create']]),
          ]),
          check: async () => {
            expect((await lw.client.domains.listAll()).map((d) => d.domain)).toEqual(['example.org']);
          },
        },
      ],
      () => expectCloudEmpty(lw),
    );
    expect(lw.leftoverSockets()).toEqual([]);
  });
});

const DRIFT_CONFIG = `${TERRAFORM_BLOCK}
resource "lightyear_dns_domain" "main" {
  domain = "drift.example"
}

resource "lightyear_dns_record" "www" {
  domain = lightyear_dns_domain.main.domain
  type   = "A"
  name   = "www"
  data   = "203.0.113.20"
}
`;

describe('drift', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    lw.ws.writeFiles({ 'main.tf': DRIFT_CONFIG });
    await mustRun(workspaceOf(lw), ['init', '-no-color', '-input=false']);
    await mustRun(workspaceOf(lw), APPLY);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  const recordId = async () => String((await stateValues(workspaceOf(lw)))['lightyear_dns_record.www']!.id);

  it('updates data changed outside terraform back', async () => {
    const id = await recordId();
    await lw.client.domains.records('drift.example').update(id, { data: '198.51.100.1', ttl: 900 });
    expect(await planActions(lw)).toEqual({
      'lightyear_dns_domain.main': ['no-op'],
      'lightyear_dns_record.www': ['update'],
    });
    await mustRun(workspaceOf(lw), [...APPLY, 'tfplan']);
    expect(await lw.client.domains.records('drift.example').get(id)).toMatchObject({
      data: '203.0.113.20',
      ttl: 300,
    });
    await expectEmptyPlan(workspaceOf(lw), 'repairing the drift');
  });

  it('creates a record deleted outside terraform again', async () => {
    const id = await recordId();
    await lw.client.domains.records('drift.example').delete(id);
    expect((await planActions(lw))['lightyear_dns_record.www']).toEqual(['create']);
    await mustRun(workspaceOf(lw), [...APPLY, 'tfplan']);
    expect(await recordId()).not.toBe(id);
    await expectEmptyPlan(workspaceOf(lw), 'recreating the record');
  });

  it('creates the domain and its records again when the domain was deleted outside terraform', async () => {
    await lw.client.domains.delete('drift.example');
    expect(await planActions(lw)).toEqual({
      'lightyear_dns_domain.main': ['create'],
      'lightyear_dns_record.www': ['create'],
    });
    await mustRun(workspaceOf(lw), [...APPLY, 'tfplan']);
    await expectEmptyPlan(workspaceOf(lw), 'recreating the domain');
    await mustRun(workspaceOf(lw), ['destroy', '-auto-approve', '-no-color', '-input=false']);
    await expectCloudEmpty(lw);
  });
});

describe('values unknown until apply', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('are right after one apply, in a long-hand spelling too, and the next plan is empty', async () => {
    // terraform_data's output is unknown at plan time on create, as another resource's computed address is.
    lw.ws.writeFiles({
      'main.tf': `${TERRAFORM_BLOCK}
resource "lightyear_dns_domain" "main" {
  domain = "unknown.example"
}

resource "terraform_data" "server" {
  input = { ipv6 = "2001:0DB8:0:0::00AB", host = "Host-1" }
}

resource "lightyear_dns_record" "v6" {
  domain = lightyear_dns_domain.main.domain
  type   = "AAAA"
  name   = terraform_data.server.output.host
  data   = terraform_data.server.output.ipv6
}

output "fqdn" {
  value = lightyear_dns_record.v6.fqdn
}
`,
    });
    await mustRun(workspaceOf(lw), ['init', '-no-color', '-input=false']);
    const plan = await mustRun(workspaceOf(lw), ['plan', '-no-color', '-input=false']);
    expect(plan.stdout).toMatch(/data\s+= \(known after apply\)/);
    expect(plan.stdout).toMatch(/fqdn\s+= \(known after apply\)/);
    await mustRun(workspaceOf(lw), APPLY);
    await expectEmptyPlan(workspaceOf(lw), 'an apply with values unknown at plan');
    const state = (await stateValues(workspaceOf(lw)))['lightyear_dns_record.v6']!;
    expect(state).toMatchObject({ fqdn: 'host-1.unknown.example' });
    const output = await mustRun(workspaceOf(lw), ['output', '-raw', 'fqdn']);
    expect(output.stdout).toBe('host-1.unknown.example');
    const [remote] = await lw.client.domains.records('unknown.example').listAll();
    expect(remote).toMatchObject({ name: 'host-1', data: '2001:db8::ab' });
    await mustRun(workspaceOf(lw), ['destroy', '-auto-approve', '-no-color', '-input=false']);
    await expectCloudEmpty(lw);
  });
});

describe('import with plan -generate-config-out', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('writes configuration for an existing domain and its MX record that then plans no changes', async () => {
    await lw.client.domains.create({ domain: 'found.example' });
    const mx = await lw.client.domains
      .records('found.example')
      .create({ type: 'MX', name: '', data: 'Mail.Found.example.', priority: 5, ttl: 1200 });
    lw.ws.writeFiles({
      'main.tf': `${TERRAFORM_BLOCK}
import {
  to = lightyear_dns_domain.found
  id = "found.example"
}

import {
  to = lightyear_dns_record.mx
  id = "found.example/${mx.id}"
}
`,
    });
    await mustRun(workspaceOf(lw), ['init', '-no-color', '-input=false']);
    await mustRun(workspaceOf(lw), [
      'plan',
      '-no-color',
      '-input=false',
      '-generate-config-out=generated.tf',
    ]);
    const generated = fs.readFileSync(path.join(lw.ws.workDir, 'generated.tf'), 'utf8');
    expect(generated).toContain('resource "lightyear_dns_record" "mx"');
    expect(generated).toMatch(/data\s+= "mail\.found\.example"/);
    expect(generated).toMatch(/priority\s+= 5/);
    expect(generated).not.toMatch(/\bfqdn\b|\bcreated_at\b/);
    const plan = await mustRun(workspaceOf(lw), ['plan', '-no-color', '-input=false', '-out=tfplan']);
    expect(plan.stdout).toContain('Plan: 2 to import, 0 to add, 0 to change, 0 to destroy.');
    await mustRun(workspaceOf(lw), [...APPLY, 'tfplan']);
    await expectEmptyPlan(workspaceOf(lw), 'importing with generated configuration');
  });

  it('refuses an import id that is not <domain>/<record id>', async () => {
    lw.ws.writeFiles({
      'other.tf': `resource "lightyear_dns_record" "other" {
  domain = "found.example"
  type   = "A"
  data   = "203.0.113.1"
}
`,
    });
    const bad = await lw.tf(['import', '-no-color', '-input=false', 'lightyear_dns_record.other', 'rec_123']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Invalid import id');
    expect(bad.stderr).toContain('<domain>/<id>');
  });
});

describe('data sources', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    await lw.client.domains.create({ domain: 'read.example' });
    const records = lw.client.domains.records('read.example');
    await records.create({ type: 'A', name: '', data: '203.0.113.1' });
    await records.create({ type: 'MX', name: '', data: 'mx1.read.example', priority: 10 });
    await records.create({ type: 'MX', name: '', data: 'mx2.read.example', priority: 20 });
    await records.create({ type: 'MX', name: 'sub', data: 'mx.read.example', priority: 10 });
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('read a domain with every record, and the records of one type and name', async () => {
    lw.ws.writeFiles({
      'main.tf': `${TERRAFORM_BLOCK}
data "lightyear_dns_domain" "d" {
  domain = "Read.Example."
}

data "lightyear_dns_records" "apex_mx" {
  domain = "read.example"
  type   = "mx"
  name   = "@"
}

data "lightyear_dns_records" "sub" {
  domain = "read.example"
  name   = "SUB"
}

output "all" {
  value = data.lightyear_dns_domain.d.records
}

output "apex_mx" {
  value = [for r in data.lightyear_dns_records.apex_mx.records : "\${r.priority} \${r.data}"]
}

output "sub" {
  value = [for r in data.lightyear_dns_records.sub.records : r.fqdn]
}

output "domain_id" {
  value = data.lightyear_dns_domain.d.id
}
`,
    });
    await mustRun(workspaceOf(lw), ['init', '-no-color', '-input=false']);
    await mustRun(workspaceOf(lw), APPLY);
    const out = JSON.parse((await mustRun(workspaceOf(lw), ['output', '-json'])).stdout) as Record<
      string,
      { value: unknown }
    >;
    expect(out['domain_id']!.value).toBe('read.example');
    expect(out['apex_mx']!.value).toEqual(['10 mx1.read.example', '20 mx2.read.example']);
    expect(out['sub']!.value).toEqual(['sub.read.example']);
    const all = out['all']!.value as Record<string, unknown>[];
    expect(all).toHaveLength(4);
    expect(all[0]).toMatchObject({
      type: 'A',
      name: '',
      fqdn: 'read.example',
      data: '203.0.113.1',
      ttl: 300,
    });
    expect(all[0]!.id).toMatch(/^rec_/);
    await expectEmptyPlan(workspaceOf(lw), 'reading the data sources');
  });

  it('says so when the domain does not exist', async () => {
    lw.ws.writeFiles({
      'main.tf': `${TERRAFORM_BLOCK}
data "lightyear_dns_records" "none" {
  domain = "missing.example"
}
`,
    });
    const plan = await lw.tf(['plan', '-no-color', '-input=false']);
    expect(plan.code).not.toBe(0);
    expect(plan.stderr).toContain('missing.example');
  });
});

describe('plan-time errors, each on its attribute', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    lw.ws.writeFiles({ 'main.tf': TERRAFORM_BLOCK });
    await mustRun(workspaceOf(lw), ['init', '-no-color', '-input=false']);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  const record = (body: string) => `${TERRAFORM_BLOCK}
resource "lightyear_dns_record" "r" {
  domain = "example.com"
${body}
}
`;

  it.each<[string, string, string, RegExp]>([
    [
      'a domain not in the API spelling',
      `${TERRAFORM_BLOCK}
resource "lightyear_dns_domain" "d" {
  domain = "Example.COM."
}
`,
      'domain',
      /write "example\.com" instead of "Example\.COM\."/,
    ],
    ['IPv6 in an A record', record('  type = "A"\n  data = "2001:db8::1"'), 'data', /IPv4/],
    ['IPv4 in an AAAA record', record('  type = "AAAA"\n  data = "203.0.113.1"'), 'data', /IPv6/],
    [
      'MX without a priority',
      record('  type = "MX"\n  data = "mail.example.com"'),
      'priority',
      /required for MX/,
    ],
    [
      'a priority on a TXT record',
      record('  type = "TXT"\n  data = "hello"\n  priority = 1'),
      'priority',
      /only accepted for MX and SRV records, not TXT/,
    ],
    ['a ttl below 60', record('  type = "A"\n  data = "203.0.113.1"\n  ttl = 30'), 'ttl', /from 60 to 86400/],
    [
      'a ttl above 86400',
      record('  type = "A"\n  data = "203.0.113.1"\n  ttl = 90000'),
      'ttl',
      /from 60 to 86400/,
    ],
    ['an unknown type', record('  type = "PTR"\n  data = "x.example.com"'), 'type', /one of A, AAAA/],
    [
      'a name outside the domain',
      record('  type = "A"\n  name = "www.example.net."\n  data = "203.0.113.1"'),
      'name',
      /outside the domain example\.com/,
    ],
  ])('%s', async (_what, config, attribute, reason) => {
    lw.ws.writeFiles({ 'main.tf': config });
    const validate = await lw.tf(['validate', '-no-color']);
    expect(validate.code).not.toBe(0);
    expect(validate.stderr).toContain(`Error: Invalid ${attribute}`);
    // Terraform underlines the attribute's own line in the user's file (the block, when it is not written).
    const written = new RegExp(`\\b${attribute}\\s*=`).test(config.replace(TERRAFORM_BLOCK, ''));
    const line = written ? `${attribute}\\s+=` : 'resource "';
    expect(validate.stderr).toMatch(
      new RegExp(`on main\\.tf line \\d+, in resource "[a-z_]+" "[a-z]+":\\s+\\d+:\\s+${line}`),
    );
    expect(validate.stderr).toMatch(reason);
    expect(validate.stderr.match(/Error: /g)).toHaveLength(1);
  });
});

// The reference examples of resources run in reference-examples.test.ts; these run the data sources' here,
// until that test covers docs/examples/data-sources as well.
describe.each(['lightyear_dns_domain', 'lightyear_dns_records'])('the data-source example of %s', (type) => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('applies, reads the record it shows, and plans no change after', async () => {
    const example = fs.readFileSync(
      path.resolve(__dirname, '..', '..', '..', 'docs', 'examples', 'data-sources', `${type}.tf`),
      'utf8',
    );
    lw.ws.writeFiles({ 'main.tf': `${TERRAFORM_BLOCK}\n${example}` });
    await mustRun(workspaceOf(lw), ['init', '-no-color', '-input=false']);
    await mustRun(workspaceOf(lw), APPLY);
    await expectEmptyPlan(workspaceOf(lw), `applying the ${type} example`);
    const outputs = JSON.parse((await mustRun(workspaceOf(lw), ['output', '-json'])).stdout) as Record<
      string,
      { value: unknown }
    >;
    expect(JSON.stringify(outputs)).toMatch(/mail\.example\.(com|net)/);
  });
});
