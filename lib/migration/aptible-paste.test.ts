// Pastes of the Aptible CLI's real output formats (aptible-cli: subcommands/config.rb,
// services.rb, endpoints.rb, resource_formatter.rb, renderer/text.rb and json.rb, across the
// releases before and after the Formatter), including the odd ones people paste.
import { describe, expect, it } from 'vitest';
import { parseAptibleConfig, parseAptibleEndpoints, parseAptibleServices } from './aptible-paste';

// Values that must never come back from the parser, in any form.
const SECRETS = ['s3cr3t-pa55', 'hunter2', 'line-two-of-the-key', 'BEGIN RSA', 'postgres://app:pw@db'];

function expectNoValues(result: unknown): void {
  const text = JSON.stringify(result);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('aptible config', () => {
  it.each([
    ['plain lines, as every release prints them (sorted, Shellwords-escaped)', 'DATABASE_URL=postgres://app:pw@db.aptible.in:5432/db\nNODE_ENV=production\nSESSION_SECRET=s3cr3t-pa55\n', ['DATABASE_URL', 'NODE_ENV', 'SESSION_SECRET']],
    ['escaped spaces and quotes', "GREETING=two\\ words\\ and\\ a\\ \\'quote\\'\nPASSWORD=hunter2\n", ['GREETING', 'PASSWORD']],
    ['an empty value', "EMPTY=''\nNEXT=1\n", ['EMPTY', 'NEXT']],
    ['a multi-line value (Shellwords writes a newline as quote, newline, quote)', "PRIVATE_KEY=-----BEGIN\\ RSA\\ PRIVATE\\ KEY-----'\n'line-two-of-the-key'\n'-----END\\ RSA\\ PRIVATE\\ KEY-----\nZ_LAST=1\n", ['PRIVATE_KEY', 'Z_LAST']],
    ['a value with = and #', 'QUERY=a\\=b\\#c\nX=1\n', ['QUERY', 'X']],
    ['Windows line endings', 'A=1\r\nB=s3cr3t-pa55\r\n', ['A', 'B']],
    ['old Mac line endings', 'A=1\rB=2\r', ['A', 'B']],
    ['a prompt and the command pasted along', '$ aptible config --app patient-portal\nA=1\nB=hunter2\n$ \n', ['A', 'B']],
    ['a long prompt with the output format variable', 'ana@laptop:~/src/portal% APTIBLE_OUTPUT_FORMAT=text aptible config --app patient-portal --environment meridian-production\nA=1\n', ['A']],
    ['a PowerShell prompt', 'PS C:\\Users\\ana> aptible config --app patient-portal\r\nA=1\r\n', ['A']],
    ['extra whitespace and blank lines', '\n\n   A=1   \n\n\tB=2\n\n', ['A', 'B']],
    ['a byte order mark', '\uFEFFA=1\n', ['A']],
    ['double quotes typed by hand', 'A="two words"\nB="line one\nline-two-of-the-key"\n', ['A', 'B']],
    ['a backslash-newline continuation', 'A=one\\\ntwo\nB=2\n', ['A', 'B']],
  ])('reads the keys of %s', (_what, paste, keys) => {
    const result = parseAptibleConfig(paste);
    expect(result).toEqual({ ok: true, format: 'text', data: { keys } });
    expectNoValues(result);
  });

  it('reads the JSON of APTIBLE_OUTPUT_FORMAT=json, keeping the keys only', () => {
    const paste = `$ APTIBLE_OUTPUT_FORMAT=json aptible config --app patient-portal
[
  {
    "key": "DATABASE_URL",
    "value": "postgres://app:pw@db.aptible.in:5432/db",
    "shell_export": "DATABASE_URL=postgres://app:pw@db.aptible.in:5432/db"
  },
  {
    "key": "PRIVATE_KEY",
    "value": "-----BEGIN RSA\\nline-two-of-the-key",
    "shell_export": "PRIVATE_KEY=-----BEGIN\\\\ RSA'\\n'line-two-of-the-key"
  }
]
`;
    const result = parseAptibleConfig(paste);
    expect(result).toEqual({ ok: true, format: 'json', data: { keys: ['DATABASE_URL', 'PRIVATE_KEY'] } });
    expectNoValues(result);
    expect(parseAptibleConfig('[]\n')).toEqual({ ok: true, format: 'json', data: { keys: [] } });
  });

  it.each([
    ['a line without =', 'A=1\nthis is not config\n', 2, /expected KEY=value/],
    ['services output in the config box', 'Service: web\nCommand: node server.js\n', 1, /looks like the output of aptible services/],
    ['a bad key', 'A=1\n1BAD=2\n', 2, /not an environment variable name/],
    ['a paste cut inside a quoted value', "A=1\nKEY=first'\n'hunter2\nB='never closed\n", 4, /the value of B opens a quote that never closes/],
    ['the output pasted twice', 'A=1\nB=2\nA=1\n', 3, /A appears twice \(first on line 1\)/],
    ['nothing but a prompt', '$ aptible config --app x\n', 1, /no KEY=value line found/],
    ['broken JSON', '[\n  {"key": "A", "value": "hunter2"\n', 2, /JSON does not parse/],
    ['JSON without keys', '[\n  {"value": "hunter2"}\n]\n', 2, /no "key"/],
    ['JSON that is not a list', '{"key": "A"}\n', 1, /expected a JSON list/],
  ])('refuses %s, naming the line and never a value', (_what, paste, line, message) => {
    const result = parseAptibleConfig(paste);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.line).toBe(line);
    expect(result.problem.message).toMatch(message);
    expectNoValues(result);
  });

  it('refuses a paste larger than 512 KiB', () => {
    const result = parseAptibleConfig(`A=${'x'.repeat(600 * 1024)}\n`);
    expect(result.ok ? 'ok' : result.problem.message).toMatch(/larger than 512 KiB/);
  });
});

const SERVICES_OLD = `Service: web
Command: bundle exec puma -C config/puma.rb
Container Count: 2
Container Size: 1024

Service: worker
Command: bundle exec sidekiq
Container Count: 1
Container Size: 512
`;

const SERVICES_FORMATTER = `Id: 58412
Service: web
Created At: 2021-03-04 18:22:10 UTC
Command: node dist/server.js
Container Count: 3
Container Size: 1024
Container Profile: m
App: patient-portal

Id: 58413
Service: worker
Created At: 2021-03-04 18:22:10 UTC
Command: node dist/worker.js
Container Count: 2
Container Size: 768
Container Profile: r
App: patient-portal
`;

describe('aptible services', () => {
  it.each([
    ['the four lines of releases before the Formatter', SERVICES_OLD, [
      { name: 'web', command: 'bundle exec puma -C config/puma.rb', containerCount: 2, containerSizeMb: 1024 },
      { name: 'worker', command: 'bundle exec sidekiq', containerCount: 1, containerSizeMb: 512 },
    ]],
    ['the Formatter blocks with id, creation time, profile and app', SERVICES_FORMATTER, [
      { name: 'web', command: 'node dist/server.js', containerCount: 3, containerSizeMb: 1024, containerProfile: 'm' },
      { name: 'worker', command: 'node dist/worker.js', containerCount: 2, containerSizeMb: 768, containerProfile: 'r' },
    ]],
    ['a CMD service (the image\'s own command)', 'Id: 9\nService: cmd\nCommand: CMD\nContainer Count: 4\nContainer Size: 1024\nApp: provider-api\n', [{ name: 'cmd', command: 'CMD', containerCount: 4, containerSizeMb: 1024 }]],
    ['Windows line endings, a prompt and indentation', '> aptible services --app x\r\n  Service: web\r\n  Command: CMD\r\n  Container Count: 1\r\n  Container Size: 512\r\n', [{ name: 'web', command: 'CMD', containerCount: 1, containerSizeMb: 512 }]],
    ['a command over two lines', 'Service: web\nCommand: sh -c "migrate &&\n  exec server"\nContainer Count: 1\nContainer Size: 512\n', [{ name: 'web', command: 'sh -c "migrate &&\nexec server"', containerCount: 1, containerSizeMb: 512 }]],
  ])('reads %s', (_what, paste, services) => {
    expect(parseAptibleServices(paste)).toEqual({ ok: true, format: 'text', data: services });
  });

  it('reads the JSON, with the app nested in each service', () => {
    const paste = JSON.stringify([{ id: 58412, service: 'web', created_at: '2021-03-04 18:22:10 UTC', command: 'node dist/server.js', container_count: 3, container_size: 1024, container_profile: 'm', app: { id: 1, handle: 'patient-portal', services: [] } }], null, 2);
    expect(parseAptibleServices(paste)).toEqual({ ok: true, format: 'json', data: [{ name: 'web', command: 'node dist/server.js', containerCount: 3, containerSizeMb: 1024, containerProfile: 'm' }] });
  });

  it.each([
    ['a missing count', 'Service: web\nCommand: CMD\nContainer Size: 512\n', 1, /no "Container Count:" line/],
    ['a size that is not a number', 'Service: web\nCommand: CMD\nContainer Count: 1\nContainer Size: 1GB\n', 4, /Container Size is not a whole number of MB/],
    ['two entries without a blank line', 'Service: web\nContainer Count: 1\nContainer Size: 512\nService: worker\n', 4, /Service appears twice in one entry/],
    ['config output in the services box', 'A=1\n', 1, /expected "Name: value"/],
    ['an entry without a service', 'Hostname: elb-x.aptible.in\nType: https\n', 1, /no "Service:" line/],
    ['the same service twice', `${SERVICES_OLD}\n${SERVICES_OLD}`, 11, /service web appears twice/],
  ])('refuses %s with its line', (_what, paste, line, message) => {
    const result = parseAptibleServices(paste);
    expect(result.ok ? 'ok' : result.problem).toEqual({ line, message: expect.stringMatching(message) });
  });
});

describe('aptible endpoints:list', () => {
  it.each([
    [
      'the releases before the Formatter (Service first)',
      'Service: web\nHostname: elb-meridian-31337.aptible.in\nStatus: provisioned\nType: https\nPort: default\nInternal: false\nIP Whitelist: all traffic\nDefault Domain Enabled: false\nManaged TLS Enabled: true\nManaged TLS Domain: patients.meridiancare.example\nManaged TLS DNS Challenge Hostname: acme.elb-meridian-31337.aptible.in\nManaged TLS Status: ready\n\nService: admin\nHostname: elb-meridian-40001.aptible.in\nStatus: provisioned\nType: tls\nPorts: all\nInternal: true\nIP Whitelist: 10.0.0.0/8\nDefault Domain Enabled: false\nManaged TLS Enabled: false\n',
      [
        { hostname: 'elb-meridian-31337.aptible.in', type: 'https', internal: false, service: 'web', ports: 'default', managedTlsDomain: 'patients.meridiancare.example' },
        { hostname: 'elb-meridian-40001.aptible.in', type: 'tls', internal: true, service: 'admin', ports: 'all' },
      ],
    ],
    [
      'the Formatter blocks with settings and the nested service',
      'Id: 7001\nHostname: elb-meridian-31337.aptible.in\nStatus: provisioned\nCreated At: 2021-03-04 18:40:00 UTC\nType: https\nPort: 3000\nLoad Balancing Algorithm Type: round_robin\nShared: false\nInternal: false\nForce Ssl: true\nIdle Timeout: 60\nIP Whitelist: all traffic\nDefault Domain Enabled: true\nDefault Domain: app-7001.on-aptible.com\nManaged TLS Enabled: false\nService: web\n',
      [{ hostname: 'elb-meridian-31337.aptible.in', type: 'https', internal: false, service: 'web', ports: '3000', defaultDomain: 'app-7001.on-aptible.com' }],
    ],
  ])('reads %s', (_what, paste, endpoints) => {
    expect(parseAptibleEndpoints(paste)).toEqual({ ok: true, format: 'text', data: endpoints });
  });

  it('reads the JSON, where the service is an object in newer releases and a name in older ones', () => {
    const newer = [{ id: 1, hostname: 'elb-a.aptible.in', status: 'provisioned', type: 'https', port: 'default', internal: false, ip_whitelist: 'all traffic', default_domain_enabled: false, managed_tls_enabled: true, managed_tls_domain: 'a.example.com', service: { id: 2, service: 'web', command: 'CMD' } }];
    const older = [{ service: 'web', hostname: 'elb-b.aptible.in', type: 'tcp', ports: '5432', internal: true }];
    expect(parseAptibleEndpoints(JSON.stringify(newer))).toEqual({ ok: true, format: 'json', data: [{ hostname: 'elb-a.aptible.in', type: 'https', internal: false, service: 'web', ports: 'default', managedTlsDomain: 'a.example.com' }] });
    expect(parseAptibleEndpoints(JSON.stringify(older))).toEqual({ ok: true, format: 'json', data: [{ hostname: 'elb-b.aptible.in', type: 'tcp', internal: true, service: 'web', ports: '5432' }] });
  });

  it.each([
    ['an entry without a hostname', 'Service: web\nType: https\n', 1, /no "Hostname:" line/],
    ['an unknown type', 'Hostname: elb-a.aptible.in\nType: grpc\n', 1, /type is not https, tls or tcp/],
    ['a hostname that is not one', 'Hostname: not a host\nType: https\n', 1, /no valid hostname/],
  ])('refuses %s with its line', (_what, paste, line, message) => {
    const result = parseAptibleEndpoints(paste);
    expect(result.ok ? 'ok' : result.problem).toEqual({ line, message: expect.stringMatching(message) });
  });
});
