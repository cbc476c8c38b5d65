// @ts-check
'use strict';

/**
 * Records what a version of the package outputs for the saved workflows of
 * test/fixtures/saved-workflows/cases.json, so the tests can hold later versions to it.
 * Run it against a checkout of that version (its harness and dist/; the simulator is this one's):
 *   node tools/record-saved-outputs.js <checkout> > test/fixtures/saved-workflows/outputs-<version>.json
 */

const path = require('node:path');

async function main() {
	const root = path.resolve(process.argv[2] ?? '.');
	const { Settings } = require(require.resolve('luxon', { paths: [root] }));
	const { runWorkflow, loadPackageTypes } = require(path.join(root, 'tools/harness'));
	// This repository's simulator, so every version is asked the same questions and sent the same answers.
	const { createSimulator } = require('./simulator');
	const cases = require('../test/fixtures/saved-workflows/cases.json');
	const sim = await createSimulator();
	/** @type {Record<string, unknown>} */
	const outputs = {};
	try {
		const types = await loadPackageTypes();
		for (const savedCase of cases) {
			const now = Date.parse(savedCase.now);
			Settings.now = () => now;
			sim.reset();
			const result = await runWorkflow(savedWorkflow(types, sim, savedCase.parameters));
			if (result.error) throw new Error(`${savedCase.name}: ${result.error.message}`);
			outputs[savedCase.name] = (result.items.Wolkvox?.[0] ?? []).map((item) => item.json);
		}
	} finally {
		await sim.close();
	}
	process.stdout.write(`${JSON.stringify(outputs, null, '\t')}\n`);
}

/**
 * Manual Trigger → a Wolkvox node with `parameters` as a workflow saved them.
 * @param {any} types @param {{ url: string, server: string, token: string }} sim @param {object} parameters
 */
function savedWorkflow(types, sim, parameters) {
	return {
		types,
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
			{
				name: 'Wolkvox',
				type: 'n8n-nodes-wolkvox.wolkvox',
				typeVersion: 1,
				parameters,
				credentials: { wolkvoxApi: { id: '1', name: 'Wolkvox' } },
			},
		],
		connections: { Start: { main: [[{ node: 'Wolkvox', type: 'main', index: 0 }]] } },
		credentials: {
			wolkvoxApi: { 1: { server: sim.server, token: sim.token, baseUrl: sim.url } },
		},
		timezone: 'America/Bogota',
	};
}

if (require.main === module)
	main().catch((error) => {
		process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
		process.exitCode = 1;
	});

module.exports = { savedWorkflow };
