// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { normalize } from '../src/normalize';

describe('normalize: browser objects become short tags', () => {
  it('window, document, elements, text nodes and events', () => {
    const button = document.createElement('button');
    const value = {
      window,
      document,
      button,
      text: document.createTextNode('hi'),
      event: new MouseEvent('click'),
    };
    expect(normalize(value)).toEqual({
      window: '[Window]',
      document: '[Document]',
      button: '[HTMLElement: button]',
      text: '[Node: #text]',
      event: '[Event: click]',
    });
  });
});
