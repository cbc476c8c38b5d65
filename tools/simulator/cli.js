#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Runs the Wolkvox API simulator as its own process (real n8n E2E, load tests, manual tries).
 *
 *   node tools/simulator/cli.js [--port 8899] [--host 127.0.0.1] [--token T] [--server 0042]
 *                              [--skills N] [--latency ms] [--quota N] [--max-simultaneous N]
 *
 * Prints one JSON line {"url", "server", "token"} on stdout once listening; stops on SIGINT/SIGTERM.
 * Control it over HTTP: GET /__sim/stats, POST /__sim/reset, /__sim/faults, ... (see index.js).
 */

const { parseArgs } = require('node:util');
const { createSimulator, DEFAULT_TOKEN } = require('./index');

const OPTIONS = /** @type {const} */ ({
	port: { type: 'string', default: '0' },
	host: { type: 'string', default: '127.0.0.1' },
	token: { type: 'string', default: DEFAULT_TOKEN },
	server: { type: 'string', default: '0042' },
	skills: { type: 'string' },
	latency: { type: 'string', default: '0' },
	quota: { type: 'string', default: '1000' },
	'max-simultaneous': { type: 'string', default: '2' },
});

/** @param {string} name @param {string} text */
function wholeNumber(name, text) {
	if (!/^\d+$/.test(text))
		throw new Error(`--${name} must be a whole number, got ${JSON.stringify(text)}`);
	return Number(text);
}

async function main() {
	const { values } = parseArgs({ options: OPTIONS, strict: true });
	const simulator = await createSimulator({
		port: wholeNumber('port', values.port),
		host: values.host,
		server: values.server,
		tokens: { [values.token]: { quota: wholeNumber('quota', values.quota) } },
		skills: values.skills === undefined ? undefined : wholeNumber('skills', values.skills),
		latencyMs: wholeNumber('latency', values.latency),
		maxSimultaneous: wholeNumber('max-simultaneous', values['max-simultaneous']),
	});
	process.stdout.write(
		`${JSON.stringify({ url: simulator.url, server: simulator.server, token: simulator.token })}\n`,
	);
	const stop = () => simulator.close().then(() => process.exit(0));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error) => {
	process.stderr.write(`wolkvox simulator: ${error instanceof Error ? error.message : error}\n`);
	process.exit(1);
});
