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
		expect(pkg.files).toEqual(['dist', 'CHANGELOG.md']);
		expect(pkg.n8n).toEqual({
			n8nNodesApiVersion: 1,
			strict: true,
			credentials: ['dist/credentials/WolkvoxApi.credentials.js'],
			nodes: [
				'dist/nodes/Wolkvox/Wolkvox.node.js',
				'dist/nodes/WolkvoxTrigger/WolkvoxTrigger.node.js',
			],
		});
		for (const file of [...pkg.n8n.credentials, ...pkg.n8n.nodes])
			expect(fs.existsSync(path.join(root, file))).toBe(true);
	});

	test('npm pack holds only dist/ (nodes, credentials, icons), README, CHANGELOG, LICENSE and package.json', () => {
		const [packed] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json'], {
				cwd: root,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}),
		);
		const files = packed.files.map((/** @type {{ path: string }} */ file) => file.path);
		expect(files.filter((file) => !file.startsWith('dist/')).sort()).toEqual([
			'CHANGELOG.md',
			'LICENSE',
			'README.md',
			'package.json',
		]);
		// `n8n-node dev` copies every .png/.svg of the repository into dist/: none of that may ship.
		expect(files.filter((file) => !/^dist\/(nodes|credentials|icons)\//.test(file))).toEqual(
			files.filter((file) => !file.startsWith('dist/')),
		);
		expect(files).toEqual(
			expect.arrayContaining([
				'dist/icons/wolkvox.svg',
				'dist/icons/wolkvox.dark.svg',
				'dist/nodes/Wolkvox/Wolkvox.node.json',
				'dist/nodes/WolkvoxTrigger/WolkvoxTrigger.node.json',
			]),
		);
	});

	test('runtime code imports only what n8n provides to community nodes', () => {
		const allowed = new Set(['n8n-workflow', 'luxon', 'zod', 'crypto']);
		const distFiles = execFileSync('find', ['dist', '-name', '*.js'], {
			cwd: root,
			encoding: 'utf8',
		})
			.trim()
			.split('\n');
		for (const file of distFiles) {
			const source = fs.readFileSync(path.join(root, file), 'utf8');
			for (const [, name] of source.matchAll(/require\("([^"]+)"\)/g)) {
				if (!name.startsWith('.'))
					expect(`${file}: ${name}`).toBe(
						`${file}: ${allowed.has(name) ? name : '(allowed module)'}`,
					);
			}
		}
	});

	test('Wolkvox knowledge (nodes/shared/wolkvox) does not import n8n', () => {
		const dir = path.join(root, 'dist', 'nodes', 'shared', 'wolkvox');
		const files = /** @type {string[]} */ (fs.readdirSync(dir, { recursive: true })).filter(
			(name) => name.endsWith('.js'),
		);
		// Every folder of the domain: spec, api, typing, time, staffing and the modules beside them.
		expect(files.length).toBeGreaterThan(25);
		for (const file of files) {
			expect(`${file}: ${fs.readFileSync(path.join(dir, file), 'utf8').includes('n8n-')}`).toBe(
				`${file}: false`,
			);
		}
	});

	describe('the README as npm shows it (npm renders it without the repository)', () => {
		const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
		const repository = /^https:\/\/github\.com\/([^/]+\/[^/]+?)\.git$/.exec(pkg.repository.url);
		if (!repository)
			throw new Error(`package.json repository ${pkg.repository.url} is not a GitHub URL`);
		const raw = `https://raw.githubusercontent.com/${repository[1]}/main/`;
		const blob = `https://github.com/${repository[1]}/blob/main/`;
		const links = [...readme.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)\)/g)].map(([, bang, target]) => ({
			image: bang === '!',
			target,
		}));

		test('shows the screenshots: absolute URLs to files that exist in the repository', () => {
			const images = links.filter((link) => link.image).map((link) => link.target);
			expect(images).toEqual(
				expect.arrayContaining(
					[
						'docs/screenshots/nodes-panel.png',
						'docs/screenshots/node-parameters.png',
						'docs/screenshots/node-output.png',
						'docs/screenshots/credential.png',
					].map((file) => raw + file),
				),
			);
			for (const image of images) {
				expect(image.startsWith(raw)).toBe(true);
				expect(`${image}: ${fs.existsSync(path.join(root, image.slice(raw.length)))}`).toBe(
					`${image}: true`,
				);
			}
		});

		test('has no relative link (it would be broken on npm); repository files it links exist', () => {
			for (const { target } of links) {
				expect(`${target}: ${/^(https:\/\/|#)/.test(target)}`).toBe(`${target}: true`);
				if (target.startsWith(blob))
					expect(`${target}: ${fs.existsSync(path.join(root, target.slice(blob.length)))}`).toBe(
						`${target}: true`,
					);
			}
		});

		test('has a Version history, Resources (Wolkvox API pages) and a CHANGELOG entry for this version', () => {
			expect(readme).toMatch(/^## Version history$/m);
			expect(readme).toMatch(new RegExp(`^\\| ${pkg.version.replace(/\./g, '\\.')} \\|`, 'm'));
			const resources = /^## Resources$([\s\S]*?)^## /m.exec(readme);
			expect(resources?.[1]).toMatch(/https:\/\/(www\.)?wolkvox\.com\//);
			const changelog = fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
			expect([...changelog.matchAll(/^## (\S+)$/gm)].map((match) => match[1])[0]).toBe(pkg.version);
		});
	});
});
