// Which key names hold credentials or session state, wherever they appear (headers, extra,
// cookies, query parameters...).

/**
 * DESIGN.md's list, matched anywhere in the name and case-insensitively, plus `passphrase`,
 * `signature` and card codes. Short names match only at a word start (`sso`: not in
 * "processor" or "associated_event_id") or as whole words (`sid`, `connect.sid`, `_gh_sess`,
 * `sig`: not in "inside" or "design").
 */
const SENSITIVE =
  /auth|token|secret|passw|passphrase|pwd|key|jwt|bearer|saml|csrf|xsrf|credential|session|cookie|signature|cvv|cvc|(?:^|[\W_])(?:sso|s(?:id|ig|ess)(?:$|[\W_]))/i;

/** Names that match the rule but are harmless: `author`, and HTTP/2's `:authority` (the host). */
const HARMLESS = new Set(['author', ':authority']);

/**
 * Whether a value stored under `name` must be replaced by `[Filtered]`. `extra` adds rules:
 * a string matches anywhere in the name (case-insensitively), a RegExp is tested on it.
 * @example isSensitiveKey('X-Api-Key') // true
 * @example isSensitiveKey('order_id', ['order']) // true
 */
export function isSensitiveKey(name: string, extra: ReadonlyArray<string | RegExp> = []): boolean {
  const lower = String(name).toLowerCase();
  for (const rule of extra) {
    if (typeof rule === 'string' ? lower.includes(rule.toLowerCase()) : rule instanceof RegExp && testOnce(rule, name)) {
      return true;
    }
  }
  return !HARMLESS.has(lower) && SENSITIVE.test(lower);
}

/** `test` that ignores a global RegExp's `lastIndex` left over from an earlier call. */
function testOnce(rule: RegExp, text: string): boolean {
  rule.lastIndex = 0;
  return rule.test(text);
}
