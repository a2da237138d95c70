import { describe, expect, it } from 'vitest';
import { getIntegrationsToSetup } from '../../src/integrations/index';
import type { Integration } from '../../src/types';

const named = (name: string, tag = ''): Integration => ({ name, setup: () => tag });
const names = (list: Integration[]) => list.map((integration) => integration.name);

describe('getIntegrationsToSetup', () => {
  const defaults = [named('InboundFilters'), named('Dedupe'), named('LinkedErrors')];

  it('uses the defaults when the user gives none', () => {
    expect(names(getIntegrationsToSetup({ defaultIntegrations: defaults }))).toEqual(['InboundFilters', 'Dedupe', 'LinkedErrors']);
  });

  it('adds user integrations and lets them replace a default of the same name', () => {
    const mine = named('Dedupe', 'mine');
    const result = getIntegrationsToSetup({ defaultIntegrations: defaults, integrations: [mine, named('Custom')] });
    expect(names(result)).toEqual(['InboundFilters', 'Dedupe', 'LinkedErrors', 'Custom']);
    expect(result[1]).toBe(mine);
  });

  it('gives the defaults to a function and uses what it returns', () => {
    const result = getIntegrationsToSetup({
      defaultIntegrations: defaults,
      integrations: (all) => [...all.filter((i) => i.name !== 'Dedupe'), named('Extra')],
    });
    expect(names(result)).toEqual(['InboundFilters', 'LinkedErrors', 'Extra']);
  });

  it('turns the defaults off with defaultIntegrations: false', () => {
    expect(names(getIntegrationsToSetup({ defaultIntegrations: false, integrations: [named('Only')] }))).toEqual(['Only']);
  });

  it('keeps the defaults when the function throws, and skips entries without a name', () => {
    const result = getIntegrationsToSetup({ defaultIntegrations: defaults, integrations: () => { throw new Error('bug'); } });
    expect(names(result)).toEqual(['InboundFilters', 'Dedupe', 'LinkedErrors']);
    expect(names(getIntegrationsToSetup({ integrations: [null, {}, named('Ok')] as never }))).toEqual(['Ok']);
  });
});
