import { createElement, isValidElement, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { richMessage } from '../../../client/board/richMessage.tsx';
import { translator } from '../../../shared/i18n/translator.ts';

function children(node: ReactNode): unknown[] {
  if (!isValidElement<{ children?: unknown }>(node)) throw new Error('not an element');
  const { children: inside } = node.props;
  return Array.isArray(inside) ? inside : [inside];
}

describe('richMessage', () => {
  it('puts the elements where the translation puts their arguments, plurals included', () => {
    const strong = (text: string) => createElement('strong', null, text);
    const here = strong('27');
    const finished = strong('1');
    const parts = children(
      richMessage(
        translator('es'),
        'board.room.counts',
        { finished: 1 },
        { hereShown: here, finishedShown: finished },
      ),
    );
    expect(parts).toEqual([here, ' aquí · ', finished, ' terminó']);
  });

  it('leaves a message without element arguments as its text', () => {
    const parts = children(richMessage(translator('en'), 'board.skipLink', {}, {}));
    expect(parts.join('')).toBe('Skip to the board');
  });
});
