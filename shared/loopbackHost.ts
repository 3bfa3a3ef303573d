/**
 * Whether a host name is this machine only (127.0.0.0/8, ::1, `localhost` and its subdomains,
 * and the "any address" 0.0.0.0 / :: a browser may open locally): a link to it opens nothing on
 * anyone else's phone. The server and the client judge alike.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  if (host === '0.0.0.0' || host === '::') return true;
  const v4 = host.replace(/^::ffff:/, '');
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}
