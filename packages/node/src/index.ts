// @faultline/node: the public API.

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
  endSession,
  withIsolationScope,
  withScope,
  Client,
  Client as NodeClient,
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
export { init, getDefaultIntegrations, SDK_NAME } from './sdk';
export type { NodeOptions } from './sdk';
export { makeNodeTransport, createHttpRequestExecutor } from './transports/http';
export type { NodeTransportOptions } from './transports/http';
export { makeNodeOfflineTransport, defaultOfflineFolder } from './offline/transport';
export type { NodeOfflineOptions } from './offline/transport';
export { createFolderStore } from './offline/folderstore';
export { defaultStackParser, createNodeStackParser } from './stack';
export { consoleIntegration } from './integrations/console';
export { nodeContextIntegration } from './integrations/context';
export { contextLinesIntegration } from './integrations/contextlines';
export type { ContextLinesOptions } from './integrations/contextlines';
export { nativeNodeFetchIntegration } from './integrations/fetch';
export { httpIntegration } from './integrations/http';
export { httpServerIntegration } from './integrations/httpserver';
export { modulesIntegration } from './integrations/modules';
export { onSignalIntegration } from './integrations/onsignal';
export { onUncaughtExceptionIntegration } from './integrations/onuncaughtexception';
export type { OnUncaughtExceptionOptions } from './integrations/onuncaughtexception';
export { onUnhandledRejectionIntegration } from './integrations/onunhandledrejection';
export type { OnUnhandledRejectionOptions, UnhandledRejectionMode } from './integrations/onunhandledrejection';
export { processSessionIntegration } from './integrations/processsession';
export { requestDataFromIncoming } from './requestdata';
export { setupExpressErrorHandler } from './frameworks/express';
export { setupFastifyErrorHandler } from './frameworks/fastify';
export { setupKoaErrorHandler } from './frameworks/koa';
export { setupHonoErrorHandler } from './frameworks/hono';
export { isServerError } from './frameworks/servererror';
export type { ErrorHandlerOptions } from './frameworks/servererror';
export { createTunnelHandler } from './tunnel';
export type { TunnelOptions, TunnelHandler, TunnelUpstreamOptions } from './tunnel';
