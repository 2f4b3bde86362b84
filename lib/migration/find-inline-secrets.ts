// Values in `env` that look like secrets: they belong in Secret Manager, referenced from
// `secretEnv`, because everything in `env` is in git and in every pod spec anyone can read.
// Reports the key and what it looks like, never the value. Isomorphic.

export type InlineSecretKind = 'private key' | 'URL with a password' | 'token' | 'password or key';

export interface InlineSecret {
  key: string;
  /** Where it is set in the merged values: `env` or `deployments.<name>.env`. */
  where: string;
  kind: InlineSecretKind;
}

// Names people give secrets. Plain AUTH is left out on purpose: AUTH_MODE, AUTH_PROVIDER are settings.
const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|LICENSE_?KEY|CREDENTIALS?|SIGNING_?KEY|ENCRYPTION_?KEY)(_|$)/i;
const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
// Prefixes of tokens issued by common services (GitHub, Slack, Stripe, AWS, Google API keys, JWTs).
const KNOWN_TOKEN = /^(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|xox[abposr]-[\w-]{10,}|sk_(live|test)_\w{10,}|AKIA[0-9A-Z]{16}|AIza[\w-]{35}|eyJ[\w-]{8,}\.[\w-]{8,}\.)/;

/** What a value looks like, or null when it does not look like a secret. */
export function classifyValue(key: string, value: unknown): InlineSecretKind | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  if (text === '') return null;
  if (PRIVATE_KEY.test(text)) return 'private key';
  if (URL_WITH_PASSWORD.test(text)) return 'URL with a password';
  if (KNOWN_TOKEN.test(text)) return 'token';
  // A secret-looking name with something that is not a plain setting: a number, a boolean, a
  // placeholder or a short word (TOKEN_TTL_SECONDS: "3600", API_KEY_HEADER: "X-Api-Key") passes.
  if (SECRET_NAME.test(key) && text.length >= 8 && !/^(\d+|true|false|none|null|changeme|<.*>|\$\{.*\})$/i.test(text) && !/^[A-Za-z][a-z]*(-[A-Za-z][a-z]*)+$/.test(text)) {
    return 'password or key';
  }
  return null;
}

type EnvMap = Record<string, unknown> | null | undefined;

/** Inline secrets in one environment's merged values. */
export function findInlineSecrets(values: unknown): InlineSecret[] {
  const v = (values ?? {}) as { env?: EnvMap; deployments?: Record<string, { env?: EnvMap } | null> | null };
  const found: InlineSecret[] = [];
  const scan = (env: EnvMap, where: string) => {
    for (const [key, value] of Object.entries(env ?? {})) {
      const kind = classifyValue(key, value);
      if (kind) found.push({ key, where, kind });
    }
  };
  scan(v.env, 'env');
  for (const [name, deployment] of Object.entries(v.deployments ?? {})) scan(deployment?.env, `deployments.${name}.env`);
  return found;
}

/** True when a text (an Aptible service's command, say) carries something that looks like a credential. */
export function textCarriesSecret(text: string): boolean {
  if (PRIVATE_KEY.test(text) || URL_WITH_PASSWORD.test(text)) return true;
  return text.split(/\s+/).some((word) => {
    const [name, ...rest] = word.replace(/^-+/, '').split('=');
    return KNOWN_TOKEN.test(word) || (rest.length > 0 && classifyValue(name, rest.join('=')) !== null);
  });
}
