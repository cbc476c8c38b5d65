// @ts-check
'use strict';

/**
 * The README is for users and follows the sections of n8n's starter template; reference for
 * maintainers is in docs/. Generated parts match the spec, and what the docs point at exists.
 */

const fs = require('node:fs');
const path = require('node:path');
const { root, GENERATED, regenerated } = require('../../scripts/operations-table');

const read = (/** @type {string} */ file) => fs.readFileSync(path.join(root, file), 'utf8');
const readme = read('README.md');
const docs = fs
	.readdirSync(path.join(root, 'docs'))
	.filter((name) => name.endsWith('.md'))
	.map((name) => `docs/${name}`);

describe('generated from the catalogue spec (run `node scripts/operations-table.js` after changing it)', () => {
	for (const file of /** @type {(keyof typeof GENERATED)[]} */ (Object.keys(GENERATED))) {
		test(`${file} is up to date`, () => {
			const text = read(file);
			expect(text).toBe(regenerated(file, text));
		});
	}
});

describe('README.md', () => {
	test('has the two commands a newcomer needs: the main job with no account, and the tests', () => {
		const block = /^## Try it[^\n]*\n[\s\S]*?```bash\n([\s\S]*?)```/m.exec(readme);
		const commands = (block?.[1] ?? '')
			.split('\n')
			.map((line) => line.replace(/#.*/, '').trim())
			.filter(Boolean);
		expect(commands).toEqual(['npm ci && npm run demo', 'npm test']);
	});

	test("follows the sections of n8n's starter template, in its order, in at most 250 lines", () => {
		expect([...readme.matchAll(/^## (.+)$/gm)].map(([, heading]) => heading)).toEqual([
			'Try it (no Wolkvox account needed)',
			'Installation',
			'Operations',
			'Credentials',
			'Compatibility',
			'Usage',
			'Resources',
			'Version history',
			'License',
		]);
		expect(readme.split('\n').length - 1).toBeLessThanOrEqual(250);
	});

	test('the hourly example says an hourly schedule gets every hour once, also on fall-back nights', () => {
		const example = /\*\*Last complete hour, every hour\*\*[\s\S]*?(?=\n- |\n\n)/.exec(readme);
		expect(example?.[0].replace(/\s+/g, ' ')).toMatch(
			/hourly schedule gets every hour exactly once, also on the night the clocks go back/,
		);
	});
});

describe('docs/', () => {
	test('holds the operations table, performance, queue mode, requests and development', () => {
		expect(docs).toEqual(
			expect.arrayContaining(
				['operations', 'performance', 'queue-mode', 'requests', 'development'].map(
					(name) => `docs/${name}.md`,
				),
			),
		);
		expect(read('docs/performance.md')).toContain('](../bench/results.svg)');
	});

	for (const file of docs) {
		test(`${file}: relative links open files that exist`, () => {
			const targets = [...read(file).matchAll(/\]\(([^)\s#]+)(#[^)\s]*)?\)/g)]
				.map(([, target]) => target)
				.filter((target) => !/^[a-z]+:/.test(target));
			for (const target of targets) {
				const at = path.join(root, path.dirname(file), target);
				expect(`${target}: ${fs.existsSync(at)}`).toBe(`${target}: true`);
			}
		});
	}
});

describe.each(['README.md', ...docs])('%s', (file) => {
	const text = read(file);

	test('repository paths it names exist', () => {
		const paths = [
			...text.matchAll(
				/`((?:nodes|credentials|test|tools|bench|scripts|examples|docs|\.github|\.ci)\/[^`\s]*)`/g,
			),
		].map(([, name]) => name);
		for (const name of paths)
			expect(`${name}: ${fs.existsSync(path.join(root, name))}`).toBe(`${name}: true`);
	});

	test('describes the package as it is, with no story of earlier runs or sessions', () => {
		const story =
			/\b(sessions?|last stop|since then|(earlier|previous) (runs?|VMs?|versions?|bench)|(this|that) (run|VM)|before this version)\b/gi;
		expect(text.match(story) ?? []).toEqual([]);
	});
});
