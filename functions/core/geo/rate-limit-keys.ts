import ipaddr from 'ipaddr.js';

/**
 * The keys one sign-in attempt counts against: its address (an IPv4 address, or the /64 an
 * IPv6 address lies in, since one subscriber gets a whole /64 to rotate through) and the
 * username tried, whatever the address.
 */
export function rateLimitKeys(ip: string, username: string): { address: string; username: string } {
  return { address: `ip:${addressKey(ip)}`, username: `user:${username.trim().toLowerCase()}` };
}

function addressKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  // An IPv4 address written as IPv6 (::ffff:1.2.3.4) counts as the IPv4 address.
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  return `${(address as ipaddr.IPv6).toNormalizedString().split(':').slice(0, 4).join(':')}::/64`;
}
