// Everything the pages show comes from whoever posted the event: it is all escaped.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML element or a quoted attribute; non-strings are shown as JSON. */
export function escapeHtml(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? String(value));
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]);
}

/** Tagged template: interpolated values are escaped unless they are `Html` built by `html`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  values.forEach((value, index) => {
    out += toHtml(value) + strings[index + 1];
  });
  return new Html(out);
}

/** Markup that is already safe. Only `html` and `join` make it. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export function join(parts: Html[]): Html {
  return new Html(parts.map((part) => part.markup).join(''));
}

function toHtml(value: unknown): string {
  if (value instanceof Html) return value.markup;
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}
