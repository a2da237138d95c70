// A short, readable CSS selector for a breadcrumb: `button#save.primary`, or, for an
// element without id, its path from the nearest ancestor that has one.

const MAX_DEPTH = 3;
const MAX_LENGTH = 80;

/** Sentry's names, from the `dom` option of its Breadcrumbs integration. */
export interface SelectorOptions {
  /** Attributes shown with their values where an element has them, e.g. `data-test`. */
  serializeAttribute?: string | string[];
  /** The selector is cut to this many characters. Default 80. */
  maxStringLength?: number;
}

/**
 * @example
 * cssSelector(document.querySelector('#save')) // 'button#save.primary'
 * cssSelector(iconInToolbar) // 'div#toolbar > span.icon'
 * cssSelector(payButton, { serializeAttribute: 'data-test' }) // 'button.primary[data-test="pay"]'
 */
export function cssSelector(element: Element, { serializeAttribute = [], maxStringLength = MAX_LENGTH }: SelectorOptions = {}): string {
  const attributes = ([] as string[]).concat(serializeAttribute);
  const parts: string[] = [];
  let current: Element | null = element;
  while (current && parts.length < MAX_DEPTH && current.tagName !== 'HTML' && current.tagName !== 'BODY') {
    parts.unshift(describe(current, attributes));
    if (current.id) break;
    current = current.parentElement;
  }
  const selector = parts.join(' > ') || element.tagName.toLowerCase();
  return selector.length > maxStringLength ? `${selector.slice(0, maxStringLength - 1)}…` : selector;
}

function describe(element: Element, attributes: string[]): string {
  let text = element.tagName.toLowerCase();
  if (element.id) text += `#${element.id}`;
  const classes = typeof element.className === 'string' ? element.className.trim().split(/\s+/) : [];
  for (const name of classes) if (name) text += `.${name}`;
  const label = element.getAttribute('name') ?? element.getAttribute('aria-label');
  if (!element.id && label) text += `[${element.hasAttribute('name') ? 'name' : 'aria-label'}="${label}"]`;
  for (const name of attributes) if (element.hasAttribute(name)) text += `[${name}="${element.getAttribute(name)}"]`;
  return text;
}
