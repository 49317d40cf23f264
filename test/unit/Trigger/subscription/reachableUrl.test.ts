import { describe, expect, it } from 'vitest';

import { unreachableReason } from '../../../../nodes/Unified/Trigger/subscription/reachableUrl';

describe('whether Unified.to can reach the webhook URL', () => {
	it.each([
		'https://n8n.example.com/webhook/abc/webhook',
		'http://n8n.example.com:5678/webhook/abc/webhook',
		'https://abc123.ngrok-free.app/webhook/abc/webhook',
		'https://8.8.8.8/webhook/abc/webhook',
		'https://[2001:4860:4860::8888]/webhook/abc/webhook',
		'https://172.32.0.1/webhook/abc/webhook',
		'https://100.128.0.1/webhook/abc/webhook',
	])('%s may be reached', (url) => {
		expect(unreachableReason(url)).toBeUndefined();
	});

	it.each([
		['http://localhost:5678/webhook/abc/webhook', /this machine's own name/],
		['http://LOCALHOST.:5678/webhook/abc/webhook', /this machine's own name/],
		['http://n8n.localhost/webhook', /this machine's own name/],
		['http://127.0.0.1:5678/webhook/abc/webhook', /loopback or private/],
		['http://127.1:5678/webhook', /loopback or private/],
		['http://0x7f.1/webhook', /loopback or private/],
		['http://2130706433/webhook', /loopback or private/],
		['http://0.0.0.0:5678/webhook', /loopback or private/],
		['http://10.1.2.3/webhook', /loopback or private/],
		['http://172.16.0.1/webhook', /loopback or private/],
		['http://172.31.255.255/webhook', /loopback or private/],
		['http://192.168.1.10:5678/webhook', /loopback or private/],
		['http://169.254.169.254/webhook', /loopback or private/],
		['http://100.64.0.1/webhook', /loopback or private/],
		['http://[::1]:5678/webhook', /loopback or private/],
		['http://[::]/webhook', /loopback or private/],
		['http://[fd00::1]/webhook', /loopback or private/],
		['http://[fe80::1]/webhook', /loopback or private/],
		['http://[::ffff:127.0.0.1]/webhook', /loopback or private/],
		['http://[::ffff:c0a8:0101]/webhook', /loopback or private/],
		['http://n8n:5678/webhook/abc/webhook', /has no domain/],
		['http://n8n.local/webhook', /only a local network knows/],
		['http://n8n.internal/webhook', /only a local network knows/],
		['ftp://n8n.example.com/webhook', /scheme is ftp:/],
		['not a url', /not a URL/],
	])('%s cannot be reached', (url, reason) => {
		expect(unreachableReason(url)).toMatch(reason);
	});
});
