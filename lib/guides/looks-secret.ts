// Whether a configuration value (or its name) looks like a secret, so the translator steers it to
// Secret Manager and secretEnv instead of offering it as a plain values entry. Errs on the side of
// "secret": a false alarm costs a click, a leaked credential costs a rotation and a report.
// Isomorphic.

const SECRET_NAME = /(^|_)(PASSWORD|PASSWD|PASS|PWD|SECRET|SECRETS|TOKEN|APIKEY|API_KEY|KEY|PRIVATE_KEY|ACCESS_KEY|CREDENTIAL|CREDENTIALS|DSN|SALT|SIGNING_KEY|CLIENT_SECRET)(_|$)/i;

const SECRET_VALUES: [RegExp, string][] = [
  [/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, 'a URL with a user and password'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/, 'a JSON Web Token'],
  [/^(sk|rk)_(live|test)_[0-9A-Za-z]{10,}$/, 'an API key'],
  [/^(ghp|gho|ghu|ghs|github_pat)_[0-9A-Za-z_]{20,}$/, 'a GitHub token'],
  [/^xox[abprs]-[0-9A-Za-z-]{10,}$/, 'a Slack token'],
  [/^AKIA[0-9A-Z]{16}$/, 'an AWS access key'],
  [/^AIza[0-9A-Za-z_-]{35}$/, 'a Google API key'],
  [/^SG\.[\w-]{16,}\.[\w-]{16,}$/, 'a SendGrid key'],
];

/** Long, space-free and mixing letters, digits and symbols: probably a generated credential. */
function looksRandom(value: string): boolean {
  if (value.length < 24 || /\s/.test(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('/')) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length;
  return classes >= 3;
}

/** Why the variable should be a secret, or null when it looks like a plain setting. */
export function secretReason(name: string, value: string | undefined, knownSecrets: readonly string[] = []): string | null {
  if (knownSecrets.includes(name)) return `${name} already comes from Secret Manager (secretEnv)`;
  if (SECRET_NAME.test(name)) return `the name ${name} says it is a secret`;
  if (value === undefined || value === '') return null;
  for (const [pattern, what] of SECRET_VALUES) if (pattern.test(value)) return `the value looks like ${what}`;
  if (looksRandom(value)) return 'the value looks like a generated credential';
  return null;
}
