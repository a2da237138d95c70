export { getIntegrationsToSetup, setupIntegrations } from './setup';
export { inboundFiltersIntegration } from './inboundfilters';
export type { InboundFiltersOptions } from './inboundfilters';
export { dedupeIntegration } from './dedupe';
export { linkedErrorsIntegration } from './linkederrors';
export type { LinkedErrorsOptions } from './linkederrors';
