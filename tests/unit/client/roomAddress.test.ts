import { describe, expect, it } from 'vitest';
import { roomAddressFor } from '../../../client/publicOrigin.ts';

const LAN = 'http://192.0.2.2:8080';

function at(url: string) {
  const { hostname, origin, pathname, hash } = new URL(url);
  return { hostname, origin, pathname, hash };
}

const noStoredToken = () => null;

describe('where a page opened on loopback moves', () => {
  it('goes to the LAN start page from the start page', () => {
    expect(roomAddressFor(at('http://localhost:8080/'), LAN, noStoredToken)).toBe(`${LAN}/`);
  });

  it('keeps the join page and its code', () => {
    expect(
      roomAddressFor(at('http://127.0.0.1:8080/join/b1#code=K7QM2P'), LAN, noStoredToken),
    ).toBe(`${LAN}/join/b1#code=K7QM2P`);
  });

  it("carries a facilitator link's token, or the identity stored on loopback before", () => {
    expect(roomAddressFor(at('http://localhost:8080/b/b1#token=abc'), LAN, noStoredToken)).toBe(
      `${LAN}/b/b1#token=abc`,
    );
    expect(
      roomAddressFor(at('http://localhost:8080/b/b1'), LAN, (id) => (id === 'b1' ? 'xyz' : null)),
    ).toBe(`${LAN}/b/b1#token=xyz`);
    expect(roomAddressFor(at('http://localhost:8080/b/b1'), LAN, noStoredToken)).toBe(
      `${LAN}/b/b1`,
    );
  });

  it('stays on the printed report (it needs the identity kept where it is)', () => {
    expect(roomAddressFor(at('http://localhost:8080/b/b1/report'), LAN, noStoredToken)).toBeNull();
  });

  it('stays when the page is not on loopback, or the room address is loopback or the same', () => {
    expect(roomAddressFor(at('http://192.168.1.5:8080/'), LAN, noStoredToken)).toBeNull();
    expect(
      roomAddressFor(at('http://127.0.0.1:8080/'), 'http://127.0.0.1:8080', noStoredToken),
    ).toBeNull();
    expect(roomAddressFor(at('http://127.0.0.1:8080/'), 'not a url', noStoredToken)).toBeNull();
  });

  it('goes to PUBLIC_URL when that is where links point', () => {
    expect(
      roomAddressFor(at('http://localhost:8080/'), 'https://retreat.example.org', noStoredToken),
    ).toBe('https://retreat.example.org/');
  });
});
