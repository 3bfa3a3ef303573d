import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  chooseOrigin,
  defaultRouteInterface,
  isRoomAddress,
  lanAddresses,
} from '../../../server/http/publicOrigin.ts';
import { isLoopbackHost } from '../../../shared/loopbackHost.ts';

const ROUTES = `Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0
wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0
eth0\t000200C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0
`;

function ipv4(address: string, internal = false): NetworkInterfaceInfo {
  return {
    address,
    netmask: '255.255.255.0',
    family: 'IPv4',
    mac: '00:00:00:00:00:00',
    internal,
    cidr: `${address}/24`,
  };
}

const INTERFACES = {
  lo: [ipv4('127.0.0.1', true)],
  docker0: [ipv4('172.17.0.1')],
  wlan0: [ipv4('192.168.1.20')],
  eth0: [
    ipv4('192.0.2.2'),
    {
      address: 'fe80::1',
      netmask: 'ffff:ffff:ffff:ffff::',
      family: 'IPv6',
      mac: '00:00:00:00:00:00',
      internal: false,
      cidr: 'fe80::1/64',
      scopeid: 2,
    } satisfies NetworkInterfaceInfo,
  ],
};

describe('the default route', () => {
  it('is the default route with the lowest metric', () => {
    expect(defaultRouteInterface(ROUTES)).toBe('eth0');
  });

  it('is none without a default route, or without a route table (not Linux)', () => {
    const withoutDefault = ROUTES.split('\n')
      .filter((line) => !line.includes('\t00000000\t0'))
      .join('\n');
    expect(defaultRouteInterface(withoutDefault)).toBeNull();
    expect(defaultRouteInterface('')).toBeNull();
  });
});

describe('loopback hosts', () => {
  it.each([
    'localhost',
    'LOCALHOST',
    'app.localhost',
    '127.0.0.1',
    '127.9.8.7',
    '::1',
    '[::1]',
    '::ffff:127.0.0.1',
    '0.0.0.0',
    '[::]',
  ])('%s is loopback', (host) => expect(isLoopbackHost(host)).toBe(true));
  it.each(['192.0.2.2', 'retreat.example.org', '10.0.0.127', '128.0.0.1', 'localhost.example.org'])(
    '%s is not',
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
});

describe('the LAN addresses offered', () => {
  it('are every non-internal IPv4 address, the default route first, when listening on all', () => {
    expect(lanAddresses(INTERFACES, 'eth0', '0.0.0.0')).toEqual([
      '192.0.2.2',
      '192.168.1.20',
      '172.17.0.1',
    ]);
    expect(lanAddresses(INTERFACES, 'eth0', '::')[0]).toBe('192.0.2.2');
  });

  it('without a default route, prefer a private address on a real interface to a virtual one', () => {
    // docker0 is a private range too, but no phone in the room reaches a container bridge.
    expect(lanAddresses(INTERFACES, null, '0.0.0.0')).toEqual([
      '192.168.1.20',
      '192.0.2.2',
      '172.17.0.1',
    ]);
  });

  it('are only the address listened on, and none when listening on loopback only', () => {
    expect(lanAddresses(INTERFACES, 'eth0', '192.168.1.20')).toEqual(['192.168.1.20']);
    expect(lanAddresses(INTERFACES, 'eth0', '127.0.0.1')).toEqual([]);
    expect(lanAddresses(INTERFACES, 'eth0', '10.9.9.9')).toEqual([]);
  });
});

describe('the origin links use', () => {
  const base = { publicUrl: null, scheme: 'http' as const, port: 8080, lan: ['192.0.2.2'] };

  it('is PUBLIC_URL when set, whatever the request', () => {
    expect(
      chooseOrigin({
        ...base,
        publicUrl: 'https://retreat.example.org',
        requestHost: 'localhost:8080',
      }),
    ).toBe('https://retreat.example.org');
  });

  it('is the address the request came to when that is not loopback', () => {
    expect(chooseOrigin({ ...base, requestHost: '192.168.1.20:8080' })).toBe(
      'http://192.168.1.20:8080',
    );
    expect(chooseOrigin({ ...base, requestHost: 'laptop.lan:8080' })).toBe(
      'http://laptop.lan:8080',
    );
  });

  it.each(['localhost:8080', '127.0.0.1:8080', '[::1]:8080', undefined])(
    'is the LAN address on the same port when the request came to %s',
    (requestHost) => {
      expect(chooseOrigin({ ...base, requestHost })).toBe('http://192.0.2.2:8080');
    },
  );

  it('follows TLS, leaving out the scheme’s own port', () => {
    expect(
      chooseOrigin({ ...base, scheme: 'https', requestHost: 'localhost:8443', port: 8443 }),
    ).toBe('https://192.0.2.2:8443');
    expect(chooseOrigin({ ...base, scheme: 'https', requestHost: 'localhost', port: 443 })).toBe(
      'https://192.0.2.2',
    );
  });

  it('stays on loopback only when the server has no LAN address', () => {
    expect(chooseOrigin({ ...base, lan: [], requestHost: '127.0.0.1:8080' })).toBe(
      'http://127.0.0.1:8080',
    );
  });
});

describe("who is told the machine's network addresses behind PUBLIC_URL", () => {
  it.each(['127.0.0.1', '::1', '::ffff:192.168.1.7', '10.2.3.4', '172.20.0.9', 'fd00::7'])(
    '%s is in the room',
    (remote) => expect(isRoomAddress(remote)).toBe(true),
  );
  it.each(['203.0.113.9', '::ffff:8.8.8.8', '2001:db8::1', '172.32.0.1', undefined])(
    '%s is not',
    (remote) => expect(isRoomAddress(remote)).toBe(false),
  );
});
