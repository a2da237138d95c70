// Both SDKs as their users set them up: the browser package's `init({ dsn, transport })` with
// its default integrations, and a no-op transport built by the SDK's own `createTransport`,
// which serializes each envelope and hands it to a request function that only counts it.
// Call `installPage()` first: both browser SDKs look for window, document and navigator.

const DSN = 'https://4f1c2a9b7e3d4c5a8b6e0d1f2a3b4c5d@o1.ingest.example.com/42';

/** The page's state when the error happens, identical for both SDKs. */
const USER = { id: '4711' };
const TAGS = { 'ui.route': '/cart', plan: 'pro' };
const BREADCRUMBS = Array.from({ length: 20 }, (_, index) => {
  const timestamp = 1_790_000_000 + index;
  switch (index % 4) {
    case 0:
      return { timestamp, category: 'navigation', data: { from: '/products', to: '/cart' } };
    case 1:
      return { timestamp, category: 'ui.click', message: 'main#cart > button#pay' };
    case 2:
      return {
        timestamp,
        type: 'http',
        category: 'fetch',
        data: { method: 'GET', url: `https://shop.example.com/api/cart/${index}`, status_code: 200 },
      };
    default:
      return { timestamp, category: 'console', level: 'log', message: `cart updated (${index} lines)`, data: { logger: 'console' } };
  }
});

const EVENT_ITEM = '{"type":"event"';

function isEventEnvelope(body) {
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  return text.startsWith(EVENT_ITEM, text.indexOf('\n') + 1);
}

/**
 * Initialises one SDK and returns how to capture with it. `capture(error)` resolves when the
 * transport has received the serialized event envelope.
 */
function setUp(sdk, createTransport) {
  const delivered = { events: 0, bytes: 0 };
  let onEvent = () => {};
  const makeRequest = ({ body }) => {
    if (isEventEnvelope(body)) {
      delivered.events++;
      delivered.bytes += body.length;
      onEvent();
    }
    return Promise.resolve({ statusCode: 200, headers: {} });
  };
  sdk.init({ dsn: DSN, transport: (options) => createTransport(options, makeRequest) });
  sdk.setUser(USER);
  sdk.setTags(TAGS);
  return {
    delivered,
    /** Back to the same 20 breadcrumbs, so events never grow from one capture to the next. */
    resetBreadcrumbs() {
      const scope = sdk.getIsolationScope();
      scope.clearBreadcrumbs();
      for (const breadcrumb of BREADCRUMBS) scope.addBreadcrumb({ ...breadcrumb }, 100);
    },
    capture(error) {
      const sent = new Promise((resolve) => (onEvent = resolve));
      sdk.captureException(error);
      return sent;
    },
    close: () => sdk.close(2000),
  };
}

export async function initFaultline() {
  const sdk = await import('@faultline/browser');
  const { createTransport } = await import('@faultline/core');
  return setUp(sdk, createTransport);
}

export async function initSentry() {
  const sdk = await import('@sentry/browser');
  return setUp(sdk, sdk.createTransport);
}

/** What each side runs, for the report. */
export async function defaultIntegrationNames() {
  const faultline = await import('@faultline/browser');
  const sentry = await import('@sentry/browser');
  return {
    faultline: faultline.getDefaultIntegrations().map((integration) => integration.name),
    sentry: sentry.getDefaultIntegrations({}).map((integration) => integration.name),
  };
}
