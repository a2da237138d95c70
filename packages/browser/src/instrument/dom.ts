// Observes clicks and key presses anywhere in the document, in the capture phase so that
// an app's stopPropagation cannot hide them.
import { safely } from './fill';

export type DomAction = 'click' | 'input';

// Typing produces a key press per character: one breadcrumb per field per second is enough.
const KEYPRESS_DEBOUNCE_MS = 1000;

/** Calls `onAction` with the element clicked or typed into (never the key itself). */
export function instrumentDom(onAction: (action: DomAction, target: Element) => void): void {
  if (typeof document === 'undefined') return;
  let lastTyped: EventTarget | null = null;
  let lastTypedAt = 0;
  document.addEventListener(
    'click',
    (event) => safely(() => event.target instanceof Element && onAction('click', event.target)),
    true,
  );
  document.addEventListener(
    'keypress',
    (event) =>
      safely(() => {
        const target = event.target;
        if (!isEditable(target)) return;
        const now = Date.now();
        if (target === lastTyped && now - lastTypedAt < KEYPRESS_DEBOUNCE_MS) return;
        lastTyped = target;
        lastTypedAt = now;
        onAction('input', target);
      }),
    true,
  );
}

function isEditable(target: EventTarget | null): target is Element {
  if (!(target instanceof Element)) return false;
  return /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || (target as HTMLElement).isContentEditable;
}
