// A short, readable CSS selector for a breadcrumb: `button#save.primary`, or, for an
// element without id, its path from the nearest ancestor that has one.

const MAX_DEPTH = 3;
const MAX_LENGTH = 80;

/**
 * @example
 * cssSelector(document.querySelector('#save')) // 'button#save.primary'
 * cssSelector(iconInToolbar) // 'div#toolbar > span.icon'
 */
export function cssSelector(element: Element): string {
  const parts: string[] = [];
  let current: Element | null = element;
  while (current && parts.length < MAX_DEPTH && current.tagName !== 'HTML' && current.tagName !== 'BODY') {
    parts.unshift(describe(current));
    if (current.id) break;
    current = current.parentElement;
  }
  const selector = parts.join(' > ') || element.tagName.toLowerCase();
  return selector.length > MAX_LENGTH ? `${selector.slice(0, MAX_LENGTH - 1)}…` : selector;
}

function describe(element: Element): string {
  let text = element.tagName.toLowerCase();
  if (element.id) text += `#${element.id}`;
  const classes = typeof element.className === 'string' ? element.className.trim().split(/\s+/) : [];
  for (const name of classes) if (name) text += `.${name}`;
  const label = element.getAttribute('name') ?? element.getAttribute('aria-label');
  if (!element.id && label) text += `[${element.hasAttribute('name') ? 'name' : 'aria-label'}="${label}"]`;
  return text;
}
