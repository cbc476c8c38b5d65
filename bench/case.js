// @ts-check
'use strict';

/**
 * One measurement in a fresh process: loads n8n-core and the nodes, runs the workflow once on a
 * small query to warm up, then once on the real one, and prints wall time, CPU time (this process
 * only, so not the simulator's), peak RSS, how far the run raised RSS above the warmed-up process
 * (memory the run itself needs) and a digest of the output (so the parent can check the ways
 * agree). Then it runs the real query once more and prints that run's wall and CPU time too: the
 * first run of a size pays for the JIT compiling the code that handles each row, which an n8n
 * that has run the workflow before has done. Usage: node case.js '<json>'
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
	const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
	const started = performance.now();
	const cpuBefore = process.cpuUsage();
	const rows = await run(sim);
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	const maxRssMb = process.resourceUsage().maxRSS / 1024;
	const digest = createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);
	const warmStarted = performance.now();
	const warmCpuBefore = process.cpuUsage();
	await run(sim);
	const warmWallMs = performance.now() - warmStarted;
	const warmCpu = process.cpuUsage(warmCpuBefore);
	process.stdout.write(
		`${JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb, rssGrowthMb: maxRssMb - rssBeforeMb, warmWallMs, warmCpuMs: (warmCpu.user + warmCpu.system) / 1000, rows: rows.length, digest })}\n`,
	);
}

main().catch((error) => {
	process.stderr.write(`${error?.stack ?? error}\n`);
	process.exitCode = 1;
});
