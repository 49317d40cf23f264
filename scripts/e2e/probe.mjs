// Preloaded into every n8n process `npm run e2e` starts (NODE_OPTIONS=--import). Without E2E_PROBE_FILE it does
// nothing. It records:
// - which copies of n8n-workflow, isolated-vm and undici the process loads (a second n8n-workflow means the
//   package was installed with its peer dependency);
// - with E2E_RSS_MARK set, the memory figures of the memory case: the resident set size when the first HTTP
//   request to a URL containing E2E_RSS_MARK starts (undici's and node:http's diagnostics channels: the
//   Passthrough node uses undici, the HTTP Request node node:http), and the peak after that. The kernel's peak
//   counter (VmHWM) is reset at the mark, so the peak is exact; where that is not permitted, RSS is sampled
//   every 10 ms. E2E_RSS_TIMELINE=1 adds a sample every 10 ms: [ms, rss, heapTotal, heapUsed, external,
//   arrayBuffers] in bytes;
// - with E2E_CPU_TIMELINE set, the process's CPU time every 5 ms.
import { subscribe } from 'node:diagnostics_channel';
import { readFileSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const file = process.env.E2E_PROBE_FILE;
const mark = process.env.E2E_RSS_MARK;
// Only for the n8n process itself: the task runners it starts inherit NODE_OPTIONS, not this.
delete process.env.E2E_PROBE_FILE;

function watchCopies() {
	const loaded = { 'n8n-workflow': new Set(), undici: new Set(), 'isolated-vm': new Set() };
	registerHooks({
		load(url, context, nextLoad) {
			const match = /^file:\/\/(.*\/node_modules\/(n8n-workflow|undici|isolated-vm))\/[^/]+/.exec(
				url,
			);
			if (match) loaded[match[2]].add(match[1]);
			return nextLoad(url, context);
		},
	});
	return () =>
		Object.fromEntries(Object.entries(loaded).map(([name, folders]) => [name, [...folders]]));
}

function watchMemory() {
	const started = Date.now();
	const timeline = [];
	let atMark;
	let sampledPeak = 0;
	let counterReset = false;
	const onRequest = (url) => {
		if (atMark || !url.includes(mark)) return;
		const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
		atMark = { ms: Date.now() - started, rss, heapUsed, arrayBuffers };
		try {
			writeFileSync('/proc/self/clear_refs', '5');
			counterReset = true;
		} catch {
			counterReset = false;
		}
	};
	subscribe('undici:request:create', ({ request }) =>
		onRequest(`${request.origin}${request.path}`),
	);
	subscribe('http.client.request.start', ({ request }) =>
		onRequest(`${request.host}${request.path}`),
	);
	setInterval(() => {
		if (!atMark && !process.env.E2E_RSS_TIMELINE) return;
		const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
		if (atMark) sampledPeak = Math.max(sampledPeak, rss);
		if (process.env.E2E_RSS_TIMELINE)
			timeline.push([Date.now() - started, rss, heapTotal, heapUsed, external, arrayBuffers]);
	}, 10).unref();
	return () => {
		if (!atMark) return undefined;
		const hwm = counterReset
			? Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) * 1024
			: NaN;
		return {
			atMark,
			peakSinceMark: Number.isFinite(hwm) ? Math.max(hwm, sampledPeak) : sampledPeak,
			peakSource: Number.isFinite(hwm)
				? 'kernel peak counter (VmHWM), reset at the request'
				: 'sampled every 10 ms',
			timeline: process.env.E2E_RSS_TIMELINE ? timeline : undefined,
		};
	};
}

/**
 * With E2E_CPU_TIMELINE set, the process's CPU time (user + system, every thread: isolated-vm's included) every
 * 5 ms as [Date.now(), microseconds], so that a node's CPU time can be read between its start and end.
 */
function watchCpu() {
	const timeline = [];
	const sample = () => {
		const { user, system } = process.cpuUsage();
		timeline.push([Date.now(), user + system]);
	};
	setInterval(sample, 5).unref();
	return () => {
		sample();
		return timeline;
	};
}

/** Where a non-zero exit code came from: n8n sometimes exits 1 without saying why. */
function watchExit() {
	let nonZero;
	const exit = process.exit;
	process.exit = function (code) {
		if (code && !nonZero) nonZero = { code, stack: new Error('process.exit').stack };
		return exit.call(process, code);
	};
	return () => nonZero;
}

if (file) {
	const copies = watchCopies();
	const memory = mark ? watchMemory() : () => undefined;
	const exit = watchExit();
	const cpu = process.env.E2E_CPU_TIMELINE ? watchCpu() : () => undefined;
	process.on('exit', () =>
		writeFileSync(
			file,
			JSON.stringify({ loaded: copies(), memory: memory(), exit: exit(), cpu: cpu() }),
		),
	);
}
