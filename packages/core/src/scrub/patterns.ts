// Credential-looking substrings of free text, replaced in place so the rest stays readable.
// Linear time on hostile input: every unbounded run either ends the pattern (the match
// then always succeeds and consumes it) or is bounded, so no start position rescans far.

import { isSensitiveKey } from './keys';

export const FILTERED = '[Filtered]';

type Replacer = (match: string, ...groups: string[]) => string;
type DenyKeys = ReadonlyArray<string | RegExp>;

/** Keeps group 1 (the label) and filters the rest of the match. */
const KEEP_LABEL = `$1${FILTERED}`;

/** A rule: its pattern, its replacement, and a substring every match contains (a fast skip). */
const RULES: Array<[RegExp, string | Replacer, string?]> = [
  // A PEM private key, the whole block; one cut short (by maxValueLength) up to the end.
  [
    /-----BEGIN[A-Z ]{0,40}PRIVATE KEY[A-Z ]{0,10}-----(?:[\s\S]*?-----END[A-Z ]{1,60}-----|[\s\S]*)/g,
    FILTERED,
    'PRIVATE KEY',
  ],
  // The password of a URL, a DSN's secret key included: scheme://user:[Filtered]@host.
  [/\b([a-z][\w+.-]{0,20}:\/\/[^\s:@/?#]{0,128}:)[^\s/?#]{1,256}(?=@)/gi, KEEP_LABEL, '@'],
  // Bearer / Basic values that look machine-made (a digit or a lower-upper pair), not prose.
  [/\b([Bb](?:earer|asic)\s+)(?=[\w.~+/-]{0,200}?(?:\d|[a-z][A-Z]))[\w.~+/-]{8,}=*/g, KEEP_LABEL],
  // `password=...`, `"api_key": "..."`, `Authorization: Token ...`, `AWS_SECRET_ACCESS_KEY=...`.
  [
    /((?:passw|pwd|secret|token|auth|credential|jwt|csrf|xsrf|signature|cookie|sess(?:ion)?[_-]?id|(?:api|access|account|private|client|master|signing|encryption)[_-]?key)[\w-]{0,30}["']?\s{0,3}[:=]>?\s{0,3}["']?(?:(?:bearer|basic|token|bot)\s+)?)[^\s"'&,;<>]+/gi,
    KEEP_LABEL,
  ],
  // Webhook URLs whose path is the credential.
  [/((?:hooks\.slack\.com|discord(?:app)?\.com\/api\/webhooks)\/)[\w/+-]+/g, KEEP_LABEL, '.com/'],
  // Vendor token formats: Sentry, GitHub, Slack, Stripe, Google, npm, OpenAI / Anthropic, AWS
  // key ids, Twilio, GitLab, Hugging Face, Shopify, DigitalOcean, PyPI, Mailgun, Telegram.
  // JWTs and SendGrid keys are matched loosely, then checked for their dotted structure.
  [
    /\b(?:sntry[su]_[\w+/=.-]{20,}|gh[pousr]_\w{30,}|github_pat_\w{30,}|xox[abposr]-[\w-]{10,}|xapp-[\w-]{10,}|[rs]k_(?:live|test)_\w{16,}|AIza[\w-]{35}|npm_\w{36}|sk-[\w-]{32,}|A[KS]IA[A-Z2-7]{16}|(?:AC|SK)[\da-f]{32}|glpat-[\w-]{20,}|hf_[A-Za-z]{30,}|ya29\.[\w-]{20,}|GOCSPX-[\w-]{20,}|shp(?:at|ss|ca|pa)_[\da-f]{32}|dop_v1_[\da-f]{64}|pypi-[\w-]{50,}|key-[\da-f]{32}|(?:bot)?\d{8,10}:AA[\w-]{33}|(eyJ|SG\.)[\w.-]*)/g,
    (match, dotted) =>
      !dotted || /^(?:eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.|SG\.[\w-]{16,}\.[\w-]{16,})/.test(match) ? FILTERED : match,
  ],
  // Card numbers: 13-19 digits, spaces or dashes between, a network's first digit, Luhn-valid.
  [/\b[2-6]\d(?:[ -]?\d){11,17}\b/g, (match) => (passesLuhn(match) ? FILTERED : match)],
];

/**
 * Text every rule above (and `filterParams`) needs somewhere in a match: one scan rejects
 * most strings (file names, function names, prose) before any rule runs.
 */
const CANDIDATE =
  /[=@]|PRIVATE KEY|bearer|basic|passw|pwd|secret|token|auth|credential|jwt|csrf|xsrf|signature|cookie|sess|key|hooks\.slack|discord|sntry|gh[pousr]_|github_pat|xox|xapp|[rs]k_|AIza|npm_|sk-|A[KS]IA|(?:AC|SK)[\da-f]{32}|glpat|hf_|ya29|GOCSPX|shp|dop_|pypi|eyJ|SG\.|\d[ -]?\d[ -]?\d[ -]?\d[ -]?\d[ -]?\d[ -]?\d[ -]?\d/i;

/** A query or fragment parameter: `?name=value`, `&name=value`, `#name=value`. */
const PARAM = /([?&#][^=&#\s]{1,64}=)([^&#\s]+)/g;

/**
 * Replaces credential-looking parts of `text` with `[Filtered]`: authorization values, URL
 * passwords, sensitive parameters (by name, `denyKeys` included), private keys, vendor
 * tokens, JWTs and card numbers.
 * @example scrubString('GET /api?access_token=abc123&page=2') // 'GET /api?access_token=[Filtered]&page=2'
 */
export function scrubString(text: string, denyKeys: DenyKeys = []): string {
  // Nothing shorter than `pwd=x` can hold a credential.
  if (typeof text !== 'string' || text.length < 5 || !CANDIDATE.test(text)) return text;
  let out = filterParams(text, denyKeys, true);
  for (const [pattern, replace, needle] of RULES) {
    if (!needle || out.includes(needle)) out = out.replace(pattern, replace as Replacer);
  }
  return out;
}

/**
 * Filters the values of URL parameters whose name is sensitive and, with `values`, of those
 * whose decoded value holds a credential (`?q=Bearer%20x1...`).
 * @example filterParams('/cb?code=1&token=abc', [], false) // '/cb?code=1&token=[Filtered]'
 */
export function filterParams(text: string, denyKeys: DenyKeys, values: boolean): string {
  if (!text.includes('=')) return text;
  return text.replace(PARAM, (match, label: string, value: string) =>
    isSensitiveKey(label.slice(1, -1), denyKeys) || (values && hidesSecret(value, denyKeys)) ? label + FILTERED : match,
  );
}

function hidesSecret(encoded: string, denyKeys: DenyKeys): boolean {
  let decoded = encoded;
  try {
    decoded = decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch {
    // Malformed escapes: the raw text was already scrubbed as it is.
  }
  return decoded !== encoded && scrubString(decoded, denyKeys) !== decoded;
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    const digit = digits.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) continue;
    const value = double ? digit * 2 : digit;
    sum += value > 9 ? value - 9 : value;
    double = !double;
  }
  return sum % 10 === 0;
}
