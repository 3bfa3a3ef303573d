/**
 * The answer of the early script's "/me" (client/pages/earlyMe.ts): a yes already read is taken
 * at once, so the board page starts knowing who this is; a no, an answer not yet read, or one for
 * another link is not, and the app then waits for (or asks) the server as before.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const ME = { boardId: 'b1', participantId: 'p1', role: 'participant', name: 'Ana' };

async function freshModule() {
  vi.resetModules();
  return import('../../../client/pages/earlyMe.ts');
}

function stubEarly(answer: unknown, token = 't1'): Record<string, unknown> {
  const response = Promise.resolve(new Response(JSON.stringify(ME)));
  const page: Record<string, unknown> = {
    __continuumEarlyMe: { boardId: 'b1', token, response, answer },
  };
  vi.stubGlobal('window', page);
  return page;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the early answer', () => {
  it('is taken at once when it is a yes already read, and stays the same for a second ask', async () => {
    const { earlyMe, earlyMeAnswered } = await freshModule();
    const page = stubEarly(ME);
    expect(earlyMeAnswered('b1', 't1')).toEqual(ME);
    expect(page.__continuumEarlyMe).toBeUndefined();
    // StrictMode renders twice, and the page's effect then asks for it as a promise.
    expect(earlyMeAnswered('b1', 't1')).toEqual(ME);
    await expect(earlyMe('b1', 't1')).resolves.toEqual(ME);
  });

  it('is not taken at once before it is read, when it is a no, or for another link', async () => {
    for (const answer of [null, { error: 'unknownToken' }, { ...ME, role: 'king' }]) {
      const { earlyMeAnswered } = await freshModule();
      const page = stubEarly(answer);
      expect(earlyMeAnswered('b1', 't1')).toBeNull();
      // Still there for the page's effect, which reads the response itself.
      expect(page.__continuumEarlyMe).toBeDefined();
    }
    const { earlyMeAnswered } = await freshModule();
    stubEarly(ME, 'someone else');
    expect(earlyMeAnswered('b1', 't1')).toBeNull();
    expect(earlyMeAnswered('b2', 'someone else')).toBeNull();
  });
});
