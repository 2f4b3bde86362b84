import { describe, expect, test } from 'vitest';
import { compileFilter, type FilterableEntry, FilterParseError, parseFilter, parseTime } from './filter';

const T0 = parseTime('2026-11-12T09:00:00.123456789Z')!;

const entry: FilterableEntry = {
  logName: 'projects/meridian-stage/logs/stderr',
  resource: {
    type: 'k8s_container',
    labels: {
      project_id: 'meridian-stage',
      location: 'us-central1',
      cluster_name: 'gke-stage',
      namespace_name: 'intake-forms',
      pod_name: 'intake-forms-web-7d9f-abcde',
      container_name: 'web',
    },
  },
  labels: {
    'k8s-pod/app_kubernetes_io/instance': 'intake-forms',
    'k8s-pod/pod-template-hash': '7d9f',
    'compute.googleapis.com/resource_name': 'gke-stage-pool-1-node-a',
  },
  severity: 'WARNING',
  timestamp: T0,
  receiveTimestamp: T0 + 2_000_000_000n,
  insertId: 'ins-0001',
  jsonPayload: { message: 'Slow FHIR call: took 2300 ms', latencyMs: 2300, user: { id: '42', roles: ['nurse'] }, ok: false, nothing: null },
};

const textEntry: FilterableEntry = {
  ...entry,
  severity: 'ERROR',
  jsonPayload: undefined,
  textPayload: 'Error: he said "hi" C:\\temp',
};

describe('filters that match (or not) a JSON entry', () => {
  test.each<[string, boolean]>([
    ['', true],
    ['   ', true],
    ['resource.type="k8s_container"', true],
    ['resource.type = "k8s_container"', true],
    ['resource.type=k8s_container', true],
    ['resource.type="gce_instance"', false],
    ['resource.type!="gce_instance"', true],
    ['resource.labels.cluster_name="gke-stage" resource.labels.namespace_name="intake-forms"', true],
    ['resource.labels.cluster_name="gke-stage" AND resource.labels.namespace_name="billing"', false],
    ['labels."k8s-pod/app_kubernetes_io/instance"="intake-forms"', true],
    ['labels."k8s-pod/app_kubernetes_io/instance"="intake"', false],
    ['labels."k8s-pod/app_kubernetes_io/instance":"intake"', true],
    ['labels."compute.googleapis.com/resource_name":"NODE-A"', true],
    ['labels.missing="x"', false],
    ['labels.missing!="x"', true],
    ['labels.missing:*', false],
    ['labels."k8s-pod/pod-template-hash":*', true],
    ['(resource.labels.pod_name="a" OR resource.labels.pod_name="intake-forms-web-7d9f-abcde")', true],
    ['resource.labels.pod_name="a" OR resource.labels.pod_name="b"', false],
    ['resource.labels.pod_name=("a" OR "intake-forms-web-7d9f-abcde")', true],
    ['resource.labels.pod_name=("a" OR "b")', false],
    ['resource.labels.pod_name:("intake" AND "abcde")', true],
    ['resource.labels.pod_name:("intake" "zzz")', false],
    ['NOT resource.labels.pod_name=("a" OR "b")', true],
    ['severity>=WARNING', true],
    ['severity>=warning', true],
    ['severity>ERROR', false],
    ['severity=WARNING', true],
    ['severity<ERROR', true],
    ['severity<=INFO', false],
    ['severity!=WARNING', false],
    ['severity>=400', true],
    ['severity>="ERROR"', false],
    ['timestamp>="2026-11-12T09:00:00Z"', true],
    ['timestamp>="2026-11-12T09:00:00.123456789Z"', true],
    ['timestamp>"2026-11-12T09:00:00.123456789Z"', false],
    ['timestamp<"2026-11-12T09:00:00.1234568Z"', true],
    ['timestamp="2026-11-12T10:00:00.123456789+01:00"', true],
    ['timestamp>="2026-11-12T08:00:00Z" timestamp<"2026-11-12T09:00:00Z"', false],
    ['receiveTimestamp>="2026-11-12T09:00:02Z"', true],
    ['logName="projects/meridian-stage/logs/stderr"', true],
    ['logName:"/logs/stdout"', false],
    ['insertId="ins-0001"', true],
    ['jsonPayload.message:"fhir call"', true],
    ['jsonPayload.message="Slow FHIR call: took 2300 ms"', true],
    ['jsonPayload.message="slow fhir call: took 2300 ms"', false],
    ['jsonPayload.latencyMs>1000', true],
    ['jsonPayload.latencyMs>=2300 jsonPayload.latencyMs<=2300', true],
    ['jsonPayload.latencyMs<300', false],
    ['jsonPayload.user.id="42"', true],
    ['jsonPayload.user:"nurse"', true],
    ['jsonPayload.user.roles:"NURSE"', true],
    ['jsonPayload.ok="false"', true],
    ['jsonPayload.nothing:*', false],
    ['jsonPayload.absent="x"', false],
    ['jsonPayload.message=~"took \\\\d+ ms$"', true],
    ['jsonPayload.message!~"^Slow"', false],
    ['textPayload:*', false],
    ['"fhir"', true],
    ['"FHIR CALL" "2300"', true],
    ['"intake-forms"', true],
    ['"not there"', false],
    ['NOT "not there"', true],
    ['-"not there"', true],
    ['-resource.type="k8s_container"', false],
    ['NOT severity>=ERROR', true],
    ['NOT (severity>=ERROR OR "fhir")', false],
    // NOT binds tightest, then OR, then AND: (a OR (NOT b)) AND c
    ['"zzz" OR NOT "yyy" AND severity=WARNING', true],
    ['"zzz" OR NOT "fhir" AND severity=WARNING', false],
    ['"fhir" OR "zzz" AND "yyy"', false],
    ['("fhir" OR "zzz") AND ("yyy" OR "2300")', true],
    ['severity=WARNING AND (jsonPayload.user.id="41" OR jsonPayload.user.id="42")', true],
  ])('%s → %s', (filter, expected) => {
    expect(compileFilter(filter)(entry)).toBe(expected);
  });
});

describe('filters on a text entry', () => {
  test.each<[string, boolean]>([
    ['textPayload:"he said"', true],
    ['textPayload:"he said \\"hi\\""', true],
    ['"C:\\\\temp"', true],
    ['"said \\"hi\\" C:\\\\temp"', true],
    ['"said \\"bye\\""', false],
    ['textPayload=~"^Error: "', true],
    ['jsonPayload.message:*', false],
    ['severity>=ERROR', true],
  ])('%s → %s', (filter, expected) => {
    expect(compileFilter(filter)(textEntry)).toBe(expected);
  });
});

describe('what the sandbox does not understand is an error with its position', () => {
  test.each<[string, number, RegExp]>([
    ['foo="bar"', 1, /unknown field foo/],
    ['resource.labels="x"', 1, /unknown field resource.labels/],
    ['resource.name="x"', 1, /unknown field resource.name/],
    ['httpRequest.status=500', 1, /unknown field httpRequest.status/],
    ['severity>=WARNING protoPayload.method="x"', 19, /unknown field protoPayload.method/],
    ['error', 1, /bare words are not supported.*"error"/],
    ['severity>=ERROR and "x"', 17, /bare words are not supported/],
    ['severity>=LOUD', 11, /"LOUD" is not a severity/],
    ['severity:ERROR', 10, /not :/],
    ['timestamp>="yesterday"', 12, /not an RFC 3339 time/],
    ['timestamp>="2026-02-30T00:00:00Z"', 12, /not an RFC 3339 time/],
    ['timestamp:"2026"', 11, /not :/],
    ['resource.type', 14, /comparison operator/],
    ['resource.type "x"', 15, /comparison operator/],
    ['resource.type=', 15, /a value was expected/],
    ['resource.type=(', 15, /not closed/],
    ['resource.type=()', 16, /a value was expected/],
    ['resource.type=("a" OR)', 22, /a value was expected/],
    ['"unclosed', 1, /string is not closed/],
    ['"bad \\q escape"', 6, /unknown escape "\\q"/],
    ['(severity>=ERROR', 1, /"\(" is not closed/],
    ['severity>=ERROR)', 16, /"\)" without its "\("/],
    ['()', 2, /empty parentheses/],
    ['AND "x"', 1, /AND needs a restriction before it/],
    ['"x" AND', 5, /AND needs a restriction after it/],
    ['"x" OR', 5, /OR needs a restriction after it/],
    ['"x" OR OR "y"', 8, /OR needs a restriction before it/],
    ['NOT', 1, /NOT needs a restriction after it/],
    ['- "x"', 2, /"-" must be followed directly/],
    ['"x"="y"', 1, /field name on its left/],
    ['SEARCH("x")', 1, /functions such as .*\(\) are not supported/],
    ['sample(insertId, 0.1)', 1, /functions such as .*\(\) are not supported/],
    ['jsonPayload.list[0]="x"', 17, /array indexes/],
    ['jsonPayload.message=~"("', 22, /invalid regular expression/],
    ['severity=~"ERR"', 11, /does not apply to severity/],
    ['resource.type="x" % "y"', 19, /unexpected "%"/],
    ['resource.type=("a" NOT "b")', 20, /NOT inside a value list/],
    ['resource.type!=("a" OR "b")', 16, /a value list after != is not supported/],
    ['textPayload("x")', 1, /functions are not supported/],
  ])('%s → position %i', (filter, position, message) => {
    let error: unknown;
    try {
      parseFilter(filter);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FilterParseError);
    expect((error as FilterParseError).position + 1).toBe(position);
    expect((error as FilterParseError).message).toMatch(message);
    expect((error as FilterParseError).message).toContain(`at position ${position}:`);
  });

  test('a filter longer than Cloud Logging accepts', () => {
    expect(() => parseFilter(`"${'x'.repeat(20_000)}"`)).toThrow(/longer than 20000 characters/);
  });
});

describe('parseTime', () => {
  test.each<[string, bigint | undefined]>([
    ['1970-01-01T00:00:00Z', 0n],
    ['1970-01-01T00:00:01.5Z', 1_500_000_000n],
    ['1970-01-01T01:00:00.000000001+01:00', 1n],
    ['1970-01-01T00:00:00', undefined],
    ['1970-13-01T00:00:00Z', undefined],
    ['1970-01-01T24:00:00Z', undefined],
  ])('%s', (text, nanos) => {
    expect(parseTime(text)).toBe(nanos);
  });
});
