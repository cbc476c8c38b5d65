// @ts-check
'use strict';

// The test side's HTTP client (tools/http.js), as the end-to-end, queue and bench runs use it:
// the simulator's control endpoint, a JSON POST, and a bound on a server that never answers.
const http = require('node:http');
const { httpJson } = require('../../tools/http');
const { useSharedSimulator } = require('./useSharedSimulator');

const sim = useSharedSimulator();

test("reads the simulator's control endpoint as JSON", async () => {
	const { status, json } = await httpJson(`${sim.url}/__sim/stats`);
	expect(status).toBe(200);
	expect(json).toEqual(sim.stats());
});

test('sends a JSON body and gives back non-JSON answers as text', async () => {
	const posted = await httpJson(`${sim.url}/__sim/latency`, {
		method: 'POST',
		body: { latencyMs: 0 },
	});
	expect(posted.status).toBe(200);
	const report = await httpJson(`${sim.url}/api/v2/reports_manager.php?api=skill_5`);
	expect(report.status).toBe(401);
	expect(report.text.length).toBeGreaterThan(0);
});

test('gives up on a server that never answers after its timeout', async () => {
	const silent = http.createServer(() => {
		/* never answers */
	});
	await new Promise((resolve) => silent.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (silent.address());
	try {
		await expect(httpJson(`http://127.0.0.1:${address.port}/`, { timeoutMs: 300 })).rejects.toThrow(
			/timeout/i,
		);
	} finally {
		silent.closeAllConnections();
		silent.close();
	}
});
