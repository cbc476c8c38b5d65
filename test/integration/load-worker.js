// @ts-check
'use strict';

/**
 * A second n8n process for the load tests: runs N Wolkvox workflow executions at once through
 * n8n-core (its own per-token limiter, as in a queue-mode worker) and prints one JSON line with
 * what each execution's items got. Usage: node load-worker.js '<json options>'
 */

const { runWolkvox, customRange } = require('./wolkvox');

async function main() {
	const { url, token, server, executions, skills, range } = JSON.parse(process.argv[2]);
	const sim = /** @type {any} */ ({ url, token, server });
	const results = await Promise.all(
		Array.from({ length: executions }, () =>
			runWolkvox(sim, customRange(range.start, range.end, { skillId: '={{ $json.skill }}' }), {
				inputItems: skills.map((/** @type {number} */ skill) => ({ json: { skill } })),
				continueOnFail: true,
			}),
		),
	);
	const runs = results.map((result) => ({
		error: result.error ? String(/** @type {any} */ (result.error).message) : undefined,
		items: result.items.map((item) => ({
			item: /** @type {any} */ (item.pairedItem).item,
			json: item.json,
		})),
	}));
	process.stdout.write(`${JSON.stringify(runs)}\n`);
}

main().catch((error) => {
	process.stderr.write(`${error?.stack ?? error}\n`);
	process.exitCode = 1;
});
