import { isIP } from 'node:net';

/** IPv4 ranges no one on the internet can reach: loopback, private, link-local, shared (CGNAT), "this network". */
const PRIVATE_V4: Array<[number, number]> = [
	[0x00000000, 8],
	[0x0a000000, 8],
	[0x64400000, 10],
	[0x7f000000, 8],
	[0xa9fe0000, 16],
	[0xac100000, 12],
	[0xc0a80000, 16],
];

function v4Number(address: string): number {
	return address.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function privateV4(address: string): boolean {
	const value = v4Number(address);
	return PRIVATE_V4.some(
		([base, bits]) => Math.floor(value / 2 ** (32 - bits)) === base / 2 ** (32 - bits),
	);
}

/** ::, ::1, fc00::/7 (unique local), fe80::/10 (link-local), and IPv4 written as IPv6 (::ffff:10.0.0.1). */
function privateV6(address: string): boolean {
	const lower = address.toLowerCase();
	if (lower === '::' || lower === '::1') return true;
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
	if (mapped) return privateV4(mapped[1]);
	const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
	if (hex) {
		const value = parseInt(hex[1], 16) * 65536 + parseInt(hex[2], 16);
		return privateV4([24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.'));
	}
	const first = parseInt(lower.split(':')[0] || '0', 16);
	return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}

/**
 * Why Unified.to, calling from the internet, cannot reach n8n's webhook URL, or undefined when it may. Read from
 * the URL alone (no DNS lookup): a loopback or private address, a name that only resolves inside a machine or a
 * network (`localhost`, `*.local`, a name without a dot such as a Docker service), or a scheme other than http(s).
 * The WHATWG parser has already folded other spellings of an address (`0x7f.1`, `2130706433`) into dotted form.
 */
export function unreachableReason(hookUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(hookUrl);
	} catch {
		return 'it is not a URL';
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		return `its scheme is ${url.protocol.slice(0, 20)}, not http or https`;
	const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
	const family = isIP(host);
	if (family === 4 && privateV4(host)) return `${host} is a loopback or private address`;
	if (family === 6 && privateV6(host)) return `${host} is a loopback or private address`;
	if (family !== 0) return undefined;
	const name = host.toLowerCase();
	if (name === 'localhost' || name.endsWith('.localhost'))
		return `${name} is this machine's own name`;
	if (/\.(local|internal|lan|home\.arpa)$/.test(name))
		return `${name} is a name only a local network knows`;
	if (!name.includes('.'))
		return `${name} has no domain, so it only resolves inside a machine or a network`;
	return undefined;
}
