// @faultline/browser: the public API. Everything a Sentry browser user calls, same names.
export {
  addBreadcrumb,
  addEventProcessor,
  addIntegration,
  captureEvent,
  captureException,
  captureFeedback,
  captureMessage,
  captureSession,
  close,
  endSession,
  flush,
  getClient,
  getCurrentScope,
  getGlobalScope,
  getIsolationScope,
  isEnabled,
  isInitialized,
  lastEventId,
  setContext,
  setCurrentClient,
  setExtra,
  setExtras,
  setTag,
  setTags,
  setUser,
  startSession,
  withIsolationScope,
  withScope,
  Client,
  Client as BrowserClient,
  Scope,
  SDK_VERSION,
  dedupeIntegration,
  inboundFiltersIntegration,
  inboundFiltersIntegration as eventFiltersIntegration,
  linkedErrorsIntegration,
} from '@faultline/core';
export type {
  Attachment,
  Breadcrumb,
  BreadcrumbHint,
  CaptureContext,
  ErrorEvent,
  Event,
  EventHint,
  Exception,
  Integration,
  Options,
  SeverityLevel,
  StackFrame,
  Transport,
  User,
} from '@faultline/core';

export { init, getDefaultIntegrations } from './sdk';
export type { BrowserOptions } from './sdk';
export { defaultStackParser } from './stack';
export { makeFetchTransport } from './transports/fetch';
export type { FetchTransportOptions } from './transports/fetch';
export { makeBrowserOfflineTransport } from './offline/transport';
export { createIndexedDbStore } from './offline/indexeddb';
export { breadcrumbsIntegration } from './integrations/breadcrumbs';
export type { BreadcrumbsOptions } from './integrations/breadcrumbs';
export { browserApiErrorsIntegration } from './integrations/browserapierrors';
export type { BrowserApiErrorsOptions } from './integrations/browserapierrors';
export { browserSessionIntegration } from './integrations/browsersession';
export type { BrowserSessionOptions } from './integrations/browsersession';
export { consoleIntegration } from './integrations/console';
export type { ConsoleOptions } from './integrations/console';
export { globalHandlersIntegration } from './integrations/globalhandlers';
export type { GlobalHandlersOptions } from './integrations/globalhandlers';
export { httpContextIntegration } from './integrations/httpcontext';
