// @ts-check
'use strict';

/**
 * One measurement in a fresh process: loads n8n-core and the nodes, runs the workflow once on a
 * small query to warm up, then once on the real one, and prints wall time, CPU time (this process
 * only, so not the simulator's), peak RSS, how far the run raised RSS above the warmed-up process
 * (memory the run itself needs) and a digest of the output (so the parent can check the ways
 * agree). Then it runs the real query once more and prints that run's wall and CPU time too: the
 * first run of a size pays for the JIT compiling the code that handles each row, which an n8n
 * that has run the workflow before has done. Usage: node --expose-gc case.js '<json>'
 */

const { createHash } = require('node:crypto');
const { performance } = require('node:perf_hooks');
const { runWorkflow, loadPackageTypes } = require('../tools/harness');
const { benchWorkflow } = require('./workflows');

const BASE_NODES = {
	'n8n-nodes-base.httpRequest': () =>
		new (require('n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node').HttpRequest)(),
	'n8n-nodes-base.splitOut': () =>
		new (require('n8n-nodes-base/dist/nodes/Transform/SplitOut/SplitOut.node').SplitOut)(),
	'n8n-nodes-base.set': () => new (require('n8n-nodes-base/dist/nodes/Set/Set.node').Set)(),
};

/** A full collection (the parent starts this process with --expose-gc). */
function collectGarbage() {
	const { gc } = /** @type {{ gc?: () => void }} */ (globalThis);
	if (!gc) throw new Error('run case.js with --expose-gc');
	gc();
}

/** How many rows came out, and a digest of them; the rows themselves are not kept. @param {unknown[]} output */
function outputFacts(output) {
	const digest = createHash('sha256').update(JSON.stringify(output)).digest('hex').slice(0, 16);
	return { rows: output.length, digest };
}

async function main() {
	const { name, sim, warmSim } = JSON.parse(process.argv[2]);
	const types = await loadPackageTypes();
	const extraNodeTypes = Object.fromEntries(
		Object.entries(BASE_NODES).map(([type, make]) => [type, make()]),
	);
	const run = async (/** @type {any} */ target) => {
		const { lastNode, ...workflow } = benchWorkflow(name, target);
		const result = await runWorkflow({ types, extraNodeTypes, ...workflow });
		if (result.error) throw result.error;
		return (result.items[lastNode]?.[0] ?? []).map((item) => item.json);
	};
	await run(warmSim);
	// Loading n8n leaves old-generation marking under way; its finishing pause (~25 ms) otherwise
	// falls into the timed run of any way at random, which made 24-row runs bimodal (~20 or ~40 ms).
	collectGarbage();
	const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
	const first = await timed(() => run(sim));
	const maxRssMb = process.resourceUsage().maxRSS / 1024;
	const { rows, digest } = outputFacts(first.result);
	first.result.length = 0; // the second run starts without the first one's rows held
	collectGarbage();
	const second = await timed(() => run(sim));
	process.stdout.write(
		`${JSON.stringify({ wallMs: first.wallMs, cpuMs: first.cpuMs, maxRssMb, rssGrowthMb: maxRssMb - rssBeforeMb, warmWallMs: second.wallMs, warmCpuMs: second.cpuMs, rows, digest })}\n`,
	);
}

/**
 * Wall and CPU time (this process only, so not the simulator's) of `work`, and its result.
 * @template T @param {() => Promise<T>} work
 */
async function timed(work) {
	const started = performance.now();
	const cpuBefore = process.cpuUsage();
	const result = await work();
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	return { result, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

main().catch((error) => {
	process.stderr.write(`${error?.stack ?? error}\n`);
	process.exitCode = 1;
});
