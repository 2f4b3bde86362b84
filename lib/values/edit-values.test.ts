import { describe, expect, it } from 'vitest';
import { applyFormFields, applyValuesEdits, deleteValueInText, readFormFields, setValueInText, type EditValuesResult } from './edit-values';
import { parseValues } from './parse-values';

const text = `# intake — stage overrides
image:
  tag: "2024.11.3" # pinned by CI

env:
  # feature flags
  FEATURE_X: "false"
  LOG_LEVEL: info

deployments:
  web:
    replicas: 2 # two is enough in stage
list:
- a
- b
`;

function textOf(result: EditValuesResult): string {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.text;
}

function valueOf(yaml: string) {
  const parsed = parseValues(yaml, { file: 'x.yaml' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

describe('setValueInText', () => {
  it('changes one value and keeps every comment, blank line and the key order', () => {
    const out = textOf(setValueInText(text, ['deployments', 'web', 'replicas'], 3));
    expect(out).toBe(text.replace('replicas: 2 #', 'replicas: 3 #'));
  });

  it('keeps a quoted string quoted', () => {
    const out = textOf(setValueInText(text, ['image', 'tag'], '2024.11.4'));
    expect(out).toBe(text.replace('"2024.11.3"', '"2024.11.4"'));
  });

  it.each([
    ['true', '"true"'],
    ['on', '"on"'],
    ['yes', '"yes"'],
    ['n', '"n"'],
    ['0123', '"0123"'],
    ['1e3', '"1e3"'],
    ['~', '"~"'],
    ['null', '"null"'],
    ['', '""'],
    ['12', '"12"'],
    ['hello', 'hello'],
  ])('writes the string %j so Helm still reads a string: %s', (value, written) => {
    const out = textOf(setValueInText(text, ['env', 'LOG_LEVEL'], value));
    expect(out).toContain(`  LOG_LEVEL: ${written}\n`);
    expect(valueOf(out)).toMatchObject({ env: { LOG_LEVEL: value } });
  });

  it('adds a new key at the end of its map, quoting a key YAML 1.1 would misread', () => {
    const out = textOf(setValueInText(text, ['env', 'on'], 'off'));
    expect(out).toContain('  LOG_LEVEL: info\n  "on": "off"\n');
    expect(valueOf(out)).toMatchObject({ env: { on: 'off' } });
  });

  it('creates missing maps along the path as plain maps', () => {
    const out = textOf(setValueInText(text, ['deployments', 'worker', 'replicas'], 1));
    expect(out).toContain('  worker:\n    replicas: 1\n');
    expect(out).not.toContain('!!');
  });

  it('writes null as `key: null` (Helm deletes the default)', () => {
    const out = textOf(setValueInText(text, ['env', 'LOG_LEVEL'], null));
    expect(out).toContain('  LOG_LEVEL: null\n');
  });

  it('writes lists and maps, keeping the file’s list indentation', () => {
    const out = textOf(setValueInText(text, ['list'], ['x', 'yes']));
    expect(out).toContain('list:\n- x\n- "yes"\n');
  });

  it('edits an empty file', () => {
    expect(textOf(setValueInText('', ['image', 'tag'], '0123'))).toBe('image:\n  tag: "0123"\n');
  });

  it('keeps CRLF line endings and a BOM', () => {
    const crlf = '\uFEFFa: 1 # one\r\nb: 2\r\n';
    expect(textOf(setValueInText(crlf, ['b'], 3))).toBe('\uFEFFa: 1 # one\r\nb: 3\r\n');
  });

  describe('a changed value is written over the old one, so the diff is that value alone', () => {
    // Hand-aligned comments, spaced flow lists, a folded string and 4-space nesting: re-serializing
    // the document would rewrite each of these lines.
    const handWritten = `image:
  repository: us-docker.pkg.dev/x/y   # where
  tag:        "1.2.3"                 # aligned comment
command: ["/app", "serve",   "--port", "8080"]
resources: {requests: {cpu: 100m}}
env:
  A:    'single'
  LONG: >-
    folded text
    here
deployments:
    web:
        replicas: 2    # two
`;

    it('changes only the characters of the edited values', () => {
      const out = textOf(
        applyValuesEdits(handWritten, [
          { op: 'set', path: ['image', 'tag'], value: '1.2.4' },
          { op: 'set', path: ['deployments', 'web', 'replicas'], value: 3 },
          { op: 'set', path: ['env', 'A'], value: "it's" },
          { op: 'set', path: ['command', 3], value: '9090' },
        ]),
      );
      expect(out).toBe(
        handWritten
          .replace('"1.2.3"', '"1.2.4"')
          .replace('replicas: 2 ', 'replicas: 3 ')
          .replace("'single'", "'it''s'")
          .replace('"8080"', '"9090"'),
      );
    });

    it('quotes what YAML 1.1 would misread even where the old value was plain', () => {
      const out = textOf(setValueInText('flags:\n  verbose: quiet   # mode\n', ['flags', 'verbose'], 'on'));
      expect(out).toBe('flags:\n  verbose: "on"   # mode\n');
      expect(valueOf(out)).toEqual({ flags: { verbose: 'on' } });
    });

    it('goes through the document for what cannot be written in place, and still keeps the values', () => {
      // A folded block scalar, a type change to a list.
      const folded = textOf(setValueInText(handWritten, ['env', 'LONG'], 'short'));
      expect(valueOf(folded)).toMatchObject({ env: { LONG: 'short', A: 'single' }, command: ['/app', 'serve', '--port', '8080'] });
      expect(valueOf(textOf(setValueInText(handWritten, ['image', 'tag'], ['a'])))).toMatchObject({ image: { tag: ['a'] } });
    });

    it('refuses an edit that would silently change other values too (an anchor others refer to)', () => {
      const anchored = 'base: &port 8080\nother: *port\n';
      expect(setValueInText(anchored, ['base'], 9090)).toMatchObject({
        ok: false,
        problems: [expect.objectContaining({ code: 'edit-failed', message: expect.stringContaining('would also change other values') })],
      });
    });
  });

  it('refuses to edit a file that does not parse', () => {
    const result = setValueInText('a: [1\n', ['a'], 2);
    expect(result.ok).toBe(false);
  });

  it('refuses to write below a scalar', () => {
    const result = setValueInText(text, ['image', 'tag', 'x'], 1);
    expect(result).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'edit-failed' })] });
  });
});

describe('deleteValueInText', () => {
  it('removes the key and keeps the rest', () => {
    const out = textOf(deleteValueInText(text, ['env', 'LOG_LEVEL']));
    expect(out).toBe(text.replace('  LOG_LEVEL: info\n', ''));
  });

  it('does not leave an indented blank line when the first entry goes', () => {
    const source = 'env:\n  A: x\n\n  # the flag\n  B: y\n';
    expect(textOf(deleteValueInText(source, ['env', 'A']))).toBe('env:\n  # the flag\n  B: y\n');
  });

  it('is a no-op for a path the file does not have', () => {
    expect(textOf(deleteValueInText(text, ['nothing', 'here']))).toBe(text);
  });
});

describe('form fields', () => {
  const merged = {
    image: { repository: 'r', tag: '2024.11.3' },
    env: { FEATURE_X: 'false', LOG_LEVEL: 'info', FROM_APP: 'x', PORT: 8080 },
    deployments: { web: { replicas: 2 }, worker: { command: ['w'] } },
  };

  it('reads the image tag, each deployment’s replicas and the env vars as text', () => {
    expect(readFormFields(merged)).toEqual({
      imageTag: '2024.11.3',
      deployments: [
        { name: 'web', replicas: 2 },
        { name: 'worker', replicas: null },
      ],
      env: [
        { name: 'FEATURE_X', value: 'false' },
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'FROM_APP', value: 'x' },
        { name: 'PORT', value: '8080' },
      ],
    });
  });

  it('writes only what the form changed; a removed variable from a lower file becomes null', () => {
    const before = readFormFields(merged);
    const after = {
      ...before,
      imageTag: '2024.11.4',
      deployments: [{ name: 'web', replicas: 3 }, before.deployments[1]],
      env: before.env.filter((e) => e.name !== 'FROM_APP' && e.name !== 'LOG_LEVEL').map((e) => (e.name === 'FEATURE_X' ? { ...e, value: 'true' } : e)),
    };
    const out = textOf(applyFormFields(text, { before, after, lower: { env: { FROM_APP: 'x' } } }));
    expect(out).toContain('  tag: "2024.11.4" # pinned by CI\n');
    expect(out).toContain('    replicas: 3 # two is enough in stage\n');
    expect(out).toContain('  # feature flags\n  FEATURE_X: "true"\n');
    expect(out).not.toContain('LOG_LEVEL');
    expect(out).toContain('  FROM_APP: null\n');
  });
});
