// 4b. Values at their limits: how validating a values file grows with its size (it must be linear:
//     a 20,000-key file once froze a replica for 25 s), against the same check of a file ten times
//     smaller measured in the same run; what a file past the key limit costs before it is refused;
//     and how large the answer to a save gets.
import { explainChange, MAX_VALUES_ENTRIES, validateValues, type ValuesLayer, type ValuesMap } from '@/lib/values';
import { sample, summarize } from './measure';
import { ms, type SectionResult } from './report';

export interface ValuesScaleOptions {
  schema: object;
  chart: string;
  samples: number;
}

const TARGET_MS = 50;
const ENVIRONMENTS = [
  { name: 'stage', project: 'meridian-stage' },
  { name: 'production', project: 'meridian-prod' },
];
const APP = ['image:', '  repository: us-central1-docker.pkg.dev/meridian-shared/apps/claims-gateway', '  tag: "2026.11.17-9b1e0d3"', 'deployments:', '  api:', '    port: 8080', '    replicas: 3', ''].join('\n');

/** An environment file setting `count` environment variables (a valid file), with `salt` in each value. */
function envFile(count: number, salt: string): string {
  return `env:\n${Array.from({ length: count }, (_, i) => `  FEATURE_${String(i).padStart(5, '0')}: "${salt}-${i}"`).join('\n')}\n`;
}

/** A file of `count` keys the chart does not know: every one a schema problem. */
function unknownKeys(count: number): string {
  return `${Array.from({ length: count }, (_, i) => `unknownSetting${i}: ${i}`).join('\n')}\n`;
}

export async function benchValuesScale(options: ValuesScaleOptions, log: (line: string) => void): Promise<SectionResult> {
  const layers = (text: string): ValuesLayer[] => [
    { file: 'chart/values.yaml', kind: 'chart', text: options.chart },
    { file: 'apps/claims-gateway/values.yaml', kind: 'app', text: APP },
    { file: 'apps/claims-gateway/values-stage.yaml', kind: 'environment', text },
  ];
  const validate = (text: string) => validateValues({ schema: options.schema, layers: layers(text), environment: 'stage', environments: ENVIRONMENTS });
  const merged = (text: string): ValuesMap => {
    const result = validate(text);
    if (!result.ok || !result.merged) throw new Error(`the benchmark's values file does not validate: ${JSON.stringify(result.problems.slice(0, 2))}`);
    return result.merged;
  };
  // Validation of an edit that changes every value (each sample a new text), and the editor's
  // whole check: validation, then the plain-words explanation against the current values.
  const texts = (count: number) => Array.from({ length: options.samples + 3 }, (_, i) => envFile(count, `b${i}`));
  const validationOf = (count: number) => {
    const proposals = texts(count);
    return (i: number) => merged(proposals[i % proposals.length]);
  };
  const checkOf = (count: number) => {
    const current = merged(envFile(count, 'a'));
    const proposals = texts(count);
    return (i: number) => explainChange({ before: current, after: merged(proposals[i % proposals.length]), environment: 'stage' });
  };

  log('values at scale: 500 and 5,000 environment variables, 5,000 unknown keys, a 20,000-key file');
  const small = summarize(await sample(validationOf(500), { samples: options.samples, maxMs: 15_000, warmup: 3 }));
  const large = summarize(await sample(validationOf(5000), { samples: options.samples, maxMs: 30_000, warmup: 3 }));
  const explained = summarize(await sample(checkOf(5000), { samples: options.samples, maxMs: 30_000, warmup: 3 }));
  const unknown = unknownKeys(5000);
  const problems = validate(unknown).problems.length;
  const invalid = summarize(await sample(() => validate(unknown), { samples: options.samples, maxMs: 30_000, warmup: 3 }));
  // Short keys, so the file stays under the size limit (the was 189 kB) and the key limit refuses it.
  const overLimit = `${Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`;
  const refusal = validate(overLimit).problems[0];
  if (refusal?.code !== 'too-many-keys') throw new Error(`a 20,000-key file was not refused by the key limit: ${JSON.stringify(refusal)}`);
  const refused = summarize(await sample(() => validate(overLimit), { samples: Math.ceil(options.samples / 2), maxMs: 30_000, warmup: 2 }));
  // What a save answers: every environment's problems and effects (here: 5,000 changed values).
  const current = merged(envFile(5000, 'a'));
  const proposed = validate(envFile(5000, 'b'));
  const answer = JSON.stringify({ status: 'committed', environments: [{ environment: 'stage', ok: proposed.ok, problems: proposed.problems, effects: explainChange({ before: current, after: proposed.merged ?? {}, environment: 'stage' }) }] });

  // Linear growth means a 10× larger file takes 10× as long: exponent 1; quadratic would be 2.
  const exponent = Math.log(large.p50 / small.p50) / Math.log(10);
  return {
    rows: [
      { section: '4', measure: 'values validation p95, 5,000 env variables (parse, merge, schema, lines)', berth: ms(large.p95), baseline: `${ms(small.p95)} (500 variables)`, ratio: `×${(large.p95 / small.p95).toFixed(1)}`, target: `< ${TARGET_MS} ms`, met: large.p95 < TARGET_MS },
      { section: '4', measure: '  growth of the validation p50, ×10 keys', berth: `×${(large.p50 / small.p50).toFixed(1)}`, baseline: '×10 (linear)', ratio: `exponent ${exponent.toFixed(2)}`, target: 'exponent < 1.3', met: exponent < 1.3 },
      { section: '4', measure: '  with the plain-words explanation (the editor\'s check) p95', berth: ms(explained.p95), baseline: ms(large.p95), ratio: `×${(explained.p95 / large.p95).toFixed(1)}`, target: '—' },
      { section: '4', measure: `values validation p95, 5,000 unknown keys (${problems} problems listed)`, berth: ms(invalid.p95), baseline: `${ms(large.p95)} (5,000 valid)`, ratio: `×${(invalid.p95 / large.p95).toFixed(1)}`, target: `< ${TARGET_MS} ms`, met: invalid.p95 < TARGET_MS },
      { section: '4', measure: `a 20,000-key file refused (limit ${MAX_VALUES_ENTRIES.toLocaleString('en-US')}) p95`, berth: ms(refused.p95), baseline: `${ms(large.p95)} (5,000 valid)`, ratio: `×${(refused.p95 / large.p95).toFixed(1)}`, target: '—' },
      { section: '4', measure: 'answer to a save changing 5,000 values', berth: `${(answer.length / 1024).toFixed(0)} kB`, baseline: '—', ratio: '—', target: '< 200 kB', met: answer.length < 200 * 1024 },
    ],
    raw: { small, large, explained, invalid, refused, problems, answerBytes: answer.length, exponent },
    notes: [
      "4 (at scale): a stage file of 500 and of 5,000 environment variables, every value changed (a new text each sample), through validateValues (YAML parse with positions, Helm merge, schema, problems at their lines), then also explainChange against the current values; single-threaded, as on the server's event loop; 5,000 unknown keys (the first 100 problems placed and put in words, the rest counted); a 20,000-key file refused by the key limit after parsing; the answer's size with at most 100 problems and 200 effects listed.",
    ],
  };
}
