// Pattern matching shared by the filters: a string matches as a substring, a RegExp by test.

/** `true` when `text` matches any pattern. A pattern that throws (a hostile RegExp) does not match. */
export function matchesAny(text: string, patterns: ReadonlyArray<string | RegExp> | undefined): boolean {
  if (!patterns) return false;
  return patterns.some((pattern) => {
    try {
      return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
    } catch {
      return false;
    }
  });
}
