// 8. Masking likely PHI in production log lines: 50,000 lines shaped like the sample company's
//    production logs (access logs with patient paths and client addresses, Rails and Sidekiq lines,
//    Cloud Logging JSON with httpRequest and patient fields, audit lines with staff emails), masked
//    a page of 200 at a time as the log route does. Baselines in the same run: the same pages only
//    serialized (what the route does to every page anyway), and the same rules applied one regular
//    expression at a time (a pass per rule) instead of one combined pass.
import type { LogEntry } from '@/lib/logs/log-entry';
import { createMasker, maskRules } from '@/lib/logs/mask-phi';
import { createRandom, type Random } from '@/sandbox/kube-api/random';
import { summarize } from './measure';
import { ms, type SectionResult, speedup } from './report';

export interface BenchMaskingOptions {
  lines: number;
  pageSize: number;
  /** Rounds over all the pages (the first is a warm-up). */
  rounds: number;
}

const base = { environment: 'production', cluster: 'gke-production', severity: 'INFO' as const };

function generateLines(count: number, random: Random): LogEntry[] {
  const ip = () => (random.chance(0.7) ? `${random.int(1, 223)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}` : `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`);
  const time = (i: number) => new Date(Date.UTC(2026, 10, 25, 9) + i * 37).toISOString();
  const kinds: ((i: number) => Partial<LogEntry>)[] = [
    () => ({ text: `${ip()} - - [25/Nov/2026:10:00:00 +0000] "GET /api/patients/${random.int(100000, 999999)}/consents HTTP/1.1" 200 ${random.int(300, 2000)} "-" "Mozilla/5.0"` }),
    () => ({ text: `${ip()} - - [25/Nov/2026:10:00:00 +0000] "GET /api/forms/${random.hex(8)}-${random.hex(4)} HTTP/1.1" 200 ${random.int(900, 6400)} "-" "Mozilla/5.0"` }),
    (i) => ({ text: `I, [${time(i).replace('Z', '')} #1]  INFO -- : [${random.uuid()}] Started GET "/visits/${random.int(1000, 9999)}" for ${ip()} at 2026-11-25 10:00:00 +0000` }),
    (i) => ({ text: `I, [${time(i).replace('Z', '')} #1]  INFO -- : [${random.uuid()}] Completed 200 OK in ${random.int(5, 900)}ms (Views: 12.3ms | ActiveRecord: 4.1ms (3 queries, 0 cached) | GC: 0.4ms)` }),
    (i) => ({ text: `${time(i)} pid=1 tid=${random.suffix(4)} class=ClaimSyncJob jid=${random.hex(24)} elapsed=${random.between(0.02, 2.5).toFixed(3)} INFO: done` }),
    () => ({ text: `INFO 2026-11-25 10:00:00,${random.int(100, 999)} audit viewed patient chart user=${random.pick(['jlee', 'mpatel', 'asantos', 'kbrown'])}@meridiancare.com` }),
    () => ({ json: { message: `GET /api/patients/${random.int(100000, 999999)}/appointments 200`, httpRequest: { requestMethod: 'GET', requestUrl: `/api/patients/${random.int(100000, 999999)}/appointments`, status: 200, latency: '0.041s', remoteIp: ip() }, 'logging.googleapis.com/trace': `projects/meridian-care-production/traces/${random.hex(32)}` } }),
    () => ({ json: { message: 'delivered sms notification', messageId: String(random.int(10 ** 15, 10 ** 16)), template: 'appointment-reminder', latencyMs: random.int(40, 900) } }),
    () => ({ json: { message: 'intake submitted', patient: { mrn: `A${random.int(1000000, 9999999)}`, firstName: 'Jane', dob: '1961-04-12', phone: '415-555-0134' }, formVersion: '3.2.1' } }),
    () => ({ text: `Reconciled account MC-${random.int(100000, 999999)}: ${random.int(1, 9)} line items` }),
  ];
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    insertId: `bench-${i}`,
    time: time(i),
    namespace: 'care-admin',
    pod: `care-admin-web-7d9f8b6c5-${random.suffix(5)}`,
    container: 'web',
    ...random.pick(kinds)(i),
  }));
}

export async function benchMasking(options: BenchMaskingOptions, log: (line: string) => void): Promise<SectionResult> {
  const random = createRandom('bench-masking');
  log(`masking: ${options.lines.toLocaleString('en-US')} production-shaped lines, pages of ${options.pageSize}`);
  const lines = generateLines(options.lines, random);
  const pages: LogEntry[][] = [];
  for (let i = 0; i < lines.length; i += options.pageSize) pages.push(lines.slice(i, i + options.pageSize));

  const masker = createMasker({ patterns: [{ name: 'billing account', regex: 'MC-\\d{6}' }] });
  // The same rules, one regular expression per rule per string.
  const separate = maskRules({ patterns: [{ name: 'billing account', regex: 'MC-\\d{6}' }] }).map((rule) => ({ pattern: new RegExp(rule.source, 'gu'), replace: rule.replace }));
  const perRule = (text: string) => separate.reduce((out, rule) => out.replace(rule.pattern, (m) => rule.replace(m)), text);
  const perRuleValue = (value: unknown): unknown =>
    typeof value === 'string' ? perRule(value) : Array.isArray(value) ? value.map(perRuleValue) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, perRuleValue(v)])) : value;

  const measure = (fn: (page: LogEntry[]) => unknown) => {
    const samples: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      for (const page of pages) {
        const t = performance.now();
        fn(page);
        const elapsed = performance.now() - t;
        if (round > 0) samples.push(elapsed);
      }
    }
    return summarize(samples);
  };

  // Interleaved by round so a busy moment on the shared machine touches all three alike.
  const masked = measure((page) => JSON.stringify(page.map((e) => masker.maskEntry(e))));
  const serialized = measure((page) => JSON.stringify(page));
  const oneRulePerPass = measure((page) => JSON.stringify(page.map((e) => ({ ...e, text: e.text === undefined ? undefined : perRule(e.text), json: e.json === undefined ? undefined : perRuleValue(e.json) }))));

  let maskedLines = 0;
  let maskedValues = 0;
  const t = performance.now();
  for (const entry of lines) {
    const out = masker.maskEntry(entry);
    if (out.masked) {
      maskedLines += 1;
      maskedValues += out.masked;
    }
  }
  const allMs = performance.now() - t;
  const maskOnly = masked.p95 - serialized.p95;
  const vsPasses = speedup(masked.p95, oneRulePerPass.p95);
  return {
    rows: [
      { section: '8', measure: `mask a page of ${options.pageSize} (${options.lines.toLocaleString('en-US')} lines) p95, serialized`, berth: ms(masked.p95), baseline: `${ms(serialized.p95)} (serialize only)`, ratio: `+${ms(Math.max(0, maskOnly))}`, target: '< 10 ms', met: masked.p95 < 10 },
      { section: '8', measure: 'mask a page p50, serialized', berth: ms(masked.p50), baseline: `${ms(serialized.p50)} (serialize only)`, ratio: `+${ms(Math.max(0, masked.p50 - serialized.p50))}`, target: '—' },
      { section: '8', measure: 'mask a page p95 against a pass per rule', berth: ms(masked.p95), baseline: `${ms(oneRulePerPass.p95)} (${separate.length} passes)`, ratio: vsPasses.text, target: '—' },
      { section: '8', measure: `all ${options.lines.toLocaleString('en-US')} lines masked once`, berth: ms(allMs), baseline: '—', ratio: '—', target: 'reported' },
    ],
    raw: { masked, serialized, oneRulePerPass, pages: pages.length, rounds: options.rounds, maskedLines, maskedValues, allMs },
    notes: [
      `8: ${options.lines.toLocaleString('en-US')} generated lines shaped like the sample production logs (10 kinds: access logs with patient paths and client addresses, Rails and Sidekiq lines, Cloud Logging JSON with httpRequest and patient fields, audit lines with staff emails, an app pattern MC-\\d{6}); ${maskedLines.toLocaleString('en-US')} of them had ${maskedValues.toLocaleString('en-US')} values masked. Each of ${pages.length} pages of ${options.pageSize} timed ${options.rounds - 1} times after a warm-up round: lib/logs/mask-phi.ts's maskEntry on every entry, then JSON.stringify of the page as the route answers it. Baselines in the same run: the page serialized without masking, and the same ${separate.length} rules applied one regular expression per rule.`,
    ],
  };
}
