// @ts-check
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

const root = path.join(__dirname, '..', '..');
const pkg = require('../../package.json');

describe('the published package', () => {
	test('follows the contract: name, n8n section, peer n8n-workflow, no runtime dependencies', () => {
		expect(pkg.name).toBe('n8n-nodes-wolkvox');
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.n8n).toEqual({
			n8nNodesApiVersion: 1,
			strict: true,
			credentials: ['dist/credentials/WolkvoxApi.credentials.js'],
			nodes: ['dist/nodes/Wolkvox/Wolkvox.node.js', 'dist/nodes/WolkvoxTrigger/WolkvoxTrigger.node.js'],
		});
		for (const file of [...pkg.n8n.credentials, ...pkg.n8n.nodes]) expect(fs.existsSync(path.join(root, file))).toBe(true);
	});

	test('npm pack holds only dist/, README, LICENSE and package.json, icons and codex included', () => {
		const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
		const files = packed.files.map((/** @type {{ path: string }} */ file) => file.path);
		expect(files.filter((file) => !file.startsWith('dist/')).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
		expect(files).toEqual(expect.arrayContaining(['dist/icons/wolkvox.svg', 'dist/icons/wolkvox.dark.svg', 'dist/nodes/Wolkvox/Wolkvox.node.json', 'dist/nodes/WolkvoxTrigger/WolkvoxTrigger.node.json']));
	});

	test('runtime code imports only what n8n provides to community nodes', () => {
		const allowed = new Set(['n8n-workflow', 'luxon', 'zod', 'crypto']);
		const distFiles = execFileSync('find', ['dist', '-name', '*.js'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
		for (const file of distFiles) {
			const source = fs.readFileSync(path.join(root, file), 'utf8');
			for (const [, name] of source.matchAll(/require\("([^"]+)"\)/g)) {
				if (!name.startsWith('.')) expect(`${file}: ${name}`).toBe(`${file}: ${allowed.has(name) ? name : '(allowed module)'}`);
			}
		}
	});

	test('Wolkvox knowledge (nodes/shared/wolkvox) does not import n8n', () => {
		const dir = path.join(root, 'dist', 'nodes', 'shared', 'wolkvox');
		for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.js'))) {
			expect(`${file}: ${fs.readFileSync(path.join(dir, file), 'utf8').includes('n8n-')}`).toBe(`${file}: false`);
		}
	});
});
