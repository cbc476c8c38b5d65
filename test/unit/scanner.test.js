// @ts-check
// n8n's verification gate, run here: @n8n/scan-community-package lints the provenance-attested
// source and the published tarball. Its CLI needs the public registry; its analysis does not, so
// `npm test` runs that analysis on the source and on the tarball `npm pack` makes. Any finding fails.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const ANALYZE = path.join(__dirname, '..', 'scanner', 'analyze.mjs');

/**
 * @param {string} dir @param {'source' | 'tarball'} leg
 * @returns {{ passed: boolean, files: string[], message?: string, details?: string }}
 */
function analyze(dir, leg) {
	// Not jest's NODE_ENV=test: eslint-plugin-n8n-nodes-base then lints made-up file names and
	// reports rules (file naming, "-Trigger" suffix, error classes) that do not hold for real files.
	const { NODE_ENV, ...env } = process.env;
	return JSON.parse(
		execFileSync(process.execPath, [ANALYZE, dir, leg], { cwd: root, env, encoding: 'utf8' }),
	);
}

/** @param {{ passed: boolean, message?: string, details?: string }} result */
const findings = (result) =>
	result.passed ? 'none' : `${result.message}\n${result.details ?? ''}`;

describe("n8n's community-package scanner", () => {
	/** @type {string} */
	let work;
	beforeAll(() => {
		work = fs.mkdtempSync(path.join(os.tmpdir(), 'wolkvox-scan-'));
	});
	afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

	test('finds nothing in the source (package.json, nodes/, credentials/)', () => {
		const result = analyze(root, 'source');
		expect(findings(result)).toBe('none');
		expect(result.files).toEqual(
			expect.arrayContaining([
				'package.json',
				'credentials/WolkvoxApi.credentials.ts',
				'nodes/Wolkvox/Wolkvox.node.ts',
				'nodes/WolkvoxTrigger/WolkvoxTrigger.node.ts',
				'nodes/Wolkvox/Wolkvox.node.json',
			]),
		);
	}, 120_000);

	test('finds nothing in the packed tarball (compiled JS and package.json)', () => {
		const [packed] = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
				cwd: root,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}),
		);
		const unpacked = path.join(work, 'package');
		fs.mkdirSync(unpacked);
		execFileSync('tar', [
			'-xzf',
			path.join(work, packed.filename),
			'-C',
			unpacked,
			'--strip-components=1',
		]);
		const result = analyze(unpacked, 'tarball');
		expect(findings(result)).toBe('none');
		expect(result.files).toEqual(
			expect.arrayContaining([
				'package.json',
				'dist/credentials/WolkvoxApi.credentials.js',
				'dist/nodes/Wolkvox/Wolkvox.node.js',
				'dist/nodes/WolkvoxTrigger/WolkvoxTrigger.node.js',
			]),
		);
	}, 120_000);

	test('does report a finding (so a pass above means something)', () => {
		const bad = path.join(work, 'bad');
		fs.mkdirSync(path.join(bad, 'dist', 'nodes'), { recursive: true });
		fs.writeFileSync(
			path.join(bad, 'package.json'),
			JSON.stringify({
				name: 'n8n-nodes-bad',
				version: '1.0.0',
				keywords: ['n8n-community-node-package'],
			}),
		);
		fs.writeFileSync(path.join(bad, 'dist', 'nodes', 'Bad.node.js'), "console.log('token');\n");
		const result = analyze(bad, 'tarball');
		expect(result.passed).toBe(false);
		expect(result.details).toMatch(/no-console/);
	}, 120_000);
});
