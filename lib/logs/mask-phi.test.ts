// What the masker hides and what it must leave readable, as tables: each true positive with what
// stays of it, and the near misses an engineer reads logs for (timestamps, ids, pod names, versions).
import { describe, expect, it } from 'vitest';
import type { LogEntry } from './log-entry';
import { checkMaskPattern, createMasker } from './mask-phi';

const masker = createMasker();
const mask = (text: string) => masker.maskText(text).text;

describe('likely PHI is masked', () => {
  it.each([
    // emails
    ['audit viewed patient chart user=jlee@meridiancare.com', 'audit viewed patient chart user=[email]'],
    ['sent reminder to maria.gomez+visits@example.org ok', 'sent reminder to [email] ok'],
    // phone numbers
    ['SMS to (415) 555-0134 delivered', 'SMS to [phone] delivered'],
    ['callback 415-555-0134, 415.555.0199 and +1 415 555 0100', 'callback [phone], [phone] and [phone]'],
    ['whatsapp +447911123456 failed', 'whatsapp [phone] failed'],
    // SSN-shaped
    ['eligibility check ssn 123-45-6789 matched', 'eligibility check ssn [SSN] matched'],
    ['SSN: 123456789 on file', 'SSN: [SSN] on file'],
    // MRN-shaped
    ['loaded chart MRN: 00482913 for visit', 'loaded chart MRN: [MRN] for visit'],
    ['mrn=A1234567&tab=meds', 'mrn=[MRN]&tab=meds'],
    ['medical record number 55512345 merged', 'medical record number [MRN] merged'],
    ['MRN-0048291 archived', 'MRN-[MRN] archived'],
    // patient and member ids
    ['patient_id=884213 synced', 'patient_id=[patient id] synced'],
    ['Member ID: W123456789 eligible', 'Member ID: [patient id] eligible'],
    // dates of birth next to a name or a label
    ['intake for Jane Doe, 04/12/1961 complete', 'intake for [name], [date of birth] complete'],
    ['matched Maria Souza (1961-04-12)', 'matched [name] ([date of birth])'],
    ['patient Ana Lima DOB 1961-04-12 merged', 'patient [name] DOB [date of birth] merged'],
    ['DOB: 1961-04-12 mismatch', 'DOB: [date of birth] mismatch'],
    ['date of birth 12 April 1961 required', 'date of birth [date of birth] required'],
    // patient ids in URL paths
    ['"GET /api/patients/482913/consents HTTP/1.1" 200', '"GET /api/patients/[patient id]/consents HTTP/1.1" 200'],
    ['GET /admin/patients/patient/31337/change/ 200', 'GET /admin/patients/patient/[patient id]/change/ 200'],
    ['fetch /fhir/Patient/pt-88421?_format=json', 'fetch /fhir/Patient/[patient id]?_format=json'],
    ['GET /members/MBR00912/claims', 'GET /members/[patient id]/claims'],
    // tokens and credentials
    ['Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl', 'Authorization: Bearer [token]'],
    ['id_token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl rejected', 'id_token [token] rejected'],
    ['Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l', 'Authorization: Basic [token]'],
    ['connecting to postgres://billing:s3cr3t@10.12.0.9:5432/claims', 'connecting to postgres://[credentials]@10.12.0.9:5432/claims'],
    ['redis://:hunter2@redis:6379/0', 'redis://[credentials]@redis:6379/0'],
    ['GET /callback?code=1&access_token=ya29.a0AfH6SMB&state=x', 'GET /callback?code=1&access_token=[secret]&state=x'],
    ['GET /download?key=AKIA1234&sig=ab12', 'GET /download?key=[secret]&sig=[secret]'],
    // public client addresses
    ['Started GET "/" for 203.0.113.42 at 2026-11-25 10:00:00 +0000', 'Started GET "/" for [IP] at 2026-11-25 10:00:00 +0000'],
  ])('%s', (input, expected) => {
    expect(mask(input)).toBe(expected);
  });

  it('counts what it hid', () => {
    expect(masker.maskText('to a@b.example and c@d.example')).toEqual({ text: 'to [email] and [email]', masked: 2 });
    expect(masker.maskText('nothing here')).toEqual({ text: 'nothing here', masked: 0 });
  });
});

describe('near misses stay readable', () => {
  it.each([
    // timestamps
    '2026-11-25T10:00:00.123456789Z request served',
    'I, [2026-11-25T10:00:00.123 #1]  INFO -- : [3f2a9c1e-1a2b-4c3d-9e8f-0123456789ab] Completed 200 OK in 41ms',
    '[2026-11-25 10:00:00 +0000] [1] [INFO] Booting worker with pid: 7',
    '10.1.2.3 - - [25/Nov/2026:10:00:00 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.30"',
    'Loading remittance file ERA-2026-11-25-0012.835 into memory',
    'Fetched 120 claims from clearinghouse batch 2026-11-25T10',
    'report for 2026-11-25 ready',
    'scheduled for Nov 25, 2026 at 10:00',
    // request, trace and job ids
    'projects/meridian-care-production/traces/4bf92f3577b34da6a3ce929d0e0e4736',
    'class=ClaimSyncJob jid=6f1e2d3c4b5a69788796a5b4 elapsed=0.412 INFO: done',
    'delivered sms notification messageId=4821937465012345 latencyMs=412',
    'request 3f2a9c1e-1a2b-4c3d-9e8f-0123456789ab took 1234567 ns',
    // pod names, hosts and private addresses
    'care-admin-web-7d9f8b6c5-x2k4q ready on 10.12.0.3:8080',
    'Sidekiq 7.3.2 connecting to Redis with options {:url=>"redis://10.12.0.3:6379/0"}',
    'outbound|8080||care-admin.care-admin.svc.cluster.local 127.0.0.6:41234 172.16.4.9:8080',
    // versions
    '> intake-forms@1.4.2 start',
    'Running in ruby 3.3.5 (2024-09-03 revision ef084cc8f4) [x86_64-linux]',
    'Version 1.22.3-asm.1-b1d9a6e2e7c0a1c5c7f1a2d7c8e0f6b4d3e2a1f0-Clean',
    'node v20.18.1, Puma version: 6.4.3, Rails 7.2.2',
    // things that look a little like PHI and are not
    'GET /api/forms/3fa8c2d1-9b7e 200 1234 - 41.2 ms',
    'GET /api/patients HTTP/1.1 200',
    'Basic configuration loaded',
    'Reconciled account MC-482913: 4 line items',
    'retry in 30s (attempt 2 of 5), port 5432, 3 queries',
    'Posted 14 invoices to Stripe in 1.254 s',
  ])('%s', (input) => {
    expect(mask(input)).toBe(input);
  });
});

describe('structured (JSON) lines', () => {
  const entry = (json: Record<string, unknown>): LogEntry => ({
    insertId: 'x',
    time: '2026-11-25T10:00:00.000000000Z',
    severity: 'INFO',
    environment: 'production',
    cluster: 'gke-production',
    namespace: 'scheduler',
    pod: 'scheduler-api-1',
    container: 'api',
    json,
  });

  it('masks values under telling keys whatever their shape, and strings everywhere else', () => {
    const masked = masker.maskEntry(
      entry({
        message: 'GET /api/patients/482913/appointments 200',
        patient: { mrn: 4821, firstName: 'Jane', dob: '1961-04-12', contact: { email: 'jane@example.org' } },
        httpRequest: { requestUrl: '/api/patients/482913/appointments', remoteIp: '198.51.100.7', latency: '0.041s', status: 200 },
        query: 'SELECT * FROM appointments WHERE provider_id = $1',
        retries: [1, 2],
      }),
    );
    expect(masked.json).toEqual({
      message: 'GET /api/patients/[patient id]/appointments 200',
      patient: { mrn: '[MRN]', firstName: '[name]', dob: '[date of birth]', contact: { email: '[email]' } },
      httpRequest: { requestUrl: '/api/patients/[patient id]/appointments', remoteIp: '[IP]', latency: '0.041s', status: 200 },
      query: 'SELECT * FROM appointments WHERE provider_id = $1',
      retries: [1, 2],
    });
    expect(masked.masked).toBe(7);
  });

  it('leaves an entry without PHI as it was, with no count', () => {
    const plain = entry({ message: 'listening on :8080', version: '1.4.2' });
    const masked = masker.maskEntry(plain);
    expect(masked).toEqual(plain);
    expect('masked' in masked).toBe(false);
  });
});

describe('an app’s own patterns (app.yaml logMasking)', () => {
  it('adds patterns and path words, and can keep a default rule', () => {
    const billing = createMasker({ patterns: [{ name: 'billing account', regex: 'MC-\\d{6}' }], pathSegments: ['visits'], keep: ['client-ip'] });
    expect(billing.maskText('Reconciled account MC-482913: 4 line items').text).toBe('Reconciled account [billing account]: 4 line items');
    expect(billing.maskText('GET /visits/9912/summary from 203.0.113.42').text).toBe('GET /visits/[patient id]/summary from 203.0.113.42');
  });

  it('refuses patterns that could not be combined safely', () => {
    expect(checkMaskPattern('MC-\\d{6}')).toBeNull();
    expect(checkMaskPattern('(?<id>\\d+)')).toMatch(/named groups/);
    expect(checkMaskPattern('(a)\\1')).toMatch(/back-references/);
    expect(checkMaskPattern('a{')).toMatch(/not a valid regular expression/);
    expect(checkMaskPattern('x*')).toMatch(/empty string/);
    expect(checkMaskPattern('(?<!x)y')).toBeNull();
  });
});
